import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// Issue #16: the weeks not settled yet (the last five or six, with a 30-day answer window) hold
// mostly requests that are: answered, and past their horizon, norm, 24 hours and every reply. Their
// counts are kept per week as a part (request_week_sets.cut_ms not null, rows in request_weeks as for
// a whole week): every request of the week that is settled at cut_ms by the rule below. A report
// adds the part up and counts only the other requests of the week.
// - cut_ms: null for a whole kept week (migration 0010); else the instant the part was counted at.
// - The update trigger is replaced: a whole week is dropped on any change of a counted column, as
//   before, but a part only when the request was in it or would be now, so a reply to an open
//   request (the daemon's daily business) does not drop the parts of the last weeks.
// The rule (storage/count-sql.ts settledSql holds the same): stored times present, answered within
// the window, and every instant its counts depend on (24 hours, horizon, norm, replies) at or
// before the cut.
const settled = (r: 'old' | 'new') =>
  `(${r}.times_key is not null and ${r}.horizon_end_ms is not null and ${r}.window_end_ms is not null` +
  ` and coalesce(${r}.answer_ms, case when ${r}.response_kind = 'answer' then ${r}.response_ms end) <= ${r}.window_end_ms` +
  ` and max(${r}.created_ms + 86400000, ${r}.horizon_end_ms, coalesce(${r}.norm_reach_ms, 0), coalesce(${r}.response_ms, 0),` +
  ` coalesce(${r}.answer_ms, 0), coalesce(${r}.redirect_ms, 0), coalesce(${r}.community_ms, 0), coalesce(${r}.other_org_ms, 0))` +
  ` <= request_week_sets.cut_ms)`;

// As migration 0010's request_weeks_update: the request columns the counts read.
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

const dropSetOf = (r: 'old' | 'new') =>
  `delete from request_week_sets where start_ms = (select max(start_ms) from request_week_sets where start_ms <= ${r}.created_ms)` +
  ` and end_ms > ${r}.created_ms and (cut_ms is null or coalesce(${settled('old')} or ${settled('new')}, 0));`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request_week_sets').addColumn('cut_ms', 'integer').execute();
  await sql`drop trigger request_weeks_update`.execute(db);
  const changed = COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or ');
  await sql
    .raw(
      `create trigger request_weeks_update after update on requests when ${changed} ` +
        `begin ${dropSetOf('old')} ${dropSetOf('new')} end`,
    )
    .execute(db);
}
