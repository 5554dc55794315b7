import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { rawOfDb, statement } from './db.js';
import { addCounts, HOUR_MS, PLATFORMS } from '../model/index.js';
import {
  countsSql,
  rowOf,
  NOT_HELD_AT_CUT,
  timesSelection,
  VALUES,
  type CountGroup,
  type CountParams,
  type CountRow,
  type TimesFilters,
} from './count-sql.js';
import type { Database } from './schema/index.js';
import { weekParts, type WeekPart } from './request-week-parts.js';
import { keptRows, keptWeeks } from './request-week-reads.js';
import type { KeptWeek } from './request-weeks.js';

export type { CountGroup, CountParams, CountRow, TimesFilters } from './count-sql.js';
export { keepWeek } from './request-weeks.js';

// Reports' counts: kept weeks (request-weeks.ts) added up, the rest counted by count-sql.ts.

/**
 * The rows of one group and organisation as one: counts add, keys take the extremes, values are
 * joined once (joining row by row copied an organisation's values once per row).
 */
function mergeRows(rows: readonly CountRow[]): CountRow {
  const a = rows[0]!;
  if (rows.length === 1) return a;
  for (const b of rows.slice(1)) {
    addCounts(a, b);
    a.keyless += b.keyless;
    a.unlike += b.unlike;
    if (b.keyMin !== null) a.keyMin = a.keyMin === null ? b.keyMin : Math.min(a.keyMin, b.keyMin);
    if (b.keyMax !== null) a.keyMax = a.keyMax === null ? b.keyMax : Math.max(a.keyMax, b.keyMax);
  }
  for (const v of VALUES) {
    const joined = new Float64Array(rows.reduce((n, r) => n + (r[v] as Float64Array).length, 0));
    let at = 0;
    for (const r of rows) {
      joined.set(r[v] as Float64Array, at);
      at += (r[v] as Float64Array).length;
    }
    (a[v] as Float64Array) = joined;
  }
  return a;
}

/** [a, b) minus the kept weeks inside it: the ranges still counted request by request. */
function liveRanges(a: number, b: number, kept: readonly KeptWeek[]): [number, number][] {
  const out: [number, number][] = [];
  let at = a;
  for (const w of kept) {
    if (w.startMs > at) out.push([at, w.startMs]);
    at = Math.max(at, w.endMs);
  }
  if (at < b) out.push([at, b]);
  return out;
}

/**
 * The live ranges cut at the parts inside them: a range within a part's week counts only the
 * requests the part does not hold (count-sql.ts HELD_AT_CUT at its cut and until).
 */
function segments(ranges: readonly [number, number][], parts: readonly WeekPart[]): [number, number, WeekPart?][] {
  const out: [number, number, WeekPart?][] = [];
  for (const [x, y] of ranges) {
    let at = x;
    for (const w of parts) {
      if (w.endMs <= at || w.startMs >= y) continue;
      if (w.startMs > at) out.push([at, w.startMs]);
      const end = Math.min(w.endMs, y);
      const last = out[out.length - 1];
      // Parts kept in one run share their cut and end: their weeks are one range of one statement.
      const same = last?.[2] && last[2].cutMs === w.cutMs && last[2].untilMs === w.untilMs;
      if (last && same && last[1] === Math.max(at, w.startMs)) last[1] = end;
      else out.push([Math.max(at, w.startMs), end, w]);
      at = end;
    }
    if (at < y) out.push([at, y]);
  }
  return out;
}

/** The spans [first start, last end) of served parts with no other usable part between them. */
function runs(served: readonly WeekPart[], all: readonly WeekPart[]): [number, number][] {
  const out: [number, number][] = [];
  let open = false;
  for (const w of all) {
    if (!served.includes(w)) open = false;
    else if (open) out[out.length - 1]![1] = w.endMs;
    else {
      out.push([w.startMs, w.endMs]);
      open = true;
    }
  }
  return out;
}

/** Whether requestCounts can count on this database (SQLite; PostgreSQL measures the slow way so far). */
export function canCount(db: Kysely<Database>): boolean {
  return rawOfDb(db) !== undefined;
}

/**
 * Counts per (group, organisation) at T, or undefined when the database is not SQLite or some
 * request has no stored instant yet (the caller measures the slow way). Kept weeks (migration
 * 0010) inside a group's period are added up; the rest is counted over the covering index, one
 * range of it per query. Platforms and intervals (weeks) are groups of their own. One read
 * transaction, so a writer between the statements cannot make them disagree. `values` 'joined':
 * the caller joins the values of every organisation of a group (the national figure, per platform,
 * per week), so a kept span's values may all come on one organisation's row (request-weeks.ts keptRows).
 */
export function requestCounts(
  db: Kysely<Database>,
  f: TimesFilters,
  g: CountGroup,
  p: CountParams,
  values: 'per-org' | 'joined' = 'per-org',
): CountRow[] | undefined {
  const sqlite = rawOfDb(db);
  if (!sqlite) return undefined;
  return sqlite.transaction(() => countsIn(sqlite, f, g, p, values))();
}

function countsIn(
  sqlite: SQLite.Database,
  f: TimesFilters,
  g: CountGroup,
  p: CountParams,
  values: 'per-org' | 'joined',
): CountRow[] | undefined {
  if (statement(sqlite, 'select 1 from requests where created_ms is null limit 1').get()) return undefined;
  const named = { t: p.T, hour: p.hourMs, window: p.windowMs };
  const parts: { group: string | number; f: TimesFilters }[] = [];
  if (g.by === 'none') parts.push({ group: '', f });
  else if (g.by === 'platform')
    for (const platform of f.platform ? [f.platform] : PLATFORMS)
      parts.push({ group: platform, f: { ...f, platform } });
  else
    for (let i = 0; i + 1 < g.bounds.length; i++) {
      const since = Math.max(f.since?.getTime() ?? -Infinity, g.bounds[i]!);
      const until = Math.min(f.until?.getTime() ?? Infinity, g.bounds[i + 1]!);
      if (since < until) parts.push({ group: i, f: { ...f, since: new Date(since), until: new Date(until) } });
    }
  const weeks = keptWeeks(sqlite, p.T, p.windowMs);
  // Parts hold requests settled by the rule's 24 hours: with another hour they are not used.
  const weekPartsAtT = p.hourMs === HOUR_MS ? weekParts(sqlite, p.T, p.windowMs) : [];
  const out: CountRow[] = [];
  for (const part of parts) {
    const byOrg = new Map<string, CountRow[]>();
    const add = (row: CountRow) => {
      const had = byOrg.get(row.orgId);
      if (had) had.push(row);
      else byOrg.set(row.orgId, [row]);
    };
    // The part's period as created_ms >= a and < b, the instant T included (timesSelection).
    const a = part.f.since?.getTime() ?? Number.MIN_SAFE_INTEGER;
    const b = Math.min(part.f.until?.getTime() ?? Number.MAX_SAFE_INTEGER, p.T + 1);
    const inside = weeks.filter((w) => w.startMs >= a && w.endMs <= b);
    // A part can serve when its week starts inside the period and every request it holds (created
    // a day or more before its cut) is inside too.
    const served = weekPartsAtT.filter((w) => w.startMs >= a && Math.min(w.endMs, w.cutMs) <= b);
    for (const [x, y, held] of segments(liveRanges(a, b, inside), served)) {
      // Open ends stay open (a Date cannot hold the safe integers that stand for them).
      const range = {
        since: x > a || part.f.since ? new Date(x) : undefined,
        until: y < b ? new Date(y) : part.f.until,
      };
      const { where, args } = timesSelection({ ...part.f, ...range }, p.T);
      const sql = held ? countsSql(`${where} and ${NOT_HELD_AT_CUT}`) : countsSql(where);
      for (const r of statement(sqlite, sql)
        .raw()
        .all(...args, held ? { ...named, cut: held.cutMs, until: held.untilMs } : named) as unknown[][])
        add(rowOf(r, part.group));
    }
    // One statement per run of served parts (nearly always one): read one by one, the parts cost
    // about what their requests saved.
    for (const [x, y] of runs(served, weekPartsAtT))
      for (const row of keptRows(sqlite, part.f, { t: p.T, window: p.windowMs, a: x, b: y }, part.group, true, values))
        add(row);
    if (inside.length) {
      const span = { t: p.T, window: p.windowMs, a: inside[0]!.startMs, b: inside[inside.length - 1]!.endMs };
      for (const row of keptRows(sqlite, part.f, span, part.group, false, values)) add(row);
    }
    for (const rows of byOrg.values()) out.push(mergeRows(rows));
  }
  return out;
}

/** The first and last created instant (ms) of the selection; nulls when it is empty. */
export function createdRange(db: Kysely<Database>, f: TimesFilters, T: number): [number | null, number | null] {
  const { where, args } = timesSelection(f, T);
  // Two statements: SQLite reads a lone min() or max() off the index's end, not both at once.
  const sqlite = rawOfDb(db)!;
  const first = statement(sqlite, `select min(created_ms) from requests indexed by requests_times where ${where}`);
  const last = statement(sqlite, `select max(created_ms) from requests indexed by requests_times where ${where}`);
  return [first.pluck().get(...args) as number | null, last.pluck().get(...args) as number | null];
}

/** The distinct (account, stored times key) of an organisation's requests of the period. */
export function timesKeysOfOrg(
  db: Kysely<Database>,
  f: TimesFilters,
  orgId: string,
  T: number,
): { accountId: number | null; key: number | null }[] {
  const { where, args } = timesSelection({ ...f, org: orgId }, T);
  return statement(
    rawOfDb(db)!,
    `select distinct account_id, times_key from requests indexed by requests_times where ${where}`,
  )
    .raw()
    .all(...args)
    .map((r) => {
      const [accountId, key] = r as [number | null, number | null];
      return { accountId, key };
    });
}
