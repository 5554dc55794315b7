import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessMillis,
  businessReachAt,
  businessReaches,
  isWithinHours,
  workingDayMillis,
  type OfficeHours,
} from '../../../src/analysis/business-time.js';
import { plusLocalDays } from '../../../src/analysis/outcome.js';
import { requestTimes, timesKey } from '../../../src/analysis/request-times.js';

// #16: the stored times must answer exactly what the calendar walks answer, for any instant.
const r = (from: string, to: string) => ({ from, to });
const templates: OfficeHours[] = [
  { zone: 'Europe/Amsterdam', weekly: { 1: [r('08:30', '17:00')], 3: [r('09:00', '12:00'), r('13:00', '17:00')] } },
  {
    zone: 'Europe/Amsterdam',
    weekly: { 1: [r('00:00', '24:00')], 5: [r('20:00', '24:00')], 6: [r('00:00', '02:00')] },
  },
  { zone: 'Europe/Amsterdam', weekly: { 2: [r('09:00', '17:00'), r('12:00', '18:00')] } }, // overlapping ranges
  { zone: 'Europe/Amsterdam', weekly: {} },
  { zone: 'Asia/Kathmandu', weekly: { 1: [r('08:00', '16:00')], 2: [r('08:00', '16:00')] }, holidays: false },
];
const t0 = Date.UTC(2026, 2, 20); // spans the change to summer time and the Easter holidays
const instant = fc.integer({ min: t0, max: t0 + 40 * 86_400_000 });

describe('request times', () => {
  it('businessReachAt is the first instant at which businessReaches turns true', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        instant,
        instant,
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * 3_600_000 })),
        (hours, s, T, threshold) => {
          const reach = businessReachAt(s, hours, threshold);
          expect(businessReaches(s, T, hours, threshold)).toBe(reach !== null && T >= reach);
          if (reach !== null && threshold > 0) {
            expect(businessMillis(s, reach, hours)).toBeGreaterThanOrEqual(threshold);
            expect(businessMillis(s, reach - 1, hours)).toBeLessThan(threshold);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('requestTimes equals the figures the metrics computed per request', () => {
    const params = { windowDays: 30, horizonDays: 7, normWorkingDays: 2, zone: 'Europe/Amsterdam' };
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        instant,
        fc.option(fc.integer({ min: -300_000, max: 20 * 86_400_000 })),
        (hours, c, dr) => {
          const createdAt = new Date(c).toISOString();
          const responseAt = dr === null ? null : new Date(c + dr).toISOString();
          const t = requestTimes({ createdAt, responseAt, answerAt: responseAt }, hours, params);
          const normMs = 2 * workingDayMillis(hours);
          expect(t.horizonEnd).toBe(plusLocalDays(c, 7, params.zone));
          expect(t.windowEnd).toBe(plusLocalDays(c, 30, params.zone));
          expect(t.responseBusinessMs).toBe(responseAt === null ? null : businessMillis(createdAt, responseAt, hours));
          expect(t.responseInHours).toBe(responseAt === null ? null : isWithinHours(responseAt, hours));
          expect(t.answerInNorm).toBe(
            responseAt === null ? null : businessMillis(c, Date.parse(responseAt), hours) <= normMs,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the key changes with every parameter and the hours, and only with them', () => {
    const p = { windowDays: 30, horizonDays: 7, normWorkingDays: 2, zone: 'Europe/Amsterdam' };
    const h = templates[0]!;
    expect(timesKey(h, p)).toBe(timesKey({ ...h, weekly: JSON.parse(JSON.stringify(h.weekly)) }, { ...p }));
    const others = [
      timesKey(h, { ...p, windowDays: 31 }),
      timesKey(h, { ...p, horizonDays: 8 }),
      timesKey(h, { ...p, normWorkingDays: 3 }),
      timesKey(templates[1]!, p),
      timesKey({ ...h, holidays: false }, p),
    ];
    expect(new Set([timesKey(h, p), ...others]).size).toBe(6);
    expect(Number.isSafeInteger(timesKey(h, p))).toBe(true);
  });
});
