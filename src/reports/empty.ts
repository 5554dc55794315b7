import { computeMetrics, type Metrics } from '../analysis/metrics.js';

/** The metrics of no requests at all (every share null). */
export function emptyMetrics(): Metrics {
  return computeMetrics([], { windowDays: 30, normWorkingDays: 2 }, new Date(0));
}
