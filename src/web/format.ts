import { DateTime } from 'luxon';
import { HOUR_MS } from '../model/index.js';
import type { Lang } from './i18n/index.js';

/** Numbers, shares, durations and dates as a page in one language shows them ("6,4", "64%", "ma 3 nov"). */
export interface Fmt {
  lang: Lang;
  /** A number with `digits` decimals (1 by default): "6,4"; "–" for none. */
  num(x: number | null | undefined, digits?: number): string;
  /** A whole number with thousands separators: "12.345". */
  int(x: number | null | undefined): string;
  /** A share 0..1 as a whole percentage: "64%". */
  pct(x: number | null | undefined): string;
  /** A duration in hours: "35 min", "4,5 u", "3,2 d". */
  hours(h: number | null | undefined): string;
  /** A day: "ma 3 nov" (with the year when it is not the year of the instant shown). */
  date(at: Date | string | number | null | undefined): string;
  /** A day and time: "ma 3 nov 10:00". */
  dateTime(at: Date | string | number | null | undefined): string;
  /** yyyy-MM-dd in the zone (form fields, links). */
  isoDate(at: Date): string;
}

export const NONE = '–';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const UNITS: Record<Lang, { m: string; h: string; d: string }> = {
  nl: { m: 'min', h: 'u', d: 'd' },
  en: { m: 'min', h: 'h', d: 'd' },
};

/** The formatter of a language in a time zone; `year` is the year dates are shown without. */
export function formatterOf(lang: Lang, zone: string, year: number): Fmt {
  const locale = LOCALES[lang];
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      numbers.set(digits, f);
    }
    return f;
  };
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dt = (at: Date | string | number) => {
    const d =
      at instanceof Date
        ? DateTime.fromJSDate(at, { zone })
        : typeof at === 'number'
          ? DateTime.fromMillis(at, { zone })
          : DateTime.fromISO(at, { zone });
    return d.setLocale(locale);
  };
  // Dutch short names carry no dots ("nov"); English ones neither ("Nov").
  const day = (d: DateTime) => d.toFormat(d.year === year ? 'ccc d LLL' : 'ccc d LLL yyyy').replace(/\./g, '');
  const u = UNITS[lang];
  // A page formats the same few instants many times (every provisional mark names its final date).
  const dates = new Map<string, string>();
  const keyOf = (at: Date | string | number) => (at instanceof Date ? at.getTime() : at);
  const memo = (key: string, make: () => string) => {
    let v = dates.get(key);
    if (v === undefined) dates.set(key, (v = make()));
    return v;
  };
  return {
    lang,
    num: (x, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? NONE : nf(digits).format(x)),
    int: (x) => (x === null || x === undefined ? NONE : whole.format(x)),
    pct: (x) => (x === null || x === undefined ? NONE : `${whole.format(Math.round(x * 100))}%`),
    hours: (h) => {
      if (h === null || h === undefined || !Number.isFinite(h)) return NONE;
      if (h < 1) return `${whole.format(Math.round(h * 60))} ${u.m}`;
      if (h < 48) return `${nf(1).format(Math.round(h * 10) / 10)} ${u.h}`;
      return `${nf(1).format(Math.round((h / 24) * 10) / 10)} ${u.d}`;
    },
    date: (at) => (at === null || at === undefined ? NONE : memo(`d${keyOf(at)}`, () => day(dt(at)))),
    dateTime: (at) =>
      at === null || at === undefined
        ? NONE
        : memo(`t${keyOf(at)}`, () => {
            const d = dt(at);
            return `${day(d)} ${d.toFormat('HH:mm')}`;
          }),
    isoDate: (at) => DateTime.fromJSDate(at, { zone }).toISODate() ?? '',
  };
}

/** An age in hours for `Fmt.hours` from milliseconds. */
export function ageHours(ms: number): number {
  return ms / HOUR_MS;
}
