import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { DAY_MS, HOUR_MS } from '../model/index.js';
import { isPostgres } from '../storage/db.js';
import { keepWeekPart } from '../storage/request-week-parts.js';
import { dropKeptWeeks, firstCreatedMs, keepWeek, keptWeekSets } from '../storage/request-weeks.js';
import type { Database } from '../storage/schema/index.js';

/**
 * How long a part holds after its cut (migration 0016). The SQLite daemon keeps the parts again
 * after a poll tick once an hour has passed (jobs/part-refresh.ts), so a report finds one current.
 * A longer span would leave more requests out of a part (those with a reply, horizon, norm or
 * window end inside it: a month's 2,614 of 23,707 with 26 hours, 860 with 2, on the quick bench);
 * after it, a report counts the week request by request, exactly.
 */
export const PART_HOLDS_MS = 2 * HOUR_MS;

/**
 * A part that holds for good: only requests whose counts can no longer change (every instant they
 * read has passed). What an import and `webcare rollup` keep: run once, with no upkeep a day later,
 * a part of a day would leave a report a day later counting those weeks request by request.
 */
export const PART_FOR_GOOD = Number.POSITIVE_INFINITY;

/**
 * Keeps the counts of every ISO week (in the zone) whose requests are all settled at `now` and
 * that is not kept yet (migration 0010): after that, reports over it add up weeks instead of
 * requests. The daily upkeep, the daemon's hourly part refresh, the end of an import and `webcare
 * rollup` run it; a week is counted once, and again only after a change to one of its requests
 * dropped it. The weeks after them get a part (migrations 0011 and 0016): the counts of their
 * requests that stay the same for `holdsMs` (two hours; or for good), counted again at every run.
 * Returns how many weeks were kept now and how many were already, and how many parts; `busy` when
 * another writer held the database longer than the busy timeout (the rest is kept on a later run).
 */
export function keepSettledWeeks(
  db: Kysely<Database>,
  now: Date,
  windowDays: number,
  zone: string,
  onWeek?: (done: number, total: number) => void,
  holdsMs = PART_HOLDS_MS,
): { kept: number; already: number; parts: number; busy?: boolean } {
  // PostgreSQL keeps no weeks yet (#17): its reports count every request, exactly.
  if (isPostgres(db)) return { kept: 0, already: 0, parts: 0 };
  const windowMs = windowDays * DAY_MS;
  // Kept weeks must not overlap: the triggers drop the one kept week that can hold a changed
  // request. Weeks kept on another grid (the config's time zone changed) go first.
  const sets = keptWeekSets(db);
  const offGrid = sets.filter((w) => {
    const start = DateTime.fromMillis(w.startMs, { zone }).startOf('week');
    return start.toMillis() !== w.startMs || start.plus({ weeks: 1 }).toMillis() !== w.endMs;
  });
  if (offGrid.length)
    dropKeptWeeks(
      db,
      offGrid.map((w) => w.startMs),
    );
  const first = firstCreatedMs(db);
  if (first === null) return { kept: 0, already: 0, parts: 0 };
  const T = now.getTime();
  const weeks: { a: number; b: number }[] = [];
  const recent: { a: number; b: number }[] = [];
  // A week can be settled only once its last request's answer window has passed; the weeks after
  // it, up to the one in progress, can have parts.
  for (let w = DateTime.fromMillis(first, { zone }).startOf('week'); w.toMillis() <= T; w = w.plus({ weeks: 1 })) {
    const b = w.plus({ weeks: 1 }).toMillis();
    (b + windowMs > T ? recent : weeks).push({ a: w.toMillis(), b });
  }
  const offStarts = new Set(offGrid.map((w) => w.startMs));
  const kept = new Set(
    sets.filter((w) => w.windowMs === windowMs && w.cutMs === null && !offStarts.has(w.startMs)).map((w) => w.startMs),
  );
  const todo = weeks.filter((w) => !kept.has(w.a));
  let done = 0;
  let parts = 0;
  let looked = 0;
  const p = { T, hourMs: HOUR_MS, windowMs };
  // The recent weeks, and older ones that could not be kept whole (a request without stored times,
  // a reply stamped after now), get a part.
  const unkept = [...recent];
  try {
    for (const w of todo) {
      if (keepWeek(db, w, p, now.toISOString())) done++;
      else unkept.push(w);
      onWeek?.(++looked, todo.length);
    }
    const until = holdsMs === PART_FOR_GOOD ? Number.MAX_SAFE_INTEGER : T + holdsMs;
    for (const w of unkept) if (keepWeekPart(db, w, p, now.toISOString(), until)) parts++;
  } catch (e) {
    // Another writer kept the lock past the busy timeout: nothing was written; a later run keeps the rest.
    if (String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY'))
      return { kept: done, already: weeks.length - todo.length, parts, busy: true };
    throw e;
  }
  return { kept: done, already: weeks.length - todo.length, parts };
}
