import { describe, expect, it } from 'vitest';
import { emptyMetrics } from '../../src/reports/empty.js';
import type { Group } from '../../src/reports/aggregate.js';
import { rankWithTies } from '../../src/reports/rank.js';

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
