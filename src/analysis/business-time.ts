import { DateTime } from 'luxon';
import type { WeeklyHours } from '../model/index.js';
import { MINUTE_MS } from '../model/index.js';
import { startOfLocalDay } from './zone.js';
import { DEFAULT_CALENDAR, NO_HOLIDAYS, type HolidayCalendar } from './holidays.js';

/** Office hours of an organisation: a weekly template in a time zone, public holidays closed. */
export interface OfficeHours {
  weekly: WeeklyHours;
  zone: string;
  /**
   * Closed days: a calendar made by `holidayCalendar(config.method.holidays)`; true or absent is the
   * default list of METHOD.md 4 (DEFAULT_CALENDAR), false is none.
   */
  holidays?: boolean | HolidayCalendar;
}

/** The calendar OfficeHours close on. */
export function calendarOf(hours: OfficeHours): HolidayCalendar {
  const h = hours.holidays;
  return h === false ? NO_HOLIDAYS : h === undefined || h === true ? DEFAULT_CALENDAR : h;
}

/**
 * The default Dutch public holidays of a year as local dates ("2026-04-27"), METHOD.md 4:
 * Nieuwjaarsdag, tweede paasdag, Koningsdag, Hemelvaartsdag, tweede pinksterdag, eerste en tweede
 * kerstdag, and Bevrijdingsdag in lustrum years. The moving feasts come from date-holidays.
 */
export function dutchHolidays(year: number): ReadonlySet<string> {
  return DEFAULT_CALENDAR.dates(year);
}

function at(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/** An instant: an ISO string, a Date or epoch milliseconds. */
export type Instant = Date | string | number;
const toMillis = (t: Instant) => (typeof t === 'string' ? Date.parse(t) : typeof t === 'number' ? t : t.getTime());

/** One local day of a template: its office ranges as instants, and where the next day starts. */
interface Day {
  ranges: [number, number][];
  next: number;
}
// Days are computed once per template, zone and holiday calendar (its key) and reused: reports read
// thousands of requests.
const calendars = new WeakMap<WeeklyHours, Map<string, Map<number, Day>>>();

function dayOf(dayStart: number, hours: OfficeHours): Day {
  let byRule = calendars.get(hours.weekly);
  if (!byRule) calendars.set(hours.weekly, (byRule = new Map()));
  const closed = calendarOf(hours);
  const rule = `${hours.zone}|${closed.key}`;
  let days = byRule.get(rule);
  if (!days) byRule.set(rule, (days = new Map()));
  let d = days.get(dayStart);
  if (!d) {
    const day = DateTime.fromMillis(dayStart, { zone: hours.zone });
    const ranges = closed.has(day.toISODate()!)
      ? []
      : (hours.weekly[day.weekday as 1] ?? []).map((r): [number, number] => [
          at(day, r.from).toMillis(),
          at(day, r.to).toMillis(),
        ]);
    d = { ranges, next: day.plus({ days: 1 }).startOf('day').toMillis() };
    days.set(dayStart, d);
  }
  return d;
}

const MAX_SPAN_MS = 1_000 * 24 * 60 * MINUTE_MS;
// Luxon's calendar ends where JavaScript's Date does (year 275760); stay well inside it.
const MAX_INSTANT_MS = Date.UTC(9999, 11, 31);

/**
 * Milliseconds of office time between two instants (0 when end <= start), on the local calendar of
 * the template's zone, so daylight saving changes and holidays fall where they do.
 */
export function businessMillis(start: Instant, end: Instant, hours: OfficeHours): number {
  return officeWalk(toMillis(start), toMillis(end), hours, Infinity);
}

/**
 * Whether at least `threshold` ms of office time lie between two instants: businessMillis compared
 * with a threshold, but it stops walking the calendar as soon as the threshold is reached (the
 * norm's "has the deadline passed" asks this for every request; most are weeks old).
 */
export function businessReaches(start: Instant, end: Instant, hours: OfficeHours, threshold: number): boolean {
  return officeWalk(toMillis(start), toMillis(end), hours, threshold) >= threshold;
}

/**
 * The first instant at which `threshold` ms of office time have passed since `start`: exactly the
 * smallest end for which businessReaches is true (null when it never is: no office hours, or beyond
 * the 1,000-day cut). Stored per request, so the norm's "has the deadline passed" becomes one
 * comparison at any instant instead of a calendar walk.
 */
export function businessReachAt(start: Instant, hours: OfficeHours, threshold: number): number | null {
  const s = toMillis(start);
  // A zero norm (no office hours at all) has passed at every instant, as businessReaches says.
  if (threshold <= 0) return Number.MIN_SAFE_INTEGER;
  if (!Number.isFinite(s)) return null;
  const cap = s + MAX_SPAN_MS;
  let total = 0;
  for (let dayStart = startOfLocalDay(s, hours.zone); dayStart < cap;) {
    const d = dayOf(dayStart, hours);
    // Office time of this day up to t, as officeWalk counts it (ranges clipped to [s, t]).
    const upTo = (t: number) => {
      let sum = 0;
      for (const [from, to] of d.ranges) {
        const b = Math.min(to, t);
        const a = Math.max(from, s);
        if (b > a) sum += b - a;
      }
      return sum;
    };
    const end = Math.min(d.next, cap);
    if (total + upTo(end) >= threshold) {
      // Monotone in t: the smallest millisecond that reaches the threshold, by bisection.
      let lo = Math.max(s, dayStart);
      let hi = end;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (total + upTo(mid) >= threshold) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
    total += upTo(end);
    dayStart = d.next;
  }
  return null;
}

/** Office time from s to e, day by day, stopping once `stopAt` is reached. */
function officeWalk(s: number, end: number, hours: OfficeHours, stopAt: number): number {
  // Stored times are checked at the edge; an interval of years (a bad date that got through) is
  // cut to 1,000 days rather than walked day by day for ever.
  const e = Math.min(end, s + MAX_SPAN_MS);
  if (!(e > s) || !Number.isFinite(s)) return 0;
  let total = 0;
  for (let dayStart = startOfLocalDay(s, hours.zone); dayStart < e && total < stopAt;) {
    const d = dayOf(dayStart, hours);
    for (const [from, to] of d.ranges) {
      const a = Math.max(from, s);
      const b = Math.min(to, e);
      if (b > a) total += b - a;
    }
    dayStart = d.next;
  }
  return total;
}

/**
 * True when the instant falls inside the office hours (and not on a holiday). Both ends are inside
 * (METHOD.md 4): a response at 17:00:00 exactly is in hours, one at 17:00:01 is not. A range that
 * ends at 24:00 holds the next day's 00:00 too.
 */
export function isWithinHours(instant: Instant, hours: OfficeHours): boolean {
  const t = toMillis(instant);
  if (!Number.isFinite(t) || Math.abs(t) > MAX_INSTANT_MS) return false; // not an instant: never in hours
  const dayStart = startOfLocalDay(t, hours.zone);
  if (dayOf(dayStart, hours).ranges.some(([from, to]) => t >= from && t <= to)) return true;
  return t === dayStart && dayOf(startOfLocalDay(t - 1, hours.zone), hours).ranges.some(([, to]) => to === t);
}

/** The mean length of an office day of the template, in milliseconds (what "one working day" is). */
export function workingDayMillis(hours: OfficeHours): number {
  const days = Object.values(hours.weekly).filter((r) => r && r.length > 0);
  if (days.length === 0) return 0;
  const minutes = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
  const total = days.reduce((sum, ranges) => sum + ranges!.reduce((s, r) => s + minutes(r.to) - minutes(r.from), 0), 0);
  return (total / days.length) * MINUTE_MS;
}
