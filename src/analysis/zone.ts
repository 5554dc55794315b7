import { DateTime, IANAZone } from 'luxon';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../model/index.js';

// Reports and the ingest ask for the zone offset and the local day of hundreds of thousands of
// instants; luxon answers each through Intl (tens of microseconds). Offsets change a few times a
// year, so they are cached per UTC hour, except in an hour that holds a change (then asked exactly).
const offsets = new Map<string, Map<number, number>>();
const CHANGES = -1e9; // marks an hour in which the offset changes

/** The offset of `zone` at `ms` in minutes, as luxon gives it. */
export function offsetMinutes(ms: number, zone: string): number {
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let off = byHour.get(hour);
  if (off === undefined) {
    const z = IANAZone.create(zone);
    const first = z.offset(hour * HOUR_MS);
    off = first === z.offset(hour * HOUR_MS + HOUR_MS - 1) ? first : CHANGES;
    if (byHour.size > 200_000) byHour.clear();
    byHour.set(hour, off);
  }
  return off === CHANGES ? IANAZone.create(zone).offset(ms) : off;
}

const dayStarts = new Map<string, Map<number, number>>();

/** The start of the local day of `ms` in `zone` (luxon's startOf('day')), cached per local date. */
export function startOfLocalDay(ms: number, zone: string): number {
  let byDay = dayStarts.get(zone);
  if (!byDay) dayStarts.set(zone, (byDay = new Map()));
  const localDay = Math.floor((ms + offsetMinutes(ms, zone) * MINUTE_MS) / DAY_MS);
  let start = byDay.get(localDay);
  if (start === undefined) {
    start = DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
    if (byDay.size > 200_000) byDay.clear();
    byDay.set(localDay, start);
  }
  return start;
}
