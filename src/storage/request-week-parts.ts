import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { SETTLED_BY_CUT, type CountParams } from './count-sql.js';
import { rawOfDb, statement } from './db.js';
import { settledRows, writeWeek, type KeptWeek } from './request-weeks.js';
import type { Database } from './schema/index.js';

// Parts of weeks (migration 0011, #16): in a week that is not settled yet, the counts of the
// requests that are (count-sql.ts SETTLED_BY_CUT), kept like a whole week's. A report adds a part up
// and counts the week's other requests one by one.

/** A part of the week [startMs, endMs): its settled requests at cutMs. */
export interface WeekPart extends KeptWeek {
  cutMs: number;
}

/** The parts counted at or before T for this answer window, in order. */
export function weekParts(sqlite: SQLite.Database, T: number, windowMs: number): WeekPart[] {
  return (
    statement(
      sqlite,
      'select start_ms, end_ms, cut_ms from request_week_sets where cut_ms <= ? and window_ms = ? order by start_ms',
    )
      .raw()
      .all(T, windowMs) as [number, number, number][]
  ).map(([startMs, endMs, cutMs]) => ({ startMs, endMs, cutMs }));
}

/**
 * Keeps the part of the week [a, b) settled at T (replacing an older part), unless the whole week
 * is kept. Counts per organisation, and per organisation, platform and kind, as keepWeek does, in
 * one immediate transaction with the check. Returns whether a part was written (none when no
 * request of the week is settled yet).
 */
export function keepWeekPart(
  db: Kysely<Database>,
  week: { a: number; b: number },
  p: CountParams,
  keptAt: string,
): boolean {
  const sqlite = rawOfDb(db)!;
  return sqlite
    .transaction(() => {
      const whole = statement(sqlite, 'select 1 from request_week_sets where start_ms = ? and cut_ms is null');
      if (whole.get(week.a)) return false;
      // The rule admits only requests whose counts no longer change; should one not be settled after
      // all, the week is counted request by request as before.
      const rows = settledRows(sqlite, week, p, { where: SETTLED_BY_CUT, cut: p.T });
      if (!rows) return false;
      if (!rows.length) {
        statement(sqlite, 'delete from request_week_sets where start_ms = ?').run(week.a);
        statement(sqlite, 'delete from request_weeks where start_ms = ?').run(week.a);
        return false;
      }
      writeWeek(sqlite, { a: week.a, b: week.b, settledMs: p.T, windowMs: p.windowMs, keptAt, cutMs: p.T }, rows);
      return true;
    })
    .immediate();
}
