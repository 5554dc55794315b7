import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// Method 2 (METHOD.md 2-4b):
// - a post directed at several organisations is a request for each: the key of requests becomes
//   (platform, post_id, org_id). Existing rows are kept as they are; the rows of the other
//   organisations a stored request mentions are added by the next writer (poller/split.ts re-reads
//   those threads), since deciding their responses needs the response reader, not SQL;
// - redirect_at: when the first redirect came (an outcome as it stood at an earlier instant needs it
//   when an acknowledgement came first); other_org_*: another organisation answered (never a
//   community answer);
// - method_settings.method_json: every method parameter the figures depend on (weights, horizon,
//   office hours, holidays), not only the two that decide stored outcomes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('requests_v2')
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
    .addColumn('answer_post_id', 'text')
    .addColumn('answer_at', 'text')
    .addColumn('redirect_at', 'text')
    .addColumn('other_org_post_id', 'text')
    .addColumn('other_org_at', 'text')
    .addPrimaryKeyConstraint('requests_v2_pk', ['platform', 'post_id', 'org_id'])
    .addForeignKeyConstraint('requests_v2_post', ['platform', 'post_id'], 'posts', ['platform', 'id'])
    .execute();
  const cols =
    'platform, post_id, org_id, account_id, author_id, kind, score, reasons, lang, created_at, response_post_id, ' +
    'response_at, response_kind, outcome, community_post_id, community_at, updated_at, answer_post_id, answer_at';
  // A redirect as first response is the first redirect; after an acknowledgement it is unknown until re-read.
  await sql
    .raw(
      `insert into requests_v2 (${cols}, redirect_at) select ${cols}, ` +
        `case when response_kind = 'redirect' then response_at end from requests`,
    )
    .execute(db);
  await db.schema.dropTable('requests').execute();
  await sql`alter table requests_v2 rename to requests`.execute(db);
  await db.schema.createIndex('requests_org_created').on('requests').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('requests_outcome_created').on('requests').columns(['outcome', 'created_at']).execute();
  await db.schema.createIndex('requests_created').on('requests').columns(['created_at']).execute();
  await db.schema.alterTable('method_settings').addColumn('method_json', 'text').execute();
}
