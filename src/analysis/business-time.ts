import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { WeeklyHours } from '../model/index.js';

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

/**
 * Milliseconds of office time between two instants (0 when end <= start), on the local calendar of
 * the template's zone, so daylight saving changes and holidays fall where they do.
 */
export function businessMillis(start: Date | string, end: Date | string, hours: OfficeHours): number {
  const s = toMillis(start);
  const e = toMillis(end);
  if (!(e > s)) return 0;
  let total = 0;
  let day = DateTime.fromMillis(s, { zone: hours.zone }).startOf('day');
  const last = DateTime.fromMillis(e, { zone: hours.zone }).startOf('day');
  while (day <= last) {
    const ranges = hours.weekly[day.weekday as 1] ?? [];
    if (ranges.length && !isHoliday(day, hours)) {
      for (const r of ranges) {
        const from = Math.max(at(day, r.from).toMillis(), s);
        const to = Math.min(at(day, r.to).toMillis(), e);
        if (to > from) total += to - from;
      }
    }
    day = day.plus({ days: 1 });
  }
  return total;
}

/** True when the instant falls inside the office hours (and not on a holiday). */
export function isWithinHours(instant: Date | string, hours: OfficeHours): boolean {
  const t = DateTime.fromMillis(toMillis(instant), { zone: hours.zone });
  const day = t.startOf('day');
  if (isHoliday(day, hours)) return false;
  return (hours.weekly[t.weekday as 1] ?? []).some((r) => t >= at(day, r.from) && t < at(day, r.to));
}

/** The mean length of an office day of the template, in milliseconds (what "one working day" is). */
export function workingDayMillis(hours: OfficeHours): number {
  const days = Object.values(hours.weekly).filter((r) => r && r.length > 0);
  if (days.length === 0) return 0;
  const minutes = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
  const total = days.reduce((sum, ranges) => sum + ranges!.reduce((s, r) => s + minutes(r.to) - minutes(r.from), 0), 0);
  return (total / days.length) * 60_000;
}
