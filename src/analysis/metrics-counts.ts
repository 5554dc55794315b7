import { HOUR_MS, OUTCOMES, type MetricCounts, type Outcome } from '../model/index.js';
export { addCounts, emptyCounts } from '../model/index.js';
import type { Metrics } from './metrics.js';

export type { MetricCounts } from '../model/index.js';
import { medianAndP90 } from './stats.js';

/** The values of the distributions in ms (unsorted): see storage/request-counts.ts. */
export interface MetricValues {
  wall: Float64Array;
  business: Float64Array;
  answer: Float64Array;
  censored: Float64Array;
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);
const NONE = { median: null, p90: null };
// A plain loop, not map with a callback (slow over a year of values); the same division as computeMetrics.
const hours = (ms: Float64Array) => {
  const out = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = ms[i]! / HOUR_MS;
  return out;
};

/**
 * Metrics (analysis/metrics.ts) from counts and, when given, the values of the distributions: equal
 * to computeMetrics over the same requests, number for number (test/reports/fast-path.test.ts).
 */
export function metricsOfCounts(
  c: MetricCounts,
  values: MetricValues | undefined,
  windowDays: number,
  T: number,
): Metrics {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, c[o as Outcome & keyof MetricCounts] ?? 0])) as Record<
    Outcome,
    number
  >;
  const finalAt = c.requests ? c.finalAt : null;
  return {
    requests: c.requests,
    byKind: { question: c.questions, report: c.reports },
    byOutcome,
    closed: c.requests - c.provisional,
    responded: c.answered + c.redirected + c.acknowledged,
    due: c.inHorizonBase,
    notYetDue: c.requests - c.inHorizonBase,
    noResponse: c.inHorizonBase - c.inHorizonHit,
    responseRate: share(c.inHorizonHit, c.inHorizonBase),
    substance: share(c.answeredInHorizon, c.inHorizonHit),
    wallHours: values ? medianAndP90(values.wall, HOUR_MS) : NONE,
    businessHours: values ? medianAndP90(values.business, HOUR_MS) : NONE,
    answerHours: values ? medianAndP90(values.answer, HOUR_MS) : NONE,
    within1h: share(c.within1hHit, c.within1hBase),
    within24h: share(c.within24hHit, c.within24hBase),
    withinNorm: share(c.withinNormHit, c.withinNormBase),
    outOfHoursResponses: c.outOfHours,
    communityFirst: share(c.community, c.requests),
    otherOrgReplied: c.otherOrg,
    kmMedianHours: values ? kaplanMeierOf(values, c.censoredAtWindow, windowDays) : null,
    finalAt,
    final: finalAt === null || T >= finalAt,
    outcomesFinalAt: c.outcomesFinalAt,
  };
}

/**
 * stats.ts kaplanMeierMedian over events (the wall times) and censored times, with `atWindow`
 * more censored at the whole window: the same steps in the same order, so the same number.
 */
function kaplanMeierOf(v: MetricValues, atWindow: number, windowDays: number): number | null {
  const events = hours(v.wall).sort();
  const censored = hours(v.censored).sort();
  const windowHours = (windowDays * 24 * HOUR_MS) / HOUR_MS;
  let rest = atWindow; // censored at the window, after every earlier censoring (those are younger)
  let atRisk = events.length + censored.length + rest;
  let survival = 1;
  let i = 0;
  let j = 0;
  while (i < events.length || j < censored.length || rest > 0) {
    const t = Math.min(events[i] ?? Infinity, censored[j] ?? Infinity, rest > 0 ? windowHours : Infinity);
    let d = 0;
    let leaving = 0;
    for (; i < events.length && events[i] === t; i++) d++;
    for (; j < censored.length && censored[j] === t; j++) leaving++;
    if (rest > 0 && t === windowHours) {
      leaving += rest;
      rest = 0;
    }
    if (d > 0) {
      survival *= 1 - d / atRisk;
      if (survival <= 0.5) return t;
    }
    atRisk -= d + leaving;
  }
  return null;
}
