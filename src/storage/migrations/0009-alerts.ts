import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// Issue #15 item 5 (alerts, docs/alerts.md): what `webcare run` posted to each webhook, so a request is
// alerted once per webhook ever and a failed post is tried again on a later check.
// - alert_requests: one row per (request, webhook) once a post was tried; status 'sent' or 'failed'.
//   webhook is the webhook's name (config `name`, or a hash of its URL): never the URL, a secret.
// - alert_summaries: one row per (daily summary slot, webhook); slot is the local minute it was due.
// - requests_norm_reach: the checks read the requests whose norm passed in the last days by this
//   index (the covering index requests_times starts with created_ms).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_requests')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('webhook', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_tried_at', 'text', (c) => c.notNull())
    .addColumn('last_tried_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('retry_at', 'text')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('alert_requests_pk', ['platform', 'post_id', 'org_id', 'webhook'])
    .execute();
  await db.schema
    .createTable('alert_summaries')
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('webhook', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_tried_at', 'text', (c) => c.notNull())
    .addColumn('last_tried_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('retry_at', 'text')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('alert_summaries_pk', ['slot', 'webhook'])
    .execute();
  await sql`create index requests_norm_reach on requests (norm_reach_ms)`.execute(db);
}
