import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { CountParams } from './count-sql.js';
import { rawOfDb, statement } from './db.js';
import { settledRows, writeWeek, type KeptWeek } from './request-weeks.js';
import type { Database } from './schema/index.js';

// Parts of weeks (migrations 0011 and 0016, #16): in a week that is not settled yet, the counts of
// the requests that stay the same from the part's cut to its end (count-sql.ts HELD_AT_CUT), kept
// like a whole week's. A report at an instant inside that span adds a part up and counts the week's
// other requests one by one.

/** A part of the week [startMs, endMs): the requests it holds for T in [cutMs, untilMs]. */
export interface WeekPart extends KeptWeek {
  cutMs: number;
  untilMs: number;
}

/** The parts that hold at T for this answer window, in order. */
export function weekParts(sqlite: SQLite.Database, T: number, windowMs: number): WeekPart[] {
  return (
    statement(
      sqlite,
      'select start_ms, end_ms, cut_ms, until_ms from request_week_sets where cut_ms <= ? and until_ms >= ? and window_ms = ? order by start_ms',
    )
      .raw()
      .all(T, T, windowMs) as [number, number, number, number][]
  ).map(([startMs, endMs, cutMs, untilMs]) => ({ startMs, endMs, cutMs, untilMs }));
}

/**
 * Keeps the part of the week [a, b) counted at T that holds up to `untilMs` (replacing an older
 * part), unless the whole week is kept. Counts per organisation, and per organisation, platform and
 * kind, as keepWeek does, in one immediate transaction with the check. Returns whether a part was
 * written (none when the week holds no request yet).
 */
export function keepWeekPart(
  db: Kysely<Database>,
  week: { a: number; b: number },
  p: CountParams,
  keptAt: string,
  untilMs: number,
): boolean {
  const sqlite = rawOfDb(db)!;
  return sqlite
    .transaction(() => {
      const whole = statement(sqlite, 'select 1 from request_week_sets where start_ms = ? and cut_ms is null');
      if (whole.get(week.a)) return false;
      // The rule admits only requests whose counts do not change up to untilMs; should one be unlike
      // (an answer stamped after the cut), the week is counted request by request as before.
      const rows = settledRows(sqlite, week, p, { cut: p.T, until: untilMs });
      if (!rows) return false;
      if (!rows.length) {
        statement(sqlite, 'delete from request_week_sets where start_ms = ?').run(week.a);
        statement(sqlite, 'delete from request_weeks where start_ms = ?').run(week.a);
        return false;
      }
      writeWeek(
        sqlite,
        { a: week.a, b: week.b, settledMs: p.T, windowMs: p.windowMs, keptAt, cutMs: p.T, untilMs },
        rows,
      );
      return true;
    })
    .immediate();
}
