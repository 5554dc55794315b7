import { describe, expect, it } from 'vitest';
import { businessMillis, calendarOf, isWithinHours, type OfficeHours } from '../../../src/analysis/business-time.js';
import {
  DEFAULT_CALENDAR,
  DEFAULT_HOLIDAY_DAYS,
  HOLIDAY_NAMES,
  NO_HOLIDAYS,
  holidayCalendar,
  holidayDate,
  type HolidayName,
} from '../../../src/analysis/holidays.js';

const H = 3_600_000;
const weekdays = { from: '08:30', to: '17:00' };
const weekly = { 1: [weekdays], 2: [weekdays], 3: [weekdays], 4: [weekdays], 5: [weekdays] };
const zone = 'Europe/Amsterdam';
const office = (holidays?: OfficeHours['holidays']): OfficeHours => ({ zone, weekly, holidays });
// Open around the clock every day: only the holiday calendar closes a day.
const allWeek = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ from: '00:00', to: '24:00' }]]));
const always = (holidays?: OfficeHours['holidays']): OfficeHours => ({ zone, weekly: allWeek, holidays });

const withoutLustrum = holidayCalendar({
  days: DEFAULT_HOLIDAY_DAYS.filter((d) => d !== 'bevrijdingsdag_lustrum'),
  extra: [],
});
const christmasEve = holidayCalendar({ days: DEFAULT_HOLIDAY_DAYS, extra: ['2026-12-24'] });

describe('holiday calendar (METHOD.md 4)', () => {
  it.each([
    // name, start (UTC), end (UTC), hours, expected business hours
    // May is summer time (UTC+2): 06:00Z-16:00Z is 08:00-18:00 local, covering 08:30-17:00 = 8.5 h.
    ['2025-05-05 (Monday, lustrum year) is closed', '2025-05-05T06:00:00Z', '2025-05-05T16:00:00Z', office(), 0],
    ['2026-05-05 (Tuesday, no lustrum) is open', '2026-05-05T06:00:00Z', '2026-05-05T16:00:00Z', office(), 8.5],
    // 2030-05-05 is a Sunday: on a template open every day the holiday itself is what closes it.
    ['2030-05-05 (lustrum) is closed, all-week template', '2030-05-04T22:00:00Z', '2030-05-05T22:00:00Z', always(), 0],
    ['2030-05-06 after it is open, all-week template', '2030-05-05T22:00:00Z', '2030-05-06T22:00:00Z', always(), 24],
    ['Goede Vrijdag 2026-04-03 is a working day', '2026-04-03T06:00:00Z', '2026-04-03T16:00:00Z', office(), 8.5],
    ['Goede Vrijdag 2025-04-18 is a working day', '2025-04-18T06:00:00Z', '2025-04-18T16:00:00Z', office(), 8.5],
    [
      'Koningsdag 2025 is Saturday 26 April (27th is a Sunday)',
      '2025-04-25T22:00:00Z',
      '2025-04-26T22:00:00Z',
      always(),
      0,
    ],
    ['so Sunday 27 April 2025 is open', '2025-04-26T22:00:00Z', '2025-04-27T22:00:00Z', always(), 24],
    ['Koningsdag 2026 is Monday 27 April', '2026-04-26T22:00:00Z', '2026-04-27T22:00:00Z', always(), 0],
    // December is winter time (UTC+1): 06:00Z-16:00Z is 07:00-17:00 local = 8.5 office hours.
    ['24 Dec 2026 is open by default', '2026-12-24T06:00:00Z', '2026-12-24T16:00:00Z', office(), 8.5],
    ['24 Dec 2026 as an extra date is closed', '2026-12-24T06:00:00Z', '2026-12-24T16:00:00Z', office(christmasEve), 0],
    [
      'the extra date keeps the named days: 25 Dec closed',
      '2026-12-25T07:00:00Z',
      '2026-12-25T16:00:00Z',
      office(christmasEve),
      0,
    ],
    [
      'without bevrijdingsdag_lustrum 2025-05-05 is open',
      '2025-05-05T06:00:00Z',
      '2025-05-05T16:00:00Z',
      office(withoutLustrum),
      8.5,
    ],
    [
      'holidays: false closes nothing (Hemelvaart 2026)',
      '2026-05-14T06:00:00Z',
      '2026-05-14T16:00:00Z',
      office(false),
      8.5,
    ],
    [
      'holidays: true is the default list (Hemelvaart 2026)',
      '2026-05-14T06:00:00Z',
      '2026-05-14T16:00:00Z',
      office(true),
      0,
    ],
    // Hemelvaart is Thursday 14 May 2026. Wednesday 13 May 15:00 -> Friday 15 May 10:00 (local):
    // Wednesday 15:00-17:00 = 2 h, Thursday closed, Friday 08:30-10:00 = 1.5 h, so 3.5 h.
    [
      'across Hemelvaart 2026: Wed 15:00 -> Fri 10:00 = 3.5 h',
      '2026-05-13T13:00:00Z',
      '2026-05-15T08:00:00Z',
      office(),
      3.5,
    ],
    // Without holidays Thursday counts its 8.5 h: 2 + 8.5 + 1.5 = 12 h.
    ['the same without holidays = 12 h', '2026-05-13T13:00:00Z', '2026-05-15T08:00:00Z', office(false), 12],
    [
      'the same with the configured default calendar = 3.5 h',
      '2026-05-13T13:00:00Z',
      '2026-05-15T08:00:00Z',
      office(holidayCalendar()),
      3.5,
    ],
  ])('%s', (_name, start, end, hours, expected) => {
    expect(businessMillis(start, end, hours) / H).toBeCloseTo(expected, 6);
  });

  it.each<[string, HolidayName, string]>([
    ['bevrijdingsdag closes 5 May every year', 'bevrijdingsdag', '2026-05-05'],
    ['goede_vrijdag closes Good Friday', 'goede_vrijdag', '2026-04-03'],
    ['eerste_paasdag closes Easter Sunday', 'eerste_paasdag', '2026-04-05'],
    ['eerste_pinksterdag closes Whit Sunday', 'eerste_pinksterdag', '2026-05-24'],
  ])('an optional day: %s', (_name, day, date) => {
    expect(DEFAULT_CALENDAR.has(date)).toBe(false);
    const cal = holidayCalendar({ days: [...DEFAULT_HOLIDAY_DAYS, day], extra: [] });
    expect(cal.has(date)).toBe(true);
    expect(businessMillis(`${date}T00:00:00+02:00`, `${date}T23:59:59+02:00`, always(cal))).toBe(0);
  });

  it('bevrijdingsdag_lustrum falls only in years divisible by 5', () => {
    const years = [2024, 2025, 2026, 2029, 2030, 2035].filter((y) => holidayDate('bevrijdingsdag_lustrum', y));
    expect(years).toEqual([2025, 2030, 2035]);
    expect(holidayDate('bevrijdingsdag', 2026)).toBe('2026-05-05');
  });

  it('finds every named day in the library for the years the monitor sees', () => {
    for (let year = 2014; year <= 2040; year++) {
      for (const name of HOLIDAY_NAMES) {
        if (name === 'bevrijdingsdag_lustrum' && year % 5 !== 0) continue;
        expect(holidayDate(name, year), `${name} ${year}`).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
      }
    }
    // Moving feasts of 2026 (Easter Sunday 5 April), checked by hand against the calendar.
    expect(HOLIDAY_NAMES.map((n) => [n, holidayDate(n, 2026)])).toEqual([
      ['nieuwjaarsdag', '2026-01-01'],
      ['goede_vrijdag', '2026-04-03'],
      ['eerste_paasdag', '2026-04-05'],
      ['tweede_paasdag', '2026-04-06'],
      ['koningsdag', '2026-04-27'],
      ['bevrijdingsdag', '2026-05-05'],
      ['bevrijdingsdag_lustrum', undefined],
      ['hemelvaartsdag', '2026-05-14'],
      ['eerste_pinksterdag', '2026-05-24'],
      ['tweede_pinksterdag', '2026-05-25'],
      ['eerste_kerstdag', '2026-12-25'],
      ['tweede_kerstdag', '2026-12-26'],
    ]);
  });

  it('extra dates belong to their own year only', () => {
    const cal = holidayCalendar({ days: [], extra: ['2026-12-24', '2027-01-02'] });
    expect([...cal.dates(2026)]).toEqual(['2026-12-24']);
    expect([...cal.dates(2027)]).toEqual(['2027-01-02']);
    expect(cal.has('2025-12-24')).toBe(false);
  });

  it('is pure: equal configs give equal keys, the input is not changed, different configs differ', () => {
    const days: HolidayName[] = ['tweede_kerstdag', 'nieuwjaarsdag'];
    const a = holidayCalendar({ days, extra: ['2026-12-24'] });
    const b = holidayCalendar({ days: ['nieuwjaarsdag', 'tweede_kerstdag', 'nieuwjaarsdag'], extra: ['2026-12-24'] });
    expect(a.key).toBe(b.key);
    expect(days).toEqual(['tweede_kerstdag', 'nieuwjaarsdag']);
    expect(holidayCalendar(Object.freeze({ days: Object.freeze([...days]), extra: Object.freeze([]) })).key).not.toBe(
      a.key,
    );
    expect(DEFAULT_CALENDAR.key).toBe(holidayCalendar().key);
    expect(NO_HOLIDAYS.key).not.toBe(DEFAULT_CALENDAR.key);
  });

  it('OfficeHours: true and absent mean the default calendar, false none, a calendar itself', () => {
    expect(calendarOf(office())).toBe(DEFAULT_CALENDAR);
    expect(calendarOf(office(true))).toBe(DEFAULT_CALENDAR);
    expect(calendarOf(office(false))).toBe(NO_HOLIDAYS);
    expect(calendarOf(office(christmasEve))).toBe(christmasEve);
  });

  it('the day cache is per calendar: the same template gives each calendar its own days', () => {
    // One weekly object, read alternately with three calendars (the cache is keyed by template).
    const hemelvaart = ['2026-05-14T06:00:00Z', '2026-05-14T16:00:00Z'] as const;
    const eve = ['2026-12-24T06:00:00Z', '2026-12-24T16:00:00Z'] as const;
    for (let i = 0; i < 2; i++) {
      expect(businessMillis(...hemelvaart, office()) / H).toBe(0);
      expect(businessMillis(...hemelvaart, office(false)) / H).toBe(8.5);
      expect(businessMillis(...eve, office()) / H).toBe(8.5);
      expect(businessMillis(...eve, office(christmasEve)) / H).toBe(0);
      expect(businessMillis(...hemelvaart, office(withoutLustrum)) / H).toBe(0);
    }
  });
});

describe('office hours include their ends (METHOD.md 4)', () => {
  it.each([
    ['17:00:00 exactly is inside', '2026-11-04T16:00:00Z', true],
    ['17:00:01 is outside', '2026-11-04T16:00:01Z', false],
    ['16:59:59.999 is inside', '2026-11-04T15:59:59.999Z', true],
    ['08:30:00 exactly is inside', '2026-11-04T07:30:00Z', true],
    ['08:29:59.999 is outside', '2026-11-04T07:29:59.999Z', false],
    ['17:00 on a holiday is outside (Kerst 2026)', '2026-12-25T16:00:00Z', false],
    ['17:00 in summer time (UTC+2)', '2026-07-01T15:00:00Z', true],
    ['17:00:01 in summer time', '2026-07-01T15:00:01Z', false],
  ])('%s', (_name, instant, expected) => {
    expect(isWithinHours(instant, office())).toBe(expected);
  });

  it('accepts a Date and epoch milliseconds as well as an ISO string', () => {
    expect(isWithinHours(new Date('2026-11-04T16:00:00Z'), office())).toBe(true);
    expect(isWithinHours(Date.parse('2026-11-04T16:00:01Z'), office())).toBe(false);
  });

  it('lunch: both ends of each range are inside, the break between is not', () => {
    const split: OfficeHours = {
      zone,
      weekly: {
        3: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '17:00' },
        ],
      },
    };
    // Wednesday 4 November 2026, winter time (UTC+1).
    expect(isWithinHours('2026-11-04T11:00:00Z', split)).toBe(true); // 12:00
    expect(isWithinHours('2026-11-04T11:30:00Z', split)).toBe(false); // 12:30
    expect(isWithinHours('2026-11-04T12:00:00Z', split)).toBe(true); // 13:00
  });

  it('a range ending at 24:00 holds the next midnight, and not a moment after', () => {
    const lateMonday: OfficeHours = { zone, weekly: { 1: [{ from: '20:00', to: '24:00' }] }, holidays: false };
    // Monday 2 November 2026 24:00 = Tuesday 3 November 00:00 local = 2 November 23:00Z.
    expect(isWithinHours('2026-11-02T23:00:00Z', lateMonday)).toBe(true);
    expect(isWithinHours('2026-11-02T23:00:01Z', lateMonday)).toBe(false);
    expect(isWithinHours('2026-11-02T18:59:59Z', lateMonday)).toBe(false);
    expect(isWithinHours('2026-11-02T19:00:00Z', lateMonday)).toBe(true);
  });

  it('business duration is unchanged by the closed ends: 08:30 -> 17:00 is 8.5 h', () => {
    expect(businessMillis('2026-11-04T07:30:00Z', '2026-11-04T16:00:00Z', office()) / H).toBe(8.5);
    expect(businessMillis('2026-11-04T16:00:00Z', '2026-11-04T16:00:01Z', office())).toBe(0);
  });
});
