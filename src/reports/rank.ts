import type { Group } from './aggregate.js';

export type Metric = 'score' | 'response_rate' | 'median_response' | 'unanswered' | 'no_response';

/**
 * The value to rank by, and whether higher is better; undefined leaves the organisation out. Every
 * metric needs the score's minimum of requests past their horizon (a 100% of two requests is no
 * ranking); an organisation that never responded is the slowest, not left out.
 */
export function rankValue(g: Group, metric: Metric): { value: number; higherIsBetter: boolean } | undefined {
  if (g.detail?.reason === 'too few') return undefined;
  switch (metric) {
    case 'score':
      return g.score === null ? undefined : { value: g.score, higherIsBetter: true };
    case 'response_rate':
      return g.metrics.responseRate === null ? undefined : { value: g.metrics.responseRate, higherIsBetter: true };
    case 'median_response':
      return { value: g.metrics.wallHours.median ?? Infinity, higherIsBetter: false };
    case 'no_response':
      // Requests past the score horizon without any response within it: final a horizon after the period.
      return { value: g.metrics.noResponse, higherIsBetter: false };
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

/**
 * The first `limit` of a ranking, and every organisation that shares the last rank shown: a cut by
 * name inside a tie would name some of the tied and not the others.
 */
export function topWithTies(ranked: readonly Ranked[], limit: number): Ranked[] {
  if (ranked.length <= limit) return [...ranked];
  const lastRank = ranked[limit - 1]!.rank;
  return ranked.filter((r, i) => i < limit || r.rank === lastRank);
}

/** An organisation in a ranking with its shared rank: equal values share one (1, 1, 3). */
export interface Ranked {
  rank: number;
  group: Group;
}

/**
 * Ranks organisations (METHOD.md 4b): equal values share a rank (1, 1, 3) and are listed by name;
 * organisations the metric does not apply to (no score: too few requests) are returned apart in
 * `unranked`, never ranked last by name.
 */
export function rankWithTies(groups: Group[], metric: Metric, worst: boolean): { ranked: Ranked[]; unranked: Group[] } {
  const ordered = rank(groups, metric, worst);
  const ranked: Ranked[] = [];
  let previous: number | undefined;
  ordered.forEach((group, i) => {
    const value = rankValue(group, metric)!.value;
    const tied = previous !== undefined && (value === previous || Math.abs(value - previous) < 1e-9);
    ranked.push({ rank: tied ? ranked[i - 1]!.rank : i + 1, group });
    previous = value;
  });
  const inRanking = new Set(ordered);
  const unranked = groups.filter((g) => !inRanking.has(g)).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  return { ranked, unranked };
}
