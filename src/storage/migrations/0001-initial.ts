import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('official_name', 'text')
    .addColumn('cbs', 'text', (c) => c.unique())
    .addColumn('province', 'text')
    .addColumn('population', 'integer')
    .addColumn('hours', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('x','facebook','mastodon','bluesky')`))
    .addColumn('handle', 'text', (c) => c.notNull().modifyEnd(sql`collate nocase`))
    .addColumn('platform_user_id', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('next_check_at', 'text')
    .addColumn('retry_at', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('accounts_platform_handle', ['platform', 'handle'])
    .execute();
  await db.schema.createIndex('accounts_org').on('accounts').columns(['org_id']).execute();

  await db.schema
    .createTable('cursors')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cursors_pk', ['platform', 'scope', 'stream'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_handle', 'text')
    .addColumn('author_is_org', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reply_to_id', 'text')
    .addColumn('reply_to_user_id', 'text')
    .addColumn('thread_root_id', 'text')
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('lang', 'text')
    .addColumn('url', 'text')
    .addColumn('referenced_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('raw', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('adapter_version', 'text', (c) => c.notNull())
    .addColumn('text_purged_at', 'text')
    .addPrimaryKeyConstraint('posts_pk', ['platform', 'id'])
    .execute();
  await db.schema.createIndex('posts_thread').on('posts').columns(['platform', 'thread_root_id']).execute();
  await db.schema.createIndex('posts_reply_to').on('posts').columns(['platform', 'reply_to_id']).execute();
  await db.schema.createIndex('posts_created').on('posts').columns(['created_at']).execute();

  await db.schema
    .createTable('requests')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('question','report')`))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('lang', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('response_post_id', 'text')
    .addColumn('response_at', 'text')
    .addColumn('response_kind', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('answered','redirected','acknowledged','unanswered','pending')`),
    )
    .addColumn('community_post_id', 'text')
    .addColumn('community_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('requests_pk', ['platform', 'post_id'])
    .addForeignKeyConstraint('requests_post', ['platform', 'post_id'], 'posts', ['platform', 'id'])
    .execute();
  await db.schema.createIndex('requests_org_created').on('requests').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('requests_outcome_created').on('requests').columns(['outcome', 'created_at']).execute();
  await db.schema.createIndex('requests_created').on('requests').columns(['created_at']).execute();

  await db.schema
    .createTable('bios')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parsed', 'text', (c) => c.notNull())
    .addColumn('parser_version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('bios_account_time', ['account_id', 'fetched_at'])
    .execute();

  await db.schema
    .createTable('poll_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('requests_made', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('posts_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('users_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('posts_stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('poll_runs_platform_started')
    .on('poll_runs')
    .columns(['platform', 'started_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only: restore a backup instead of migrating down');
}
