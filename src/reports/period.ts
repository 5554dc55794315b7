import { DAY_MS, HOUR_MS, MINUTE_MS } from '../model/index.js';
import { DateTime } from 'luxon';
import { UsageError } from '../config/errors.js';

/** A half-open interval of instants [from, to). */
export interface Period {
  from: Date;
  to: Date;
  label: string;
}

const DURATION = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS } as const;

/** "30d", "24h", "2w" -> milliseconds; undefined when not a duration. */
export function parseDuration(s: string): number | undefined {
  const m = s.trim().match(DURATION);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

/** A --since/--until value: a duration back from now ("30d") or a date/time ("2026-11-01"). Throws UsageError. */
export function parseInstant(option: string, value: string, now: Date, zone: string): Date {
  const d = parseDuration(value);
  const t = d === undefined ? DateTime.fromISO(value, { zone }) : undefined;
  if (t && !t.isValid)
    throw new UsageError(`${option} ${value}: expected a date (2026-11-01), a date-time or a duration (30d, 24h, 2w)`);
  const at = t ? t.toMillis() : now.getTime() - d!;
  // Nothing measured lies before 2000 or after 9999: "99999999999d" is a mistake, not a period.
  if (!(at >= EARLIEST && at <= LATEST))
    throw new UsageError(`${option} ${value}: lies outside 2000-01-01 .. 9999-12-31`);
  return new Date(at);
}
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59Z');

/** An ISO week "2026-W45" in the zone: Monday 00:00 to the next Monday 00:00. Throws UsageError. */
export function isoWeek(value: string, zone: string): Period {
  const m = value.match(/^(\d{4})-W(\d{2})$/);
  const start = m
    ? DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone })
    : undefined;
  if (!start?.isValid || start.weekNumber !== Number(m![2]))
    throw new UsageError(`--week ${value}: expected an ISO week like 2026-W45`);
  return { from: start.toJSDate(), to: start.plus({ weeks: 1 }).toJSDate(), label: value };
}

/** The ISO week of an instant, as "2026-W45". */
export function weekOf(instant: Date, zone: string): string {
  const t = DateTime.fromJSDate(instant, { zone });
  return `${t.weekYear}-W${String(t.weekNumber).padStart(2, '0')}`;
}

/** The last complete ISO week before `now`, in the zone. */
export function lastCompleteWeek(now: Date, zone: string): Period {
  const thisMonday = DateTime.fromJSDate(now, { zone }).startOf('week');
  return isoWeek(weekOf(thisMonday.minus({ days: 1 }).toJSDate(), zone), zone);
}

/**
 * The last complete ISO week whose figures are final at `now` (METHOD.md 4b): its last request's
 * score horizon (`horizonDays` calendar days after the week's end) has passed. On Monday 07:00
 * with a 7-day horizon that is the week before last.
 */
export function lastFinalWeek(now: Date, zone: string, horizonDays: number): Period {
  let week = lastCompleteWeek(now, zone);
  const end = (p: Period) => DateTime.fromJSDate(p.to, { zone }).plus({ days: horizonDays }).toMillis();
  while (end(week) > now.getTime()) week = previousWeek(week, zone);
  return week;
}

/** A calendar month "2026-11" in the zone: the 1st 00:00 to the next month's 1st. Throws UsageError. */
export function calendarMonth(value: string, zone: string): Period {
  const m = value.match(/^(\d{4})-(\d{2})$/);
  const start = m ? DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone }) : undefined;
  if (!start?.isValid) throw new UsageError(`--month ${value}: expected a month like 2026-11`);
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate(), label: value };
}

/** The week before a week. */
export function previousWeek(p: Period, zone: string): Period {
  return isoWeek(weekOf(new Date(p.from.getTime() - DAY_MS), zone), zone);
}
