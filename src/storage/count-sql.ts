import type { MetricCounts } from '../model/index.js';
import type { RequestFilters } from './report-queries.js';

// The figures of a report counted by SQLite over the covering index of stored times (#16): one
// pass that adds up requests instead of handing each one to JavaScript. What each count means is
// defined by analysis/metrics.ts computeMetrics and reports/measured-row.ts (the reference path);
// test/reports/fast-path.test.ts holds this file to them over random selections.

/** How the requests are grouped besides their organisation and account. */
export type CountGroup = { by: 'none' } | { by: 'platform' } | { by: 'bounds'; bounds: readonly number[] };
// Interval i of bounds is [bounds[i], bounds[i + 1]) (epoch ms of created_at).

/** One (group, organisation) of the selection with every count of computeMetrics at T. */
export interface CountRow extends MetricCounts {
  /** The group: '' (none), the platform, or the index of the bound interval (bounds). */
  group: string | number;
  orgId: string;
  /** Smallest and largest stored times key, and rows whose stored times are missing. */
  keyMin: number | null;
  keyMax: number | null;
  keyless: number;
  /** Rows whose first answer at T is not the stored one (their norm flag cannot be used). */
  unlike: number;
  /**
   * The distributions' values in ms, unsorted: the wall and office time to the first response of
   * timed requests, the time to the first answer, and the age of untimed requests still inside the
   * window (censored there).
   */
  wall: Float64Array;
  business: Float64Array;
  answer: Float64Array;
  censored: Float64Array;
}

/** The instant and method constants every count is taken with. */
export interface CountParams {
  T: number;
  hourMs: number;
  /** The answer window in ms (the Kaplan-Meier censoring time of an untimed request). */
  windowMs: number;
}

// In the order of the select: the organisation, then the counts (the group is set per query).
export const COUNT_COLUMNS: readonly (keyof CountRow)[] = [
  'orgId',
  'keyMin',
  'keyMax',
  'keyless',
  'unlike',
  'requests',
  'questions',
  'reports',
  'answered',
  'redirected',
  'acknowledged',
  'unanswered',
  'pending',
  'community',
  'otherOrg',
  'finalAt',
  'provisional',
  'outcomesFinalAt',
  'inHorizonHit',
  'inHorizonBase',
  'answeredInHorizon',
  'within1hHit',
  'within1hBase',
  'within24hHit',
  'within24hBase',
  'withinNormHit',
  'withinNormBase',
  'timed',
  'outOfHours',
  'answers',
  'censoredAtWindow',
  'wall',
  'business',
  'answer',
  'censored',
];

// Columns that stay null when SQLite gives null; the counts of an empty sum are 0.
const NULLABLE = new Set<keyof CountRow>(['keyMin', 'keyMax', 'outcomesFinalAt']);
// The distributions: SQLite hands each over as one comma-separated list (a year of requests in a
// few hundred strings), parsed here.
export const VALUES = new Set<keyof CountRow>(['wall', 'business', 'answer', 'censored']);
const EMPTY = new Float64Array(0);
// Kept weeks hand theirs over as float64 blobs (storage/request-weeks.ts), copied to be aligned.
// JSON.parse reads a list of numbers three times faster than splitting it (#16's profile), and
// reads SQLite's text of a real (1.5, 1.0e+15) as Number would.
export const parsed = (s: unknown): Float64Array =>
  typeof s === 'string' && s !== ''
    ? new Float64Array(JSON.parse(`[${s}]`) as number[])
    : s instanceof Uint8Array && s.byteLength
      ? new Float64Array(s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength))
      : EMPTY;

// Only what the counts read, so the covering index alone answers.
const SEL_COLUMNS =
  'org_id, platform, kind, created_ms, response_ms, response_kind, answer_ms, redirect_ms, community_ms, other_org_ms, ' +
  'horizon_end_ms, window_end_ms, norm_reach_ms, response_business_ms, response_in_hours, answer_in_norm, times_key';

export type TimesFilters = Omit<RequestFilters, 'outcome' | 'limit' | 'province'>;

/** The where clause of a period over the covering index (created_ms first), and its arguments. */
export function timesSelection(f: TimesFilters, T: number): { where: string; args: (string | number)[] } {
  const since = f.since ? f.since.getTime() : Number.MIN_SAFE_INTEGER;
  const until = Math.min(f.until ? f.until.getTime() - 1 : Number.MAX_SAFE_INTEGER, T);
  const where = ['created_ms >= ?', 'created_ms <= ?'];
  const args: (string | number)[] = [since, until];
  for (const [column, value] of [
    ['org_id', f.org],
    ['platform', f.platform],
    ['kind', f.kind],
  ] as const) {
    if (!value) continue; // as requestsForReport: an empty filter filters nothing
    where.push(`${column} = ?`);
    args.push(value);
  }
  return { where: where.join(' and '), args };
}

// Per request at T (named parameters :t, :hour, :window): the first response, answer and redirect
// known then (measured-row.ts: without answer_at or redirect_at, a first response of that kind is
// one), the outcome by the one rule (analysis/outcome.ts outcomeAtMs: 1 answered, 2 redirected,
// 3 acknowledged, 4 unanswered, 5 pending), and the response and answer instants clamped to the
// request's own (metrics.ts: a reply stamped before its request).
const RESP = 'case when response_ms <= :t then response_ms end';
const ANS =
  "case when answer_ms <= :t then answer_ms when response_kind = 'answer' and response_ms <= :t then response_ms end";
const RED =
  "case when redirect_ms <= :t then redirect_ms when response_kind = 'redirect' and response_ms <= :t then response_ms end";
const UPTO = 'min(:t, window_end_ms)';
const AT_T = `
  case when (${ANS}) <= ${UPTO} then 1 when (${RED}) <= ${UPTO} then 2 when response_ms <= ${UPTO} then 3
    when :t >= window_end_ms then 4 else 5 end as oc,
  max(created_ms, ${RESP}) as rm,
  max(created_ms, ${ANS}) as am`;

// SQL's null logic does the work of the reference's null checks: a comparison with a missing
// instant is null, and sum() counts only true. A request is timed when it has an outcome with a
// response and its first response is known (rm): one answered without a first response (only a
// hand-edited database has one) is censored, as metrics.ts does.
const COUNTS = `
  sum(times_key is null or horizon_end_ms is null or window_end_ms is null),
  sum(answer_ms > :t and response_kind = 'answer' and response_ms <= :t and response_ms <> answer_ms),
  count(*), sum(kind = 'question'), sum(kind = 'report'),
  sum(oc = 1), sum(oc = 2), sum(oc = 3), sum(oc = 4), sum(oc = 5),
  sum(community_ms <= :t), sum(other_org_ms <= :t),
  max(horizon_end_ms),
  sum(oc <> 1 and window_end_ms > :t), max(case when oc <> 1 and window_end_ms > :t then window_end_ms end),
  sum(rm <= horizon_end_ms), sum(rm <= horizon_end_ms or :t >= horizon_end_ms),
  sum(rm <= horizon_end_ms and am <= horizon_end_ms),
  sum(rm - created_ms <= :hour), sum(rm - created_ms <= :hour or :t - created_ms >= :hour),
  sum(rm - created_ms <= 24 * :hour), sum(rm - created_ms <= 24 * :hour or :t - created_ms >= 24 * :hour),
  sum(am is not null and answer_in_norm = 1),
  sum((am is not null and answer_in_norm = 1) or (norm_reach_ms is not null and :t >= norm_reach_ms)),
  sum(oc <= 3 and rm is not null), sum(oc <= 3 and rm is not null and coalesce(response_in_hours, 0) = 0),
  sum(am is not null),
  sum((oc > 3 or rm is null) and :t - created_ms >= :window),
  group_concat(case when oc <= 3 then rm - created_ms end),
  group_concat(case when oc <= 3 and rm is not null then coalesce(response_business_ms, 0) end),
  group_concat(am - created_ms),
  group_concat(case when (oc > 3 or rm is null) and :t - created_ms < :window then max(0, :t - created_ms) end)`;

// A flip instant outside (:cut, :until]: the count that reads it is the same at :cut as at any T
// inside that span.
const gap = (x: string) => `(${x} is null or ${x} <= :cut or ${x} > :until)`;
const inside = (x: string) => `(${x} > :cut and ${x} <= :until)`;
// The instants of a request's counts that can fall after its creation day, besides the window's.
const FLIPS = [
  'horizon_end_ms',
  'norm_reach_ms',
  'response_ms',
  'answer_ms',
  'redirect_ms',
  'community_ms',
  'other_org_ms',
];
// Its first answer as stored.
const ANSWERED = "coalesce(answer_ms, case when response_kind = 'answer' then response_ms end)";

/**
 * True for a request a part counted at :cut holds for every T in [:cut, :until] (migration 0016):
 * stored times present, 24 hours old at the cut, and no instant any of its counts reads (horizon,
 * norm, replies; the window's end and the censoring age unless answered within the window by the
 * cut) inside (:cut, :until]. Its counts at such a T equal those at :cut, except a censored age
 * (untimed, inside the window), which grows with T: the part keeps its created instant. Migration
 * 0016's update trigger drops a part by the same rule (with :window the part's window). 0 or 1.
 */
export const HELD_AT_CUT = `coalesce(times_key is not null and horizon_end_ms is not null and window_end_ms is not null
  and created_ms + 86400000 <= :cut${FLIPS.map((c) => ` and ${gap(c)}`).join('')}
  and ((response_ms is not null
      and ${ANSWERED} <= min(window_end_ms, :cut))
    or (${gap('window_end_ms')} and ${gap('(created_ms + :window)')})), 0)`;

/**
 * Exactly the requests HELD_AT_CUT leaves out, as a where clause: written as alternatives, so SQLite
 * stops at the first that is true (the coalesced conjunction computes every term of every row:
 * twice the time over a month's requests).
 */
export const NOT_HELD_AT_CUT = `(times_key is null or horizon_end_ms is null or window_end_ms is null
  or created_ms + 86400000 > :cut${FLIPS.map((c) => ` or ${inside(c)}`).join('')}
  or ((response_ms is null or ${ANSWERED} is null or ${ANSWERED} > min(window_end_ms, :cut))
    and (${inside('window_end_ms')} or ${inside('(created_ms + :window)')})))`;

/**
 * The statement of the counts of one selection per organisation (`kept`: per organisation, platform
 * and kind, as a kept week stores them), exported for the test of its query plan.
 */
export function countsSql(where: string, kept = false): string {
  const by = kept ? 'org_id, platform, kind' : 'org_id';
  // `limit -1` keeps the per-request step a co-routine, computed once per request: flattened into
  // the aggregate, SQLite would expand every use of `oc` into its whole case again.
  return `with req as (select ${SEL_COLUMNS}, ${AT_T} from requests indexed by requests_times where ${where} limit -1)
    select ${by}, min(times_key), max(times_key), ${COUNTS} from req group by ${by}`;
}

export const rowOf = (r: readonly unknown[], group: string | number): CountRow => {
  const o: Record<string, unknown> = { group };
  COUNT_COLUMNS.forEach((c, i) => (o[c] = VALUES.has(c) ? parsed(r[i]) : (r[i] ?? (NULLABLE.has(c) ? null : 0))));
  return o as unknown as CountRow;
};
