import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { WeeklyHours } from '../model/index.js';
import { MINUTE_MS } from '../model/index.js';

/** Office hours of an organisation: a weekly template in a time zone, Dutch public holidays closed. */
export interface OfficeHours {
  weekly: WeeklyHours;
  zone: string;
  /** Exclude Dutch public holidays (default true). */
  holidays?: boolean;
}

const holidayCache = new Map<number, Set<string>>();
let nl: Holidays | undefined;

/**
 * Dutch public holidays of a year as local dates ("2026-04-27"), from date-holidays: its "public"
 * days plus Bevrijdingsdag (filed there as a school holiday; closed for gemeenten, METHOD.md 4).
 */
export function dutchHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    nl ??= new Holidays('NL');
    set = new Set(
      nl
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.rule === '05-05')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(year, set);
  }
  return set;
}

function isHoliday(day: DateTime, hours: OfficeHours): boolean {
  return hours.holidays !== false && dutchHolidays(day.year).has(day.toISODate()!);
}

function at(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

const toMillis = (t: Date | string) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** One local day of a template: its office ranges as instants, and where the next day starts. */
interface Day {
  ranges: [number, number][];
  next: number;
}
// Days are computed once per template (and holiday rule) and reused: reports read thousands of requests.
const calendars = new WeakMap<WeeklyHours, Map<string, Map<number, Day>>>();

function dayOf(dayStart: number, hours: OfficeHours): Day {
  let byRule = calendars.get(hours.weekly);
  if (!byRule) calendars.set(hours.weekly, (byRule = new Map()));
  const rule = `${hours.zone}|${hours.holidays !== false}`;
  let days = byRule.get(rule);
  if (!days) byRule.set(rule, (days = new Map()));
  let d = days.get(dayStart);
  if (!d) {
    const day = DateTime.fromMillis(dayStart, { zone: hours.zone });
    const ranges = isHoliday(day, hours)
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

const startOfLocalDay = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();

/**
 * Milliseconds of office time between two instants (0 when end <= start), on the local calendar of
 * the template's zone, so daylight saving changes and holidays fall where they do.
 */
export function businessMillis(start: Date | string, end: Date | string, hours: OfficeHours): number {
  const s = toMillis(start);
  const e = toMillis(end);
  if (!(e > s)) return 0;
  let total = 0;
  for (let dayStart = startOfLocalDay(s, hours.zone); dayStart < e;) {
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

/** True when the instant falls inside the office hours (and not on a holiday). */
export function isWithinHours(instant: Date | string, hours: OfficeHours): boolean {
  const t = toMillis(instant);
  return dayOf(startOfLocalDay(t, hours.zone), hours).ranges.some(([from, to]) => t >= from && t < to);
}

/** The mean length of an office day of the template, in milliseconds (what "one working day" is). */
export function workingDayMillis(hours: OfficeHours): number {
  const days = Object.values(hours.weekly).filter((r) => r && r.length > 0);
  if (days.length === 0) return 0;
  const minutes = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
  const total = days.reduce((sum, ranges) => sum + ranges!.reduce((s, r) => s + minutes(r.to) - minutes(r.from), 0), 0);
  return (total / days.length) * MINUTE_MS;
}
