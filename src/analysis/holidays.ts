import Holidays from 'date-holidays';

/**
 * The closed days an organisation may choose, by Dutch name (the `method.holidays.days` of the
 * config). The dates of the feasts come from the maintained date-holidays library, found by their
 * rule in its NL data (names are translated, rules are its keys):
 * - `bevrijdingsdag`: 5 May every year; `bevrijdingsdag_lustrum`: 5 May only when year % 5 === 0
 *   (2025, 2030), as in the gemeenten's CAO. date-holidays files 5 May as a "school" day.
 * - `goede_vrijdag`: filed as "school" too; a working day in the default list (METHOD.md 4).
 * - `koningsdag`: 27 April, 26 April when the 27th is a Sunday (and Koninginnedag before 2014).
 * - `eerste_paasdag`, `eerste_pinksterdag`: Sundays; they matter only to hours with Sunday ranges.
 */
export const HOLIDAY_NAMES = [
  'nieuwjaarsdag',
  'goede_vrijdag',
  'eerste_paasdag',
  'tweede_paasdag',
  'koningsdag',
  'bevrijdingsdag',
  'bevrijdingsdag_lustrum',
  'hemelvaartsdag',
  'eerste_pinksterdag',
  'tweede_pinksterdag',
  'eerste_kerstdag',
  'tweede_kerstdag',
] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** The default closed days (METHOD.md 4): Goede Vrijdag is a working day, Bevrijdingsdag only in lustrum years. */
export const DEFAULT_HOLIDAY_DAYS: readonly HolidayName[] = [
  'nieuwjaarsdag',
  'tweede_paasdag',
  'koningsdag',
  'bevrijdingsdag_lustrum',
  'hemelvaartsdag',
  'tweede_pinksterdag',
  'eerste_kerstdag',
  'tweede_kerstdag',
];

/** The config form (`method.holidays`): named days plus extra closed local dates "YYYY-MM-DD". */
export interface HolidaysConfig {
  days: readonly HolidayName[];
  extra: readonly string[];
}

export const DEFAULT_HOLIDAYS: HolidaysConfig = { days: DEFAULT_HOLIDAY_DAYS, extra: [] };

/** A set of closed local dates per year, made from a HolidaysConfig by `holidayCalendar`. */
export interface HolidayCalendar {
  /**
   * Canonical text of the calendar (sorted days and extra dates): equal configs give equal keys.
   * Business time caches office days per template and this key.
   */
  readonly key: string;
  readonly days: readonly HolidayName[];
  readonly extra: readonly string[];
  /** The closed local dates of a year ("2026-05-14"). */
  dates(year: number): ReadonlySet<string>;
  /** True when the local date "YYYY-MM-DD" is closed. */
  has(localDate: string): boolean;
}

/** How each name is found among date-holidays' NL days (by rule), and in which years it applies. */
const RULES: Record<Exclude<HolidayName, 'bevrijdingsdag_lustrum'>, (rule: string) => boolean> = {
  nieuwjaarsdag: (r) => r === '01-01',
  goede_vrijdag: (r) => r === 'easter -2',
  eerste_paasdag: (r) => r === 'easter',
  tweede_paasdag: (r) => r === 'easter 1',
  // "04-27 if sunday then previous saturday since 2014"; Koninginnedag "04-30 ..." before.
  koningsdag: (r) => r.startsWith('04-27 ') || r.startsWith('04-30 '),
  bevrijdingsdag: (r) => r === '05-05',
  hemelvaartsdag: (r) => r === 'easter 39',
  eerste_pinksterdag: (r) => r === 'easter 49',
  tweede_pinksterdag: (r) => r === 'easter 50',
  eerste_kerstdag: (r) => r === '12-25',
  tweede_kerstdag: (r) => r === '12-26',
};
const baseName = (n: HolidayName) => (n === 'bevrijdingsdag_lustrum' ? 'bevrijdingsdag' : n);

let nl: Holidays | undefined;
const libraryYears = new Map<number, Map<string, string>>();

/** date-holidays' NL days of a year as rule -> local date. */
function libraryDays(year: number): Map<string, string> {
  let days = libraryYears.get(year);
  if (!days) {
    nl ??= new Holidays('NL');
    days = new Map(nl.getHolidays(year).map((h) => [h.rule, h.date.slice(0, 10)]));
    libraryYears.set(year, days);
  }
  return days;
}

/** The local date of a named day in a year, or undefined when it does not fall in that year. */
export function holidayDate(name: HolidayName, year: number): string | undefined {
  if (name === 'bevrijdingsdag_lustrum' && year % 5 !== 0) return undefined;
  const match = RULES[baseName(name)];
  for (const [rule, date] of libraryDays(year)) if (match(rule)) return date;
  // Every name has a date in every year the monitor can see: a library that stops giving one has
  // changed its data, and a silently opened holiday would change the figures.
  if (year >= 1950) throw new Error(`date-holidays gives no ${baseName(name)} for NL in ${year}`);
  return undefined;
}

/**
 * Turns the config into a calendar (pure: the same config gives an equal calendar, same key). The
 * input is not changed; dates per year are computed once per calendar.
 */
export function holidayCalendar(config: HolidaysConfig = DEFAULT_HOLIDAYS): HolidayCalendar {
  const days = Object.freeze([...new Set(config.days)].sort());
  const extra = Object.freeze([...new Set(config.extra)].sort());
  const byYear = new Map<number, ReadonlySet<string>>();
  const dates = (year: number): ReadonlySet<string> => {
    let set = byYear.get(year);
    if (!set) {
      const prefix = `${String(year).padStart(4, '0')}-`;
      set = new Set([
        ...days.map((d) => holidayDate(d, year)).filter((d): d is string => d !== undefined),
        ...extra.filter((d) => d.startsWith(prefix)),
      ]);
      byYear.set(year, set);
    }
    return set;
  };
  return Object.freeze({
    key: `${days.join(',')}|${extra.join(',')}`,
    days,
    extra,
    dates,
    has: (localDate: string) => dates(Number(localDate.slice(0, 4))).has(localDate),
  });
}

/** The default calendar of METHOD.md 4. */
export const DEFAULT_CALENDAR: HolidayCalendar = holidayCalendar(DEFAULT_HOLIDAYS);
/** No closed days (office hours stated in a bio, the heat map's ordinary week). */
export const NO_HOLIDAYS: HolidayCalendar = holidayCalendar({ days: [], extra: [] });
