import { DateTime } from 'luxon';
import { dutchHolidays } from '../analysis/business-time.js';
import { HOUR_MS } from '../model/index.js';

const ZONE = 'Europe/Amsterdam';

/** The instant `hours` of office time (Mon-Fri 08:30-17:00, Dutch holidays closed) after `startMs`. */
export function addOfficeHours(startMs: number, hours: number): number {
  let left = hours * HOUR_MS;
  let day = DateTime.fromMillis(startMs, { zone: ZONE }).startOf('day');
  for (let i = 0; i < 400; i++) {
    if (day.weekday <= 5 && !dutchHolidays(day.year).has(day.toISODate()!)) {
      const open = Math.max(day.set({ hour: 8, minute: 30 }).toMillis(), startMs);
      const close = day.set({ hour: 17, minute: 0 }).toMillis();
      if (close > open) {
        if (close - open >= left) return open + left;
        left -= close - open;
      }
    }
    day = day.plus({ days: 1 });
  }
  return startMs + hours * HOUR_MS;
}

/** A local time of day on the day of `ms` (hours may be fractional). */
export function atLocal(ms: number, hour: number): number {
  const d = DateTime.fromMillis(ms, { zone: ZONE }).startOf('day');
  return d.plus({ minutes: Math.round(hour * 60) }).toMillis();
}

/** A citizen's posting time on a day: mostly 7-23 h, a little less in the weekend. */
export function citizenHour(r: () => number): number {
  const x = r();
  return x < 0.05 ? r() * 7 : 7 + r() * 16;
}

export function weekday(ms: number): number {
  return DateTime.fromMillis(ms, { zone: ZONE }).weekday;
}
