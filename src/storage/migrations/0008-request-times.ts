import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// #16: reports add up numbers instead of walking the office calendar per request. Each request keeps
// its instants as epoch ms and its instant-free times (analysis/request-times.ts) with the key of
// the parameters and hours they were computed with; rows without them (older databases, or other
// parameters) are filled by the writers (poller/request-times.ts refreshTimes) and read on the slow
// path meanwhile. One covering index serves every report of a period without touching the table.
const COLUMNS = [
  'created_ms',
  'response_ms',
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

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('requests').addColumn(c, 'integer').execute();
  await sql`create index requests_times on requests (created_ms, org_id, platform, kind, account_id, response_ms, response_kind, answer_ms, redirect_ms, community_ms, other_org_ms, horizon_end_ms, window_end_ms, norm_reach_ms, response_business_ms, response_in_hours, answer_in_norm, times_key)`.execute(
    db,
  );
}
