import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/load.js';
import { heatmap } from '../../src/reports/digest-parts.js';
import type { MeasuredRequest } from '../../src/reports/load.js';

// The digest's heatmap converts once per UTC quarter hour, not per response: it must put every
// response in the local weekday and hour a conversion of that response itself gives, across the
// clock changes and in zones whose offset is not whole hours.
const settingsIn = (timezone: string) =>
  ({
    config: { timezone, method: { office_hours: { mon: [['08:30', '17:00']] } } },
  }) as unknown as Settings;

describe('heatmap', () => {
  it.each(['Europe/Amsterdam', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe'])(
    'counts each response in its own local weekday and hour (%s)',
    (zone) => {
      // Around both of 2026's clock changes in Europe, and those of the southern hemisphere.
      const around = [
        Date.parse('2026-03-29T01:00:00Z'),
        Date.parse('2026-10-25T01:00:00Z'),
        Date.parse('2026-04-05T00:00:00Z'),
      ];
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom(...around), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 })), {
            minLength: 1,
            maxLength: 200,
          }),
          (xs) => {
            const reqs = xs.map(([base, d]) => ({
              responseAt: new Date(base + d).toISOString(),
              outcome: 'answered',
            })) as unknown as MeasuredRequest[];
            const want = new Map<string, number>();
            for (const r of reqs) {
              const t = DateTime.fromISO(r.responseAt!, { zone });
              want.set(`${t.weekday}|${t.hour}`, (want.get(`${t.weekday}|${t.hour}`) ?? 0) + 1);
            }
            const got = new Map(
              heatmap(reqs, settingsIn(zone))
                .filter((c) => c.responses)
                .map((c) => [`${c.weekday}|${c.hour}`, c.responses]),
            );
            expect(got).toEqual(want);
          },
        ),
        { numRuns: 50, seed: 7 },
      );
    },
  );
});
