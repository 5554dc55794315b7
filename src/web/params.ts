import { DateTime } from 'luxon';
import type { Settings } from '../config/load.js';
import { OUTCOMES, PLATFORMS, type Outcome, type Platform } from '../model/index.js';
import type { PageSelection } from '../reports/national-page.js';
import { parseInstant } from '../reports/period.js';
import { isSizeClass, type SizeClass } from '../reports/size-class.js';
import { isLang, type Lang } from './i18n/index.js';

/** A query parameter with a bad value: 400 with a one-line message naming the parameter. */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

export type Query = Record<string, string | string[] | undefined>;

/** The map and table metrics a page can colour the map by. */
export const MAP_METRICS = ['score', 'response_rate', 'within_norm', 'substance', 'within_24h'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** The columns the league table sorts by. */
export const SORTS = [
  'rank',
  'name',
  'province',
  'population',
  'requests',
  'response_rate',
  'median',
  'within_norm',
  'score',
] as const;
export type Sort = (typeof SORTS)[number];

/** What every dashboard request may ask, validated. */
export interface Asked {
  lang?: Lang;
  asOf?: Date;
  since?: string;
  until?: string;
  province?: string;
  size?: SizeClass;
  platform?: Platform;
  metric: MapMetric;
  sort: Sort;
  dir?: 'asc' | 'desc';
  csv: boolean;
  excel: boolean;
}

/**
 * One value of a parameter; empty strings count as absent. A parameter given twice with different
 * values is a ParamError: taking either silently would answer a question nobody asked.
 */
export function one(q: Query, name: string): string | undefined {
  const v = q[name];
  const values = (Array.isArray(v) ? v : [v]).filter((s): s is string => s !== undefined && s !== '');
  if (new Set(values).size > 1)
    throw new ParamError(name, `${name}=${values.join('&' + name + '=')}: given ${values.length} times; give it once`);
  return values[0];
}

function choice<T extends string>(q: Query, name: string, allowed: readonly T[]): T | undefined {
  const v = one(q, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v))
    throw new ParamError(name, `${name}=${v}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

function instant(q: Query, name: string, now: Date, zone: string): Date | undefined {
  const v = one(q, name);
  if (v === undefined) return undefined;
  try {
    return parseInstant(name, v, now, zone);
  } catch (err) {
    const why = err instanceof Error && /outside/.test(err.message) ? 'lies outside 2000-01-01 .. 9999-12-31' : null;
    throw new ParamError(
      name,
      `${name}=${v}: ${why ?? 'expected a date (2026-11-01), a date-time or a duration (30d, 24h, 2w)'}`,
    );
  }
}

/** Parses the common parameters; throws ParamError naming the first bad one. */
export function parseAsked(q: Query, settings: Settings, now: Date): Asked {
  const zone = settings.config.timezone;
  const lang = one(q, 'lang');
  if (lang !== undefined && !isLang(lang)) throw new ParamError('lang', `lang=${lang}: expected nl or en`);
  const asOf = instant(q, 'as_of', now, zone);
  if (asOf && asOf.getTime() > now.getTime())
    throw new ParamError('as_of', `as_of=${one(q, 'as_of')}: lies in the future`);
  const provinceAsked = one(q, 'province');
  const province = provinceAsked
    ? settings.organisations.find((o) => o.province?.toLowerCase() === provinceAsked.toLowerCase())?.province
    : undefined;
  if (provinceAsked && !province)
    throw new ParamError('province', `province=${provinceAsked}: no organisation in that province`);
  const size = one(q, 'size');
  if (size !== undefined && !isSizeClass(size))
    throw new ParamError('size', `size=${size}: expected lt20k, 20k-50k, 50k-100k, 100k-250k or gt250k`);
  const format = choice(q, 'format', ['html', 'json', 'csv']);
  const excel = choice(q, 'excel', ['0', '1', 'true', 'false']);
  const platform = choice(q, 'platform', PLATFORMS);
  const dir = choice(q, 'dir', ['asc', 'desc'] as const);
  const since = one(q, 'since');
  const until = one(q, 'until');
  // Checked here (against the asked instant) so that a bad date is a 400 before anything is read.
  instant(q, 'since', now, zone);
  instant(q, 'until', now, zone);
  return {
    ...(lang ? { lang } : {}),
    ...(asOf ? { asOf } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(province ? { province } : {}),
    ...(size ? { size } : {}),
    ...(platform ? { platform } : {}),
    metric: choice(q, 'metric', MAP_METRICS) ?? 'score',
    sort: choice(q, 'sort', SORTS) ?? 'rank',
    ...(dir ? { dir } : {}),
    csv: format === 'csv',
    excel: excel === '1' || excel === 'true',
  };
}

/**
 * The period of a page at the report's instant: `since`/`until` as asked (dates, or durations back
 * from the instant), else the last 4 complete ISO weeks before the instant (`defaulted`).
 */
export function selectionOf(a: Asked, asOf: Date, zone: string): { selection: PageSelection; defaulted: boolean } {
  const weekStart = DateTime.fromJSDate(asOf, { zone }).startOf('week');
  const at = (name: 'since' | 'until') => (a[name] ? parseInstant(name, a[name]!, asOf, zone) : undefined);
  let until = at('until');
  let since = at('since');
  const defaulted = !since && !until;
  if (!until) until = since ? asOf : weekStart.toJSDate();
  if (!since) since = DateTime.fromJSDate(until, { zone }).minus({ weeks: 4 }).toJSDate();
  if (since.getTime() >= until.getTime())
    throw new ParamError('since', `since=${a.since ?? ''}: must lie before until (${a.until ?? 'the instant'})`);
  const selection: PageSelection = {
    since,
    until,
    ...(a.province ? { province: a.province } : {}),
    ...(a.platform ? { platform: a.platform } : {}),
    ...(a.size ? { size: a.size } : {}),
  };
  return { selection, defaulted };
}

/** `outcome=pending,unanswered` as outcomes; throws ParamError for an unknown one. */
export function outcomesOf(q: Query): Outcome[] | undefined {
  const v = one(q, 'outcome');
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim());
  const bad = list.find((o) => !(OUTCOMES as readonly string[]).includes(o));
  if (bad !== undefined) throw new ParamError('outcome', `outcome=${bad}: expected ${OUTCOMES.join(', ')}`);
  return list as Outcome[];
}

/** A whole number parameter from `lo` to `hi`, or `dflt`; throws ParamError otherwise. */
export function wholeOf(q: Query, name: string, lo: number, hi: number, dflt: number): number {
  const v = one(q, name);
  if (v === undefined) return dflt;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= lo && n <= hi)) throw new ParamError(name, `${name}=${v}: expected a whole number from ${lo} to ${hi}`);
  return n;
}

/** The query string of a link that keeps `keep` and sets `set` (undefined removes). */
export function queryString(keep: Record<string, string | undefined>, set: Record<string, string | undefined> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...keep, ...set })) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A `table=` parameter among the tables an endpoint has (the first is the default). */
export function tableOf<T extends string>(q: Query, tables: readonly [T, ...T[]]): T {
  const v = one(q, 'table') ?? tables[0];
  if (!(tables as readonly string[]).includes(v))
    throw new ParamError('table', `table=${v}: expected ${tables.join(', ')}`);
  return v as T;
}
