import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMillis, businessReaches, isWithinHours } from '../../../src/analysis/business-time.js';
import { parseBio } from '../../../src/analysis/bio/parse-bio.js';
import { classify } from '../../../src/analysis/classify.js';
import { computeMetrics, type RequestFacts } from '../../../src/analysis/metrics.js';
import { outcomeAt } from '../../../src/analysis/outcome.js';
import { readResponse } from '../../../src/analysis/response/read-response.js';
import { kaplanMeierMedian, quantile } from '../../../src/analysis/stats.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';

// #19 item 1: every analysis function is total over what storage can hold: any text (control
// bytes, emoji, huge tokens), any time string (also unparseable ones), any number (NaN, Infinity).
const book = loadPhraseBook();
const r = { from: '08:30', to: '17:00' };
const hours = { zone: 'Europe/Amsterdam', weekly: { 1: [r], 2: [r], 3: [r], 4: [r], 5: [r] } };
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('', ' ', '\u0000\u001b[31m', '@gemeente ?', 'x'.repeat(20_000)),
);
const timeString = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('2026-11-17T99:99:99Z', 'not a date', '+275760-09-13T00:00:00.000Z', ''),
);
const settings = { numRuns: 200 };

describe('analysis functions are total (fast-check)', () => {
  it('classify and the response reader give a known kind for any text', () => {
    fc.assert(
      fc.property(text, text, (t, req) => {
        expect(['question', 'report', 'other']).toContain(classify(t, book).kind);
        expect(['answer', 'redirect', 'acknowledge']).toContain(readResponse(t, book, { request: req }).kind);
      }),
      { numRuns: 80 },
    );
  });

  it('the bio parser returns its fields for any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const b = parseBio(t, book, 'gemeente');
        expect(typeof b.deflects).toBe('boolean');
        expect(Array.isArray(b.hours)).toBe(true);
      }),
      settings,
    );
  });

  it('business time and the outcome rule return numbers and outcomes for any pair of times', () => {
    fc.assert(
      fc.property(timeString, timeString, (a, b) => {
        const ms = businessMillis(a, b, hours);
        expect(typeof ms).toBe('number');
        expect(typeof isWithinHours(a, hours)).toBe('boolean');
        const o = outcomeAt(
          { createdAt: a, responseAt: b, responseKind: 'answer', answerAt: null, redirectAt: null },
          Date.parse('2026-11-20T00:00:00Z'),
          30,
          'Europe/Amsterdam',
        );
        expect(['answered', 'redirected', 'acknowledged', 'unanswered', 'pending']).toContain(o.outcome);
      }),
      settings,
    );
  });

  it('businessReaches(a, b, t) is businessMillis(a, b) >= t, stopping early', () => {
    const instant = fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 40 * 3_600_000 }), (a, b, t) => {
        expect(businessReaches(a, b, hours, t)).toBe(businessMillis(a, b, hours) >= t);
      }),
      settings,
    );
  });

  it('metrics, quantiles and Kaplan-Meier finish for any times, NaN and Infinity included', () => {
    const facts = fc.record({
      createdAt: timeString,
      responseAt: fc.option(timeString, { nil: null }),
      answerAt: fc.option(timeString, { nil: null }),
      outcome: fc.constantFrom('answered', 'redirected', 'acknowledged', 'unanswered', 'pending' as const),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), fc.array(fc.double(), { maxLength: 30 }), (list, nums) => {
        const reqs: RequestFacts[] = list.map((f) => ({ ...f, kind: 'question', communityAt: null, hours }));
        const m = computeMetrics(
          reqs,
          { windowDays: 30, normWorkingDays: 2, horizonDays: 7, zone: 'Europe/Amsterdam' },
          new Date('2026-11-20T00:00:00Z'),
        );
        expect(m.requests).toBe(list.length);
        quantile(nums, 0.9);
        kaplanMeierMedian(nums.map((time, i) => ({ time, event: i % 2 === 0 })));
      }),
      settings,
    );
  });
});
