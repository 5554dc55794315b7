import { computeMetrics, type Metrics } from '../analysis/metrics.js';

/** The metrics of no requests at all (every share null). */
export function emptyMetrics(): Metrics {
  return computeMetrics([], { windowDays: 30, normWorkingDays: 2, horizonDays: 7, zone: 'UTC' }, new Date(0));
}
