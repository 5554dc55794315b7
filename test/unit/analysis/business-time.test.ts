import { describe, expect, it } from 'vitest';
import {
  businessMillis,
  dutchHolidays,
  isWithinHours,
  workingDayMillis,
  type OfficeHours,
} from '../../../src/analysis/business-time.js';

const H = 3_600_000;
const weekdays = { from: '08:30', to: '17:00' };
const office: OfficeHours = {
  zone: 'Europe/Amsterdam',
  weekly: { 1: [weekdays], 2: [weekdays], 3: [weekdays], 4: [weekdays], 5: [weekdays] },
};
const always: OfficeHours = {
  zone: 'Europe/Amsterdam',
  weekly: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ from: '00:00', to: '24:00' }]])),
  holidays: false,
};
const split: OfficeHours = {
  zone: 'Europe/Amsterdam',
  weekly: {
    3: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ],
  },
};

describe('business time (Europe/Amsterdam, Dutch holidays)', () => {
  it.each([
    // name, start (UTC), end (UTC), hours, expected business hours
    [
      'request Friday 23:00, answered Monday 09:00 = 30 minutes',
      '2026-11-06T22:00:00Z',
      '2026-11-09T08:00:00Z',
      office,
      0.5,
    ],
    ['same office day, 10:00 -> 14:00', '2026-11-04T09:00:00Z', '2026-11-04T13:00:00Z', office, 4],
    ['overnight: 16:00 -> next day 09:30', '2026-11-04T15:00:00Z', '2026-11-05T08:30:00Z', office, 2],
    ['a whole working week', '2026-11-02T00:00:00Z', '2026-11-09T00:00:00Z', office, 42.5],
    ['Koningsdag 27 April 2026 (Monday) is closed', '2026-04-27T06:00:00Z', '2026-04-27T16:00:00Z', office, 0],
    [
      'Koningsdag 2025 moves to Saturday 26 April (27th is a Sunday): Monday 28th is open',
      '2025-04-28T06:30:00Z',
      '2025-04-28T15:00:00Z',
      office,
      8.5,
    ],
    ['Hemelvaart 14 May 2026 is closed', '2026-05-14T06:00:00Z', '2026-05-14T16:00:00Z', office, 0],
    [
      'Bevrijdingsdag 5 May 2026 is open (2026 is no lustrum year)',
      '2026-05-05T06:00:00Z',
      '2026-05-05T16:00:00Z',
      office,
      8.5,
    ],
    ['Bevrijdingsdag 5 May 2025 is closed (lustrum year)', '2025-05-05T06:00:00Z', '2025-05-05T16:00:00Z', office, 0],
    [
      'Kerst: 24 Dec 16:00 -> 28 Dec 09:30 counts only Thursday 24th 16:00-17:00 and Monday 28th 08:30-09:30',
      '2026-12-24T15:00:00Z',
      '2026-12-28T08:30:00Z',
      office,
      2,
    ],
    ['Goede Vrijdag 3 April 2026 is not excluded', '2026-04-03T07:30:00Z', '2026-04-03T15:00:00Z', office, 7.5],
    ['DST start (29 March 2026): that Sunday has 23 hours', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', always, 23],
    ['DST end (25 October 2026): that Sunday has 25 hours', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', always, 25],
    [
      'office hours keep local time across DST: Monday after the change',
      '2026-03-30T06:30:00Z',
      '2026-03-30T15:00:00Z',
      office,
      8.5,
    ],
    ['several ranges per day (lunch closed)', '2026-11-04T07:00:00Z', '2026-11-04T17:00:00Z', split, 7],
    ['end before start is 0', '2026-11-04T13:00:00Z', '2026-11-04T09:00:00Z', office, 0],
  ])('%s', (_name, start, end, hours, expected) => {
    expect(businessMillis(start, end, hours) / H).toBeCloseTo(expected, 6);
  });

  it.each([
    ['Wednesday 10:00 local', '2026-11-04T09:00:00Z', true],
    ['Wednesday 08:29 local', '2026-11-04T07:29:00Z', false],
    ['Wednesday 17:00:00 local, closing time, is inside', '2026-11-04T16:00:00Z', true],
    ['Wednesday 17:00:01 local is outside', '2026-11-04T16:00:01Z', false],
    ['Wednesday 08:30:00 local, opening time, is inside', '2026-11-04T07:30:00Z', true],
    ['Friday 23:00 local', '2026-11-06T22:00:00Z', false],
    ['Saturday noon', '2026-11-07T11:00:00Z', false],
    ['Koningsdag noon', '2026-04-27T10:00:00Z', false],
    ['summer time: 08:45 local on 1 July is 06:45 UTC', '2026-07-01T06:45:00Z', true],
  ])('isWithinHours: %s', (_name, instant, expected) => {
    expect(isWithinHours(instant, office)).toBe(expected);
  });

  it('knows the default Dutch holidays of a year (METHOD.md 4), moving feasts from the library', () => {
    expect([...dutchHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect([...dutchHolidays(2025)].sort()).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('a working day of the default template is 8.5 hours', () => {
    expect(workingDayMillis(office) / H).toBe(8.5);
  });
});
