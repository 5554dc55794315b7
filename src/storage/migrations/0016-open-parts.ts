import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db.js';

// Shipped migration: never edit; add a new numbered file instead.
// #16: parts of weeks (migration 0011) also hold the open requests of a week, so `stats --since 30d`
// counts few requests one by one. A part counted at cut_ms now holds for every instant up to
// until_ms, and holds every request none of whose counts changes in (cut_ms, until_ms]: no reply,
// horizon, norm, 24 hours, window end or censoring age falls inside it (count-sql.ts HELD_AT_CUT holds
// the same rule). Its counts at any T in [cut_ms, until_ms] equal those at cut_ms, except the ages of
// the requests still censored (unanswered, inside the window), kept as their created instants in the
// new column `censored` and read as T - created.
// - request_week_sets.until_ms: the last instant a part holds for (null for a whole week).
// - request_weeks.censored: those created instants, little-endian float64 (null for a whole week).
// - Every part kept by the earlier rule is dropped (the next upkeep, import or rollup keeps it again).
// - The update trigger of migration 0011 is replaced: a part goes when a request it holds, or would
//   hold after the change, changes. A reply to an open request now drops its week's part.
const S = 'request_week_sets';
const gap = (x: string) => `(${x} is null or ${x} <= ${S}.cut_ms or ${x} > ${S}.until_ms)`;
const held = (r: 'old' | 'new') =>
  `(${r}.times_key is not null and ${r}.horizon_end_ms is not null and ${r}.window_end_ms is not null` +
  ` and ${r}.created_ms + 86400000 <= ${S}.cut_ms` +
  ['horizon_end_ms', 'norm_reach_ms', 'response_ms', 'answer_ms', 'redirect_ms', 'community_ms', 'other_org_ms']
    .map((c) => ` and ${gap(`${r}.${c}`)}`)
    .join('') +
  ` and ((${r}.response_ms is not null and coalesce(${r}.answer_ms, case when ${r}.response_kind = 'answer'` +
  ` then ${r}.response_ms end) <= min(${r}.window_end_ms, ${S}.cut_ms))` +
  ` or (${gap(`${r}.window_end_ms`)} and ${gap(`(${r}.created_ms + ${S}.window_ms)`)})))`;

// As migration 0011: the request columns the counts read.
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
  ` and end_ms > ${r}.created_ms and (cut_ms is null or coalesce(${held('old')} or ${held('new')}, 0));`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .alterTable('request_week_sets')
    .addColumn('until_ms', pg ? sql`bigint` : sql`integer`)
    .execute();
  await db.schema
    .alterTable('request_weeks')
    .addColumn('censored', pg ? sql`bytea` : sql`blob`)
    .execute();
  await sql`delete from request_weeks where start_ms in (select start_ms from request_week_sets where cut_ms is not null)`.execute(
    db,
  );
  await sql`delete from request_week_sets where cut_ms is not null`.execute(db);
  // PostgreSQL keeps no weeks (#17): no trigger there.
  if (pg) return;
  await sql`drop trigger request_weeks_update`.execute(db);
  const changed = COUNTED.map((c) => `old.${c} is not new.${c}`).join(' or ');
  await sql
    .raw(
      `create trigger request_weeks_update after update on requests when ${changed} ` +
        `begin ${dropSetOf('old')} ${dropSetOf('new')} end`,
    )
    .execute(db);
}
