import { describe, expect, it } from 'vitest';
import { emptyMetrics } from '../../src/reports/empty.js';
import type { Group } from '../../src/reports/aggregate.js';
import { rankWithTies, topWithTies } from '../../src/reports/rank.js';

const org = (label: string, score: number | null): Group => ({
  key: label.toLowerCase(),
  label,
  metrics: emptyMetrics(),
  score,
  scored: score === null ? 0 : 1,
});

describe('ranks (METHOD.md 4b): ties share a rank, no score is listed apart', () => {
  const groups = [
    org('Zwolle', 6.1),
    org('Alblasserdam', 0.5),
    org('Breda', 8),
    org('Ede', null),
    org('Assen', 8),
    org('Urk', 0.5),
  ];

  it('best first: 1, 1, 3, then the tie at the bottom shares rank 4', () => {
    const { ranked, unranked } = rankWithTies(groups, 'score', false);
    expect(ranked.map((r) => [r.rank, r.group.label])).toEqual([
      [1, 'Assen'],
      [1, 'Breda'],
      [3, 'Zwolle'],
      [4, 'Alblasserdam'],
      [4, 'Urk'],
    ]);
    expect(unranked.map((g) => g.label)).toEqual(['Ede']);
  });

  it('worst first: Alblasserdam is not "worst" alone because of its name', () => {
    const { ranked } = rankWithTies(groups, 'score', true);
    expect(ranked.slice(0, 2).map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe('a ranking cut at a limit never cuts a tie, and every metric needs the minimum', () => {
  const tied = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((l, i) => org(l, i < 2 ? 9 : 5));

  it('top 3 of 9, 9, 5, 5, 5, 5, 5 shows all five tied at rank 3', () => {
    const shown = topWithTies(rankWithTies(tied, 'score', false).ranked, 3);
    expect(shown.map((r) => [r.rank, r.group.label])).toEqual([
      [1, 'A'],
      [1, 'B'],
      [3, 'C'],
      [3, 'D'],
      [3, 'E'],
      [3, 'F'],
      [3, 'G'],
    ]);
  });

  it('an organisation with too few requests is not ranked on response rate; one that never responded is the slowest', () => {
    const tooFew: Group = {
      ...org('Klein', null),
      detail: {
        score: null,
        reason: 'too few',
        parts: { responseRate: 1, substance: 1, speed: 1, accessibility: null },
        weights: { response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 },
      },
    };
    const silent: Group = {
      ...org('Stil', 0.2),
      metrics: { ...emptyMetrics(), wallHours: { median: null, p90: null } },
    };
    const quick: Group = {
      ...org('Snel', 9),
      metrics: { ...emptyMetrics(), responseRate: 0.9, wallHours: { median: 2, p90: 3 } },
    };
    expect(rankWithTies([tooFew, quick], 'response_rate', false).unranked.map((g) => g.label)).toEqual(['Klein']);
    expect(rankWithTies([quick, silent], 'median_response', true).ranked.map((r) => r.group.label)).toEqual([
      'Stil',
      'Snel',
    ]);
  });
});
