import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import {
  COUNT_COLUMNS,
  countsSql,
  HELD_AT_CUT,
  rowOf,
  timesSelection,
  VALUES,
  type CountParams,
  type CountRow,
} from './count-sql.js';
import { rawOfDb, statement } from './db.js';
import type { Database } from './schema/index.js';

// A day in ms: a part holds only requests 24 hours old at its cut (count-sql.ts HELD_AT_CUT).
const DAY = 86_400_000;

// Kept weeks (migration 0010, #16): the counts of storage/request-counts.ts per week, organisation,
// platform and kind, for weeks whose every count is the same at any later instant. A report adds
// them up and counts only the rest request by request; the triggers of migration 0010 drop a week
// whose requests change, so what is read (storage/request-week-reads.ts) always equals counting
// its requests again.

/** A kept week [startMs, endMs) (its set row also holds the instant it is usable from). */
export interface KeptWeek {
  startMs: number;
  endMs: number;
}

export const snake = (c: string) => c.replace(/[A-Z]/g, (m) => '_' + m.toLowerCase());
// What a kept row stores of a count row, in migration 0010's columns: the stored times keys, every
// count and the distributions (nothing is kept unlike or keyless). A whole week has nothing
// censored; a part keeps its censored requests' created instants (migration 0016).
const KEPT = COUNT_COLUMNS.filter((c) => !['orgId', 'keyless', 'unlike'].includes(c));

/** Values as stored: float64 in the machine's order (little-endian wherever Node runs). */
const blobOf = (v: Float64Array): Buffer | null =>
  v.length ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null;

/** The last instant any count of the requests created in [a, b) depends on, and whether all have stored times. */
function weekState(
  sqlite: SQLite.Database,
  a: number,
  b: number,
  windowMs: number,
  hourMs: number,
): { requests: number; settledMs: number; complete: boolean } {
  const [requests, missing, settled] = statement(
    sqlite,
    `select count(*), sum(times_key is null or horizon_end_ms is null or window_end_ms is null or created_ms is null),
        max(max(window_end_ms, horizon_end_ms, created_ms + :window, created_ms + 24 * :hour,
          coalesce(norm_reach_ms, 0), coalesce(response_ms, 0), coalesce(answer_ms, 0), coalesce(redirect_ms, 0),
          coalesce(community_ms, 0), coalesce(other_org_ms, 0)))
       from requests indexed by requests_times where created_ms >= :a and created_ms < :b`,
  )
    .raw()
    .get({ a, b, window: windowMs, hour: hourMs }) as [number, number | null, number | null];
  return { requests, settledMs: settled ?? a, complete: !missing };
}

/** One kept row: the week's organisation, platform and kind ('' and '' for the organisation's own), and its counts. */
export interface KeptRow {
  platform: string;
  kind: string;
  row: CountRow;
}

const KEPT_INSERT = (() => {
  const cols = ['start_ms', 'end_ms', 'org_id', 'platform', 'kind', ...KEPT.map(snake)];
  return `insert into request_weeks (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`;
})();

/**
 * Replaces the kept rows of the week [a, b) and marks it kept from settledMs on, whole or (cutMs to
 * untilMs) as a part, inside the caller's transaction.
 */
export function writeWeek(
  sqlite: SQLite.Database,
  week: {
    a: number;
    b: number;
    settledMs: number;
    windowMs: number;
    keptAt: string;
    cutMs?: number;
    untilMs?: number;
  },
  rows: readonly KeptRow[],
): void {
  const insert = statement(sqlite, KEPT_INSERT);
  statement(sqlite, 'delete from request_weeks where start_ms = ?').run(week.a);
  for (const { platform, kind, row } of rows)
    insert.run(
      week.a,
      week.b,
      row.orgId,
      platform,
      kind,
      ...KEPT.map((c) => (VALUES.has(c) ? blobOf(row[c] as Float64Array) : row[c])),
    );
  statement(
    sqlite,
    'insert or replace into request_week_sets (start_ms, end_ms, settled_ms, window_ms, kept_at, cut_ms, until_ms) values (?, ?, ?, ?, ?, ?, ?)',
  ).run(week.a, week.b, week.settledMs, week.windowMs, week.keptAt, week.cutMs ?? null, week.untilMs ?? null);
}

/**
 * Drops the kept weeks that hold these created instants: what a trigger does for updates and
 * deletes, done here for inserts (migration 0010: an insert trigger made every insert slower). A
 * part (migration 0011) only holds requests created 24 hours or more before its cut, so a new
 * request after that leaves it as it is. New requests are nearly always after all of them; one
 * read says so.
 */
export function dropWeeksHolding(sqlite: SQLite.Database, createdMs: readonly (number | null)[]): void {
  if (!createdMs.length) return;
  const last = statement(
    sqlite,
    `select max(case when cut_ms is null then end_ms - 1 else cut_ms - ${DAY} end) from request_week_sets`,
  )
    .pluck()
    .get() as number | null;
  if (last === null) return;
  const drop = statement(
    sqlite,
    `delete from request_week_sets where start_ms = (select max(start_ms) from request_week_sets where start_ms <= :c)
      and end_ms > :c and (cut_ms is null or :c <= cut_ms - ${DAY})`,
  );
  for (const c of createdMs) if (c !== null && c <= last) drop.run({ c });
}

/** Every kept week and part, whatever its window (cutMs and untilMs: null for a whole week). */
export function keptWeekSets(
  db: Kysely<Database>,
): (KeptWeek & { windowMs: number; cutMs: number | null; untilMs: number | null })[] {
  return (
    statement(
      rawOfDb(db)!,
      'select start_ms, end_ms, window_ms, cut_ms, until_ms from request_week_sets order by start_ms',
    )
      .raw()
      .all() as [number, number, number, number | null, number | null][]
  ).map(([startMs, endMs, windowMs, cutMs, untilMs]) => ({ startMs, endMs, windowMs, cutMs, untilMs }));
}

/** Forgets the kept weeks starting at these instants (their rows too). */
export function dropKeptWeeks(db: Kysely<Database>, starts: readonly number[]): void {
  const sqlite = rawOfDb(db)!;
  sqlite.transaction(() => {
    for (const start of starts) {
      statement(sqlite, 'delete from request_week_sets where start_ms = ?').run(start);
      statement(sqlite, 'delete from request_weeks where start_ms = ?').run(start);
    }
  })();
}

/** The created instant of the oldest request with stored times, or null. */
export function firstCreatedMs(db: Kysely<Database>): number | null {
  return statement(
    rawOfDb(db)!,
    'select min(created_ms) from requests indexed by requests_times where created_ms is not null',
  )
    .pluck()
    .get() as number | null;
}

/**
 * The kept rows of the requests created in [a, b), per organisation (platform and kind '') and per
 * organisation, platform and kind, counted at T: all of them (a whole week), or those a part counted
 * at `part.cut` holds up to `part.until` (count-sql.ts HELD_AT_CUT), their censored ages kept as
 * created instants. Undefined when one of them cannot be kept after all (a whole week: something
 * provisional, pending or censored; either: without stored times, or answered later than known),
 * and the week is then counted request by request.
 */
export function settledRows(
  sqlite: SQLite.Database,
  week: { a: number; b: number },
  p: CountParams,
  part?: { cut: number; until: number },
): KeptRow[] | undefined {
  const selection = timesSelection({ since: new Date(week.a), until: new Date(week.b) }, p.T);
  const where = part ? `${selection.where} and ${HELD_AT_CUT}` : selection.where;
  const named = { t: p.T, hour: p.hourMs, window: p.windowMs, ...part };
  const rows: KeptRow[] = [];
  for (const perKind of [false, true])
    for (const r of statement(sqlite, countsSql(where, perKind))
      .raw()
      .all(...selection.args, named) as unknown[][]) {
      const [orgId, platform, kind, ...rest] = (perKind ? r : [r[0], '', '', ...r.slice(1)]) as [
        string,
        string,
        string,
        ...unknown[],
      ];
      const row = rowOf([orgId, ...rest], '');
      if (row.keyless || row.unlike) return undefined;
      if (!part && (row.provisional || row.pending || row.censored.length)) return undefined;
      if (part) row.censored = row.censored.map((age) => p.T - age);
      rows.push({ platform, kind, row });
    }
  return rows;
}

/**
 * Keeps the week [a, b) when every request of it is settled at `now` (its counts can no longer
 * change without a write to it, which the triggers notice) and all have stored times: counts it
 * per organisation, platform and kind at `now` and stores them, in one transaction with the check.
 * Returns whether the week was kept.
 */
export function keepWeek(
  db: Kysely<Database>,
  week: { a: number; b: number },
  p: CountParams,
  keptAt: string,
): boolean {
  const sqlite = rawOfDb(db)!;
  return sqlite
    .transaction(() => {
      const state = weekState(sqlite, week.a, week.b, p.windowMs, p.hourMs);
      if (!state.complete || state.settledMs > p.T) return false;
      const rows = settledRows(sqlite, week, p);
      if (!rows) return false;
      writeWeek(sqlite, { a: week.a, b: week.b, settledMs: state.settledMs, windowMs: p.windowMs, keptAt }, rows);
      return true;
      // Immediate: it reads, then writes; a deferred transaction would fail at once (SQLITE_BUSY_SNAPSHOT)
      // when another connection commits in between, where this one waits for the lock instead.
    })
    .immediate();
}
