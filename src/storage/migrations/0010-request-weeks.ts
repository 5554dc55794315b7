import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// Issue #16 item 1 (docs/benchmarks.md): the counts of weeks that can no longer change, so a report
// over a year adds up weeks instead of requests.
// - request_week_sets: one row per kept week [start_ms, end_ms) (an ISO week in the configured
//   zone when it was kept). Its counts hold for every instant from settled_ms on, the last instant
//   any request of the week depends on (its window, horizon, norm, replies), for the answer window
//   window_ms. A row here is what makes the week's rows in request_weeks usable.
// - request_weeks: per kept week and organisation (platform and kind ''), and per kept week,
//   organisation, platform and kind, every count of storage/count-sql.ts and the distributions'
//   values as blobs of float64 (storage/request-weeks.ts). The key starts with platform and kind,
//   so an organisation's own rows of a span of weeks are one range.
// - Triggers: a delete or a change of a counted column of a request drops its week's set row (a
//   late reply, stored times recomputed), so a stale week is never read; the daily upkeep keeps it
//   again. Inserts are dropped by saveRequests (storage/requests.ts), not by a trigger: measured on
//   25,000 requests, any AFTER INSERT trigger, even `when 0`, made the inserts 3.5 times slower.
const COUNTS = [
  'requests',
  'questions',
  'reports',
  'answered',
  'redirected',
  'acknowledged',
  'unanswered',
  'pending',
  'community',
  'other_org',
  'final_at',
  'provisional',
  'outcomes_final_at',
  'in_horizon_hit',
  'in_horizon_base',
  'answered_in_horizon',
  'within1h_hit',
  'within1h_base',
  'within24h_hit',
  'within24h_base',
  'within_norm_hit',
  'within_norm_base',
  'timed',
  'out_of_hours',
  'answers',
  'censored_at_window',
];

// The request columns the counts read (the covering index requests_times of migration 0008).
const COUNTED = [
  'org_id',
  'platform',
  'kind',
  'account_id',
  'created_ms',
  'response_ms',
  'response_kind',
  'answer_ms',
  'redirect_ms',
  'community_ms',
  'other_org_ms',
  'horizon_end_ms',
  'window_end_ms',
  'norm_reach_ms',
  'response_business_ms',
  'response_in_hours',
  'answer_in_norm',
  'times_key',
];

const dropWeekOf = (row: 'new' | 'old') =>
  `delete from request_week_sets where start_ms = (select max(start_ms) from request_week_sets where start_ms <= ${row}.created_ms) and end_ms > ${row}.created_ms;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_week_sets')
    .addColumn('start_ms', 'integer', (c) => c.primaryKey())
    .addColumn('end_ms', 'integer', (c) => c.notNull())
    .addColumn('settled_ms', 'integer', (c) => c.notNull())
    .addColumn('window_ms', 'integer', (c) => c.notNull())
    .addColumn('kept_at', 'text', (c) => c.notNull())
    .execute();
  let t = db.schema
    .createTable('request_weeks')
    .addColumn('start_ms', 'integer', (c) => c.notNull())
    .addColumn('end_ms', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key_min', 'integer')
    .addColumn('key_max', 'integer');
  for (const c of COUNTS) t = t.addColumn(c, 'integer', (col) => (c === 'outcomes_final_at' ? col : col.notNull()));
  await t
    .addColumn('wall', 'blob')
    .addColumn('business', 'blob')
    .addColumn('answer', 'blob')
    .addPrimaryKeyConstraint('request_weeks_pk', ['platform', 'kind', 'start_ms', 'org_id'])
    .execute();
  await sql`create index request_weeks_start on request_weeks (start_ms)`.execute(db);
  await sql
    .raw(`create trigger request_weeks_delete after delete on requests begin ${dropWeekOf('old')} end`)
    .execute(db);
  const changed = COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or ');
  await sql
    .raw(
      `create trigger request_weeks_update after update on requests when ${changed} ` +
        `begin ${dropWeekOf('old')} ${dropWeekOf('new')} end`,
    )
    .execute(db);
}
