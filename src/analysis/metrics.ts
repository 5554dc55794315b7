import type { BioFields, Outcome, RequestKind, StatedHours, WeeklyHours } from '../model/index.js';
import { OUTCOMES } from '../model/index.js';
import { businessMillis, isWithinHours, workingDayMillis, type OfficeHours } from './business-time.js';
import { kaplanMeierMedian, quantile } from './stats.js';
import { HOUR_MS } from '../model/index.js';

/** One request as the metrics see it: stored timestamps, computed when read (METHOD.md 4). */
export interface RequestFacts {
  kind: Exclude<RequestKind, 'other'>;
  outcome: Outcome;
  createdAt: string;
  responseAt: string | null;
  communityAt: string | null;
  hours: OfficeHours;
}

export interface MethodParams {
  windowDays: number;
  normWorkingDays: number;
}

export interface Metrics {
  requests: number;
  byKind: Record<'question' | 'report', number>;
  byOutcome: Record<Outcome, number>;
  closed: number;
  responded: number;
  /** (answered + redirected + acknowledged) / closed; null without closed requests. */
  responseRate: number | null;
  /** answered / responded. */
  substance: number | null;
  wallHours: { median: number | null; p90: number | null };
  businessHours: { median: number | null; p90: number | null };
  /** Shares of closed requests whose first response came within 1 h, 24 h (wall) and the norm (business). */
  within1h: number | null;
  within24h: number | null;
  withinNorm: number | null;
  outOfHoursResponses: number;
  /** Share of requests where someone else replied before the organisation (or instead of it). */
  communityFirst: number | null;
  /** Kaplan-Meier median time to response in hours, pending and unanswered requests censored. */
  kmMedianHours: number | null;
}

const RESPONDED: readonly Outcome[] = ['answered', 'redirected', 'acknowledged'];
const share = (n: number, d: number) => (d > 0 ? n / d : null);

// Office time of a response depends only on the request: reports compute it once per request,
// also when the same requests are measured again per organisation for a national mean score.
const officeTime = new WeakMap<RequestFacts, { business: number; inHours: boolean }>();
function officeOf(r: RequestFacts): { business: number; inHours: boolean } {
  let o = officeTime.get(r);
  if (!o)
    officeTime.set(
      r,
      (o = {
        business: businessMillis(r.createdAt, r.responseAt!, r.hours),
        inHours: isWithinHours(r.responseAt!, r.hours),
      }),
    );
  return o;
}

/** Computes every measure of METHOD.md 3-4 over a set of requests at `now`. */
export function computeMetrics(reqs: readonly RequestFacts[], params: MethodParams, now: Date): Metrics {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byKind = { question: 0, report: 0 };
  const wall: number[] = [];
  const business: number[] = [];
  let w1 = 0;
  let w24 = 0;
  let wNorm = 0;
  let outOfHours = 0;
  let community = 0;
  const km: { time: number; event: boolean }[] = [];
  for (const r of reqs) {
    byOutcome[r.outcome]++;
    byKind[r.kind]++;
    if (r.communityAt) community++;
    const created = Date.parse(r.createdAt);
    const responded = RESPONDED.includes(r.outcome) && r.responseAt !== null;
    if (responded) {
      // A reply stamped up to 5 minutes before its request (clock skew) counts with time 0.
      const ms = Math.max(0, Date.parse(r.responseAt!) - created);
      const { business: bms, inHours } = officeOf(r);
      wall.push(ms / HOUR_MS);
      business.push(bms / HOUR_MS);
      if (ms <= HOUR_MS) w1++;
      if (ms <= 24 * HOUR_MS) w24++;
      if (bms <= params.normWorkingDays * workingDayMillis(r.hours)) wNorm++;
      if (!inHours) outOfHours++;
      km.push({ time: ms / HOUR_MS, event: true });
    } else {
      const censorAt = Math.min(now.getTime() - created, params.windowDays * 24 * HOUR_MS);
      km.push({ time: Math.max(0, censorAt) / HOUR_MS, event: false });
    }
  }
  const closed = reqs.length - byOutcome.pending;
  const respondedN = RESPONDED.reduce((s, o) => s + byOutcome[o], 0);
  return {
    requests: reqs.length,
    byKind,
    byOutcome,
    closed,
    responded: respondedN,
    responseRate: share(respondedN, closed),
    substance: share(byOutcome.answered, respondedN),
    wallHours: { median: quantile(wall, 0.5), p90: quantile(wall, 0.9) },
    businessHours: { median: quantile(business, 0.5), p90: quantile(business, 0.9) },
    within1h: share(w1, closed),
    within24h: share(w24, closed),
    withinNorm: share(wNorm, closed),
    outOfHoursResponses: outOfHours,
    communityFirst: share(community, reqs.length),
    kmMedianHours: kaplanMeierMedian(km),
  };
}

/** Stated hours of a bio as a weekly template ([] days = every day; no times = the whole day). */
export function statedToWeekly(stated: readonly StatedHours[]): WeeklyHours {
  const weekly: WeeklyHours = {};
  for (const s of stated) {
    for (const d of s.days.length ? s.days : [1, 2, 3, 4, 5, 6, 7]) {
      (weekly[d as 1] ??= []).push({ from: s.from ?? '00:00', to: s.to ?? '24:00' });
    }
  }
  return weekly;
}

export interface StatedVersusActual {
  responses: number;
  /** Share of responses given inside the hours the bio states; null when it states none. */
  insideStatedHours: number | null;
  /** Responses at times the bio says nobody is there. */
  whenClosed: number;
  /** Share of responded requests answered within the bio's promise; null without a promise. */
  withinPromise: number | null;
}

/** Compares what a bio says (hours, promise) with when responses really came (METHOD.md 5). */
export function statedVersusActual(bio: BioFields, reqs: readonly RequestFacts[], zone: string): StatedVersusActual {
  const responded = reqs.filter((r) => r.responseAt && RESPONDED.includes(r.outcome));
  const stated: OfficeHours = { weekly: statedToWeekly(bio.hours), zone, holidays: false };
  const inside = responded.filter((r) => isWithinHours(r.responseAt!, stated)).length;
  const promised = bio.promise;
  const inPromise =
    promised === null
      ? 0
      : responded.filter((r) => Date.parse(r.responseAt!) - Date.parse(r.createdAt) <= promised * HOUR_MS).length;
  return {
    responses: responded.length,
    insideStatedHours: bio.hours.length ? share(inside, responded.length) : null,
    whenClosed: bio.hours.length ? responded.length - inside : 0,
    withinPromise: promised === null ? null : share(inPromise, responded.length),
  };
}
