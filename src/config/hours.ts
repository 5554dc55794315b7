import { z } from 'zod';
import type { TimeRange, WeeklyHours } from '../model/index.js';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const range = z
  .string()
  .regex(RANGE, 'office hours must look like "08:30-17:00" (24-hour clock, to may be 24:00)')
  .refine((s) => s.slice(0, 5) < s.slice(6), 'office hours must end after they start');

/** YAML form: `{ mon: "08:30-17:00", sat: ["10:00-12:00", "13:00-15:00"] }`; missing days are closed. */
export const hoursSchema = z
  .strictObject(Object.fromEntries(DAY_KEYS.map((d) => [d, z.union([range, z.array(range)]).optional()])), {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown day (expected ${DAY_KEYS.join(', ')})` : undefined),
  })
  .transform((raw): WeeklyHours => {
    const out: WeeklyHours = {};
    DAY_KEYS.forEach((key, i) => {
      const v = raw[key] as string | string[] | undefined;
      if (v === undefined) return;
      out[(i + 1) as 1] = (Array.isArray(v) ? v : [v]).map(toRange);
    });
    return out;
  });

function toRange(s: string): TimeRange {
  return { from: s.slice(0, 5), to: s.slice(6) };
}

/** The method's default template: Monday to Friday 08:30-17:00. */
export const DEFAULT_HOURS_YAML = { mon: '08:30-17:00', tue: '08:30-17:00', wed: '08:30-17:00', thu: '08:30-17:00', fri: '08:30-17:00' };

/** The YAML form of weekly hours (inverse of hoursSchema), for dumps. */
export function hoursToYaml(hours: WeeklyHours): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  DAY_KEYS.forEach((key, i) => {
    const ranges = hours[(i + 1) as 1];
    if (!ranges?.length) return;
    const strs = ranges.map((r) => `${r.from}-${r.to}`);
    out[key] = strs.length === 1 ? strs[0]! : strs;
  });
  return out;
}
