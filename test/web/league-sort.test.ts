import { describe, expect, it } from 'vitest';
import type { LeagueEntry } from '../../src/reports/national-page.js';
import { emptyMetrics } from '../../src/reports/empty.js';
import { sortLeague } from '../../src/web/views/league.js';

// Sorting the league by median response time: a gemeente that was asked but never responded is the
// slowest (as `webcare top --metric median_response`); one nobody asked anything has no value.
function entry(name: string, requests: number, median: number | null): LeagueEntry {
  const metrics = { ...emptyMetrics(), requests, wallHours: { median, p90: null } };
  return {
    org: { id: name.toLowerCase(), name, accounts: {} },
    sizeClass: undefined,
    group: { key: name.toLowerCase(), label: name, metrics, score: null, scored: 0 },
    rank: null,
  };
}

describe('the league sorted by median response time', () => {
  const league = [entry('Fast', 5, 2), entry('Never', 6, null), entry('Unasked', 0, null), entry('Slow', 5, 40)];
  const names = (dir: 'asc' | 'desc') => sortLeague(league, 'median', dir).map((e) => e.org.name);

  it('slowest first puts the gemeente that never responded first, the one never asked last', () => {
    expect(names('desc')).toEqual(['Never', 'Slow', 'Fast', 'Unasked']);
  });

  it('fastest first puts the one that never responded after every one that did', () => {
    expect(names('asc')).toEqual(['Fast', 'Slow', 'Never', 'Unasked']);
  });
});
