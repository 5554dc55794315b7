/**
 * The counts computeMetrics makes over a set of requests at an instant, as a database adds them up
 * (storage/request-counts.ts); analysis/metrics-counts.ts turns them into Metrics. Counts of two
 * sets add; the maxima take the larger.
 */
export interface MetricCounts {
  requests: number;
  questions: number;
  reports: number;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
  community: number;
  otherOrg: number;
  /** The latest score horizon end (ms). */
  finalAt: number;
  provisional: number;
  outcomesFinalAt: number | null;
  inHorizonHit: number;
  inHorizonBase: number;
  answeredInHorizon: number;
  within1hHit: number;
  within1hBase: number;
  within24hHit: number;
  within24hBase: number;
  withinNormHit: number;
  withinNormBase: number;
  timed: number;
  outOfHours: number;
  answers: number;
  censoredAtWindow: number;
}

/** The counts that add (the others take the larger). */
export const SUMMED_COUNTS = [
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
  'provisional',
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
] as const satisfies readonly (keyof MetricCounts)[];

export function emptyCounts(): MetricCounts {
  const c = Object.fromEntries(SUMMED_COUNTS.map((k) => [k, 0])) as unknown as MetricCounts;
  c.finalAt = -Infinity;
  c.outcomesFinalAt = null;
  return c;
}

/** Adds the counts of `b` to `a` (in place). */
export function addCounts(a: MetricCounts, b: MetricCounts): void {
  for (const k of SUMMED_COUNTS) a[k] += b[k];
  a.finalAt = Math.max(a.finalAt, b.finalAt);
  if (b.outcomesFinalAt !== null) a.outcomesFinalAt = Math.max(a.outcomesFinalAt ?? -Infinity, b.outcomesFinalAt);
}
