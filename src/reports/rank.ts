import type { Group } from './aggregate.js';

export type Metric = 'score' | 'response_rate' | 'median_response' | 'unanswered';

/** The value to rank by, and whether higher is better; undefined leaves the organisation out. */
export function rankValue(g: Group, metric: Metric): { value: number; higherIsBetter: boolean } | undefined {
  switch (metric) {
    case 'score':
      return g.score === null ? undefined : { value: g.score, higherIsBetter: true };
    case 'response_rate':
      return g.metrics.responseRate === null ? undefined : { value: g.metrics.responseRate, higherIsBetter: true };
    case 'median_response':
      return g.metrics.wallHours.median === null
        ? undefined
        : { value: g.metrics.wallHours.median, higherIsBetter: false };
    default:
      return { value: g.metrics.byOutcome.unanswered, higherIsBetter: false };
  }
}

/** Ranks organisations best first (or worst first); ties by name. */
export function rank(groups: Group[], metric: Metric, worst: boolean): Group[] {
  return groups
    .map((g) => ({ g, v: rankValue(g, metric) }))
    .filter((x): x is { g: Group; v: { value: number; higherIsBetter: boolean } } => x.v !== undefined)
    .sort((a, b) => {
      const better = a.v.higherIsBetter ? b.v.value - a.v.value : a.v.value - b.v.value;
      return (worst ? -better : better) || a.g.label.localeCompare(b.g.label, 'nl');
    })
    .map((x) => x.g);
}
