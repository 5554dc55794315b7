import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// METHOD.md 7 (privacy):
// - privacy: one row. key_fingerprint is an HMAC of a fixed string under the hash key (never the
//   key), recorded by the first command that hashes citizen ids; a later command with another key
//   refuses to run, so one citizen never gets two hashes. scrub_version: how far the one-time
//   clean-up of rows stored before raw payloads were scrubbed has got (done by the next writer,
//   which has the key, as poller/split.ts does for method 2).
// - posts_retention: the rows the retention step has not processed yet, by time, so the daily
//   upkeep reads only those (and finds the ones whose created_at is unparseable or in the future).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('key_fingerprint', 'text', (c) => c.notNull())
    .addColumn('scrub_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index posts_retention on posts (author_is_org, created_at, fetched_at) where text_purged_at is null`.execute(
    db,
  );
}
