import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { offsetMinutes, startOfLocalDay } from '../../../src/analysis/zone.js';

// The cached zone arithmetic must equal luxon's for every instant, also in the hour of a daylight
// saving change, in zones with half- and quarter-hour offsets, and where midnight did not exist.
const zones = ['Europe/Amsterdam', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'UTC'];
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
  // Around known changes: Amsterdam 2026-03-29 01:00Z, Sao Paulo midnight 2018-11-04, Lord Howe 30 min.
  ...[Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2018, 10, 4, 3), Date.UTC(2026, 3, 4, 15)].map((t) =>
    fc.integer({ min: t - 3 * 3_600_000, max: t + 3 * 3_600_000 }),
  ),
);

describe('zone arithmetic', () => {
  it('offsetMinutes and startOfLocalDay equal luxon for any instant and zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (ms, zone) => {
        expect(offsetMinutes(ms, zone)).toBe(IANAZone.create(zone).offset(ms));
        expect(startOfLocalDay(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).startOf('day').toMillis());
      }),
      { numRuns: 3000 },
    );
  });

  it('a local day in Amsterdam starts at 23:00Z in winter and 22:00Z in summer', () => {
    expect(new Date(startOfLocalDay(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Amsterdam')).toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
    expect(new Date(startOfLocalDay(Date.parse('2026-07-15T21:59:59Z'), 'Europe/Amsterdam')).toISOString()).toBe(
      '2026-07-14T22:00:00.000Z',
    );
  });
});
