import type { BioFields, Outcome, RequestKind, StatedHours, WeeklyHours } from '../model/index.js';
import { OUTCOMES } from '../model/index.js';
import { isWithinHours, type OfficeHours } from './business-time.js';
import { requestTimes, type RequestTimes } from './request-times.js';
import { kaplanMeierMedian, medianAndP90 } from './stats.js';
import { HOUR_MS } from '../model/index.js';

/**
 * One request as the metrics see it at an instant (METHOD.md 3-4b): its outcome then (decided by
 * analysis/outcome.ts) and only the responses known then; times are computed when read.
 */
export interface RequestFacts {
  kind: Exclude<RequestKind, 'other'>;
  outcome: Outcome;
  createdAt: string;
  /** The first response of any kind, null when none had come by the instant. */
  responseAt: string | null;
  /** The first answer, null when none had come by the instant (method 1 data: see the reader). */
  answerAt?: string | null;
  communityAt: string | null;
  /** Another organisation replied in the thread. */
  otherOrgAt?: string | null;
  hours: OfficeHours;
  /** Stored times (see analysis/request-times.ts); computed from `hours` when absent. */
  times?: RequestTimes;
  /** createdAt, responseAt and answerAt as epoch ms when the reader has them (saves parsing per request). */
  createdMs?: number;
  responseMs?: number | null;
  answerMs?: number | null;
}

export interface MethodParams {
  windowDays: number;
  normWorkingDays: number;
  /** The score horizon H in calendar days (METHOD.md 4b, default 7). */
  horizonDays: number;
  /** The zone whose calendar days the window and horizon count. */
  zone: string;
}

export interface Metrics {
  requests: number;
  byKind: Record<'question' | 'report', number>;
  /** Outcomes at the instant; all but answered are provisional until the request's window has passed. */
  byOutcome: Record<Outcome, number>;
  /** Requests whose outcome is final (answered, or the window has passed). */
  closed: number;
  /** Requests with any response within the window (answered, redirected or acknowledged). */
  responded: number;
  /** Requests whose score horizon H has passed (or that got a response within H earlier): the rates' base. */
  due: number;
  /** Requests of the period whose horizon has not passed yet, counted in no rate. */
  notYetDue: number;
  /** Due requests without any response within H (the digest's "no response within 7 days"). */
  noResponse: number;
  /** Share of due requests with any response within H (fixed horizon); null when none is due. */
  responseRate: number | null;
  /** Of the requests responded to within H, the share answered within H. */
  substance: number | null;
  wallHours: { median: number | null; p90: number | null };
  businessHours: { median: number | null; p90: number | null };
  /** Time to the first answer (not any response), wall clock. */
  answerHours: { median: number | null; p90: number | null };
  /** Shares of requests with a first response within 1 h and 24 h (wall), each over the requests past that horizon. */
  within1h: number | null;
  within24h: number | null;
  /** Share of requests answered (an answer, not any response) within the norm, business clock, over those past the norm. */
  withinNorm: number | null;
  outOfHoursResponses: number;
  /** Share of requests where someone else replied before the organisation (or instead of it). */
  communityFirst: number | null;
  /** Requests in whose thread another monitored organisation replied. */
  otherOrgReplied: number;
  /** Kaplan-Meier median time to response in hours, pending and unanswered requests censored. */
  kmMedianHours: number | null;
  /** When the last request's horizon passes: the rates and score are final from then (null without requests). */
  finalAt: number | null;
  /** The rates and score can no longer change (every request past its horizon). */
  final: boolean;
  /** When the last provisional outcome becomes final (its window ends); null when all are final. */
  outcomesFinalAt: number | null;
}

const NONE = { median: null, p90: null };
const RESPONDED: readonly Outcome[] = ['answered', 'redirected', 'acknowledged'];
const share = (n: number, d: number) => (d > 0 ? n / d : null);

// A request's instant-free times (horizon, window, norm, office time of its responses): stored ones
// when the reader has them, else computed once per request here (the slow path).
const computed = new WeakMap<RequestFacts, { params: MethodParams; times: RequestTimes }>();
function timesOf(r: RequestFacts, params: MethodParams): RequestTimes {
  if (r.times) return r.times;
  const hit = computed.get(r);
  if (hit && hit.params === params) return hit.times;
  const times = requestTimes(
    { createdAt: r.createdAt, responseAt: r.responseAt, answerAt: r.answerAt ?? null },
    r.hours,
    params,
  );
  computed.set(r, { params, times });
  return times;
}

/** A fixed-horizon rate (METHOD.md 4b): counted once its horizon has passed, or earlier when it got what the rate counts. */
class Rate {
  hit = 0;
  base = 0;
  add(hit: boolean, due: boolean): void {
    if (hit) this.hit++;
    if (hit || due) this.base++;
  }
  get value(): number | null {
    return share(this.hit, this.base);
  }
}

/** Computes every measure of METHOD.md 3-4b over a set of requests as they stood at `now`. */
export function computeMetrics(
  reqs: readonly RequestFacts[],
  params: MethodParams,
  now: Date,
  opts: { distributions?: boolean } = {},
): Metrics {
  // Scores need the rates only: the per-organisation pass of a national report skips the sorting.
  const distributions = opts.distributions ?? true;
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byKind = { question: 0, report: 0 };
  const wall: number[] = [];
  const business: number[] = [];
  const answer: number[] = [];
  const [inH, answeredInH, w1, w24, wNorm] = [new Rate(), new Rate(), new Rate(), new Rate(), new Rate()];
  const T = now.getTime();
  let outOfHours = 0;
  let community = 0;
  let otherOrg = 0;
  let provisional = 0;
  let finalAt: number | null = null;
  let outcomesFinalAt: number | null = null;
  const km: { time: number; event: boolean }[] = [];
  for (const r of reqs) {
    byOutcome[r.outcome]++;
    byKind[r.kind]++;
    if (r.communityAt) community++;
    if (r.otherOrgAt) otherOrg++;
    const created = r.createdMs ?? Date.parse(r.createdAt);
    const t = timesOf(r, params);
    const horizonEnd = t.horizonEnd;
    finalAt = Math.max(finalAt ?? horizonEnd, horizonEnd);
    if (r.outcome !== 'answered') {
      const windowEnd = t.windowEnd;
      if (windowEnd > T) {
        provisional++;
        outcomesFinalAt = Math.max(outcomesFinalAt ?? windowEnd, windowEnd);
      }
    }
    const due = T >= horizonEnd;
    // A reply stamped up to 5 minutes before its request (clock skew) counts with time 0.
    const responseAt =
      r.responseMs !== undefined ? r.responseMs : r.responseAt === null ? null : Date.parse(r.responseAt);
    const answerAt = r.answerMs !== undefined ? r.answerMs : r.answerAt ? Date.parse(r.answerAt) : null;
    const responseMs = responseAt === null ? null : Math.max(created, responseAt);
    const answerMs = answerAt === null ? null : Math.max(created, answerAt);
    inH.add(responseMs !== null && responseMs <= horizonEnd, due);
    if (responseMs !== null && responseMs <= horizonEnd)
      answeredInH.add(answerMs !== null && answerMs <= horizonEnd, true);
    w1.add(responseMs !== null && responseMs - created <= HOUR_MS, T - created >= HOUR_MS);
    w24.add(responseMs !== null && responseMs - created <= 24 * HOUR_MS, T - created >= 24 * HOUR_MS);
    const answeredInNorm = answerMs !== null && t.answerInNorm === true;
    const normDue = !answeredInNorm && t.normReach !== null && T >= t.normReach;
    wNorm.add(answeredInNorm, answeredInNorm || normDue);
    if (answerMs !== null) answer.push((answerMs - created) / HOUR_MS);
    if (responseMs !== null && RESPONDED.includes(r.outcome)) {
      const ms = responseMs - created;
      wall.push(ms / HOUR_MS);
      business.push(t.responseBusinessMs! / HOUR_MS);
      if (!t.responseInHours) outOfHours++;
      km.push({ time: ms / HOUR_MS, event: true });
    } else {
      const censorAt = Math.min(T - created, params.windowDays * 24 * HOUR_MS);
      km.push({ time: Math.max(0, censorAt) / HOUR_MS, event: false });
    }
  }
  const respondedN = RESPONDED.reduce((s, o) => s + byOutcome[o], 0);
  return {
    requests: reqs.length,
    byKind,
    byOutcome,
    closed: reqs.length - provisional,
    responded: respondedN,
    due: inH.base,
    notYetDue: reqs.length - inH.base,
    noResponse: inH.base - inH.hit,
    responseRate: inH.value,
    substance: answeredInH.value,
    wallHours: distributions ? medianAndP90(wall) : NONE,
    businessHours: distributions ? medianAndP90(business) : NONE,
    answerHours: distributions ? medianAndP90(answer) : NONE,
    within1h: w1.value,
    within24h: w24.value,
    withinNorm: wNorm.value,
    outOfHoursResponses: outOfHours,
    communityFirst: share(community, reqs.length),
    otherOrgReplied: otherOrg,
    kmMedianHours: distributions ? kaplanMeierMedian(km) : null,
    finalAt,
    final: finalAt === null || T >= finalAt,
    outcomesFinalAt,
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
