import { describe, expect, it } from 'vitest';
import {
  isoWeek,
  lastCompleteWeek,
  parseDuration,
  parseInstant,
  previousWeek,
  weekOf,
} from '../../src/reports/period.js';

const Z = 'Europe/Amsterdam';

describe('ISO weeks in Europe/Amsterdam', () => {
  it.each([
    ['2026-W45', '2026-11-01T23:00:00.000Z', '2026-11-08T23:00:00.000Z'],
    ['2026-W53', '2026-12-27T23:00:00.000Z', '2027-01-03T23:00:00.000Z'], // across new year: 2026 has 53 weeks
    ['2027-W01', '2027-01-03T23:00:00.000Z', '2027-01-10T23:00:00.000Z'],
    ['2026-W13', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'], // ends after the switch to summer time: 167 hours
    ['2026-W44', '2026-10-25T23:00:00.000Z', '2026-11-01T23:00:00.000Z'], // starts the day after the switch back
  ])('%s is [%s, %s)', (w, from, to) => {
    const p = isoWeek(w, Z);
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([from, to]);
  });

  it('rejects what is not an ISO week', () => {
    expect(() => isoWeek('2026-45', Z)).toThrow('--week 2026-45: expected an ISO week like 2026-W45');
    expect(() => isoWeek('2025-W53', Z)).toThrow('expected an ISO week'); // 2025 has 52 weeks
  });

  it('the last complete week, the week of an instant, the week before', () => {
    expect(lastCompleteWeek(new Date('2027-01-05T10:00:00Z'), Z).label).toBe('2026-W53');
    expect(lastCompleteWeek(new Date('2026-11-09T06:00:00Z'), Z).label).toBe('2026-W45'); // Monday 07:00 local
    expect(weekOf(new Date('2027-01-01T12:00:00Z'), Z)).toBe('2026-W53');
    expect(previousWeek(isoWeek('2027-W01', Z), Z).label).toBe('2026-W53');
  });

  it('durations and dates for --since/--until', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseInstant('--since', '2026-11-01', new Date(), Z).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(() => parseInstant('--since', 'yesterday', new Date(), Z)).toThrow('--since yesterday: expected a date');
  });
});
