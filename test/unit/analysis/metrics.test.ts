import { describe, expect, it } from 'vitest';
import { computeMetrics, statedVersusActual, type RequestFacts } from '../../../src/analysis/metrics.js';
import { computeScore, accessibility } from '../../../src/analysis/score.js';
import fc from 'fast-check';
import { kaplanMeierMedian, medianAndP90, quantile } from '../../../src/analysis/stats.js';
import type { OfficeHours } from '../../../src/analysis/business-time.js';
import type { BioFields } from '../../../src/model/index.js';

const r = { from: '08:30', to: '17:00' };
const hours: OfficeHours = { zone: 'Europe/Amsterdam', weekly: { 1: [r], 2: [r], 3: [r], 4: [r], 5: [r] } };
const now = new Date('2026-11-20T12:00:00Z');
const params = { windowDays: 30, normWorkingDays: 2, horizonDays: 7, zone: 'Europe/Amsterdam' };
const W = 0.25;
const weights = { response_rate: 0.4, substance: 0.2, speed: W, accessibility: 0.15 };

// Wednesday 4 Nov 2026, 10:00 local = 09:00Z.
function req(
  outcome: RequestFacts['outcome'],
  responseAt: string | null,
  over: Partial<RequestFacts> = {},
): RequestFacts {
  return {
    kind: 'question',
    outcome,
    createdAt: '2026-11-04T09:00:00Z',
    responseAt,
    // In these sets an answered request's first response is its answer.
    answerAt: outcome === 'answered' ? responseAt : null,
    communityAt: null,
    hours,
    ...over,
  };
}

describe('statistics', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[7], 0.9, 7],
  ])('quantile(%j, %s) = %s', (values, q, want) => {
    expect(quantile(values, q)).toBeCloseTo(want, 9);
  });

  it('medianAndP90 selects the numbers quantile sorts for, also after dividing (#16)', () => {
    // Durations as stored (ms, whole or not, many equal, sorted or reversed) and what storage may hold.
    const value = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((h) => h * 3_600_000),
      fc.integer({ min: -5, max: 5 * 86_400_000 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, Number.NaN, Infinity),
    );
    const list = fc.oneof(
      fc.array(value, { maxLength: 300 }),
      fc.array(value, { maxLength: 300 }).map((v) => v.sort((a, b) => a - b)),
      fc.array(value, { maxLength: 300 }).map((v) => v.sort((a, b) => b - a)),
    );
    fc.assert(
      fc.property(list, fc.constantFrom(1, 3_600_000), (values, per) => {
        const scaled = values.map((v) => v / per);
        expect(medianAndP90(Float64Array.from(values), per)).toEqual({
          median: quantile(scaled, 0.5),
          p90: quantile(scaled, 0.9),
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('Kaplan-Meier counts censored requests instead of dropping them', () => {
    // Two answered at 1 h and 2 h, three still pending at 10 h: half is not reached by the events.
    expect(
      kaplanMeierMedian([
        { time: 1, event: true },
        { time: 2, event: true },
        { time: 10, event: false },
        { time: 10, event: false },
        { time: 10, event: false },
      ]),
    ).toBeNull();
    // Dropping the pending ones would wrongly say 1 h; with 4 answered and 1 censored early the median is 3 h.
    expect(
      kaplanMeierMedian([
        { time: 0.5, event: false },
        { time: 1, event: true },
        { time: 3, event: true },
        { time: 4, event: true },
        { time: 5, event: true },
      ]),
    ).toBe(3);
  });
});

describe('metrics over requests', () => {
  const set = [
    req('answered', '2026-11-04T09:30:00Z'), // 30 min
    req('answered', '2026-11-04T13:00:00Z'), // 4 h
    req('redirected', '2026-11-05T09:00:00Z'), // 24 h wall, 8.5 business
    req('acknowledged', '2026-11-09T09:00:00Z'), // Monday: 5 days wall, 25.5 business > 17 norm
    req('answered', '2026-11-04T21:30:00Z', { kind: 'report' }), // 12.5 h, out of hours
    req('unanswered', null, { createdAt: '2026-10-01T09:00:00Z' }),
    req('pending', null, { createdAt: '2026-11-19T09:00:00Z', communityAt: '2026-11-19T10:00:00Z' }),
  ];
  const m = computeMetrics(set, params, now);

  it('counts kinds and outcomes; closed = outcomes that can no longer change', () => {
    // Final: the 3 answered and the October one (window over); the redirect and acknowledgement of
    // 4 November can still become answered until 4 December, the pending one until 19 December.
    expect(m).toMatchObject({ requests: 7, closed: 4, responded: 5, byKind: { question: 6, report: 1 } });
    expect(m.byOutcome).toEqual({ answered: 3, redirected: 1, acknowledged: 1, unanswered: 1, pending: 1 });
    expect(new Date(m.outcomesFinalAt!).toISOString()).toBe('2026-12-19T09:00:00.000Z');
  });

  it('fixed-horizon response rate and substance: due requests only, the one of 19 November not yet due', () => {
    expect(m).toMatchObject({ due: 6, notYetDue: 1, noResponse: 1, final: false });
    expect(new Date(m.finalAt!).toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(m.responseRate).toBeCloseTo(5 / 6, 9);
    expect(m.substance).toBeCloseTo(3 / 5, 9);
    expect(m.answerHours.median).toBeCloseTo(4, 9);
  });

  it('a response after the horizon does not count in the rate, and the period becomes final', () => {
    const late = [req('answered', '2026-11-12T09:00:00Z'), req('acknowledged', '2026-11-10T09:00:00Z')];
    const lm = computeMetrics(late, params, now);
    // 8 days is past the 7-day horizon; 6 days is within it (responded), but not an answer.
    expect(lm).toMatchObject({ due: 2, responseRate: 0.5, substance: 0, final: true });
  });

  it('median and p90 of wall and business time', () => {
    expect(m.wallHours.median).toBeCloseTo(12.5, 9);
    expect(m.wallHours.p90).toBeCloseTo(24 + 0.6 * 96, 9);
    // Business hours: 0.5, 4, 8.5 (Wed 10-17 + Thu 08:30-10), 25.5 (to Monday), 7 (22:30 answer counts Wed 10-17 only).
    expect(m.businessHours.median).toBeCloseTo(7, 9);
  });

  it('shares within 1 h, 24 h and the norm each count requests past their own limit', () => {
    // The pending one (19 Nov 10:00 local, 27 h before now) is past 1 h and 24 h without a response.
    expect(m.within1h).toBeCloseTo(1 / 7, 9);
    expect(m.within24h).toBeCloseTo(4 / 7, 9);
    // The norm counts answers only: 3 answers within 17 business hours; the redirect and the
    // acknowledgement are no answer. The pending one has had 11.5 business hours: not yet due.
    expect(m.withinNorm).toBeCloseTo(3 / 6, 9);
  });

  it('out-of-hours responses and community answers', () => {
    expect(m.outOfHoursResponses).toBe(1);
    expect(m.communityFirst).toBeCloseTo(1 / 7, 9);
  });

  it('stated versus actual: responses inside the stated hours, within the promise', () => {
    const bio: BioFields = {
      deflects: false,
      channels: [],
      notMonitored: false,
      invitesQuestions: true,
      hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }],
      promise: 24,
    };
    expect(statedVersusActual(bio, set, 'Europe/Amsterdam')).toEqual({
      responses: 5,
      insideStatedHours: 4 / 5,
      whenClosed: 1,
      withinPromise: 4 / 5,
    });
  });
});

describe('score (METHOD.md 6)', () => {
  const bio: BioFields = {
    deflects: true,
    channels: ['email'],
    notMonitored: false,
    invitesQuestions: false,
    hours: [],
    promise: null,
  };

  it('weighs response rate, substance, speed and accessibility', () => {
    const set = [
      req('answered', '2026-11-04T10:00:00Z'),
      req('answered', '2026-11-04T10:00:00Z'),
      req('redirected', '2026-11-04T10:00:00Z'),
      req('unanswered', null),
      req('answered', '2026-11-04T10:00:00Z'),
    ];
    const s = computeScore(computeMetrics(set, params, now), bio, weights, 5);
    // Speed counts answers only (method 2): 3 of 5, not the 4 responses.
    expect(s.parts).toEqual({ responseRate: 0.8, substance: 0.75, speed: 0.6, accessibility: 1 / 3 });
    expect(s.score).toBe(6.7);
  });

  it('gives no score with fewer than 5 requests past their horizon', () => {
    const recent = { createdAt: '2026-11-16T09:00:00Z' }; // 4 days before now
    const five = [1, 2, 3, 4].map(() => req('answered', '2026-11-04T10:00:00Z'));
    expect(computeScore(computeMetrics(five, params, now), bio, weights, 5)).toMatchObject({ score: null });
    const withRecent = [...five, req('answered', '2026-11-16T10:00:00Z', recent)];
    // The recent one answered within its horizon counts (it got what the rate counts): 5 due.
    expect(computeScore(computeMetrics(withRecent, params, now), bio, weights, 5).score).not.toBeNull();
    const unansweredRecent = [...five, req('pending', null, recent)];
    expect(computeScore(computeMetrics(unansweredRecent, params, now), bio, weights, 5)).toMatchObject({
      score: null,
      reason: 'too few',
    });
  });

  it('gives no score with fewer than 5 requests at all', () => {
    const s = computeScore(
      computeMetrics(
        [req('answered', '2026-11-04T10:00:00Z'), req('pending', null, { createdAt: '2026-11-19T09:00:00Z' })],
        params,
        now,
      ),
      bio,
      weights,
      5,
    );
    expect(s).toMatchObject({ score: null, reason: 'too few' });
  });

  it('accessibility: a third each for not deflecting, monitored, hours stated', () => {
    expect(accessibility({ ...bio, deflects: false, hours: [{ days: [1], from: null, to: null }] })).toBe(1);
    expect(accessibility({ ...bio, notMonitored: true })).toBe(0);
    expect(accessibility(null)).toBeNull();
  });
});

describe('statistics are total over what storage can hold', () => {
  it('a NaN time (an unparseable date) neither hangs Kaplan-Meier nor poisons quantiles', () => {
    expect(
      kaplanMeierMedian([
        { time: Number.NaN, event: true },
        { time: 2, event: true },
        { time: 3, event: true },
      ]),
    ).toBe(2);
    expect(quantile([Number.NaN, 1, 3], 0.5)).toBe(2);
    expect(quantile([Number.NaN], 0.5)).toBeNull();
  });
});
