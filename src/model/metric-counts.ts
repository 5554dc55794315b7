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
