import type { LeagueEntry } from '../../reports/national-page.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { type Sort } from '../params.js';
import { downloads, href, MARK, markTitle } from './common.js';
import type { Cell, Column, Row, TableView } from './types.js';

type Key = Exclude<Sort, 'rank'>;

/** The value a column sorts by (null sorts last whatever the direction). */
const VALUE: Record<Key, (e: LeagueEntry) => number | string | null> = {
  name: (e) => e.org.name,
  province: (e) => e.org.province ?? null,
  population: (e) => e.org.population ?? null,
  requests: (e) => e.group.metrics.requests,
  response_rate: (e) => e.group.metrics.responseRate,
  // Asked but never responded: the slowest (rank.ts), not left at the end of either direction.
  median: (e) => (e.group.metrics.requests === 0 ? null : (e.group.metrics.wallHours.median ?? Infinity)),
  within_norm: (e) => e.group.metrics.withinNorm,
  score: (e) => e.group.score,
};
/** The direction a click on a column header sorts in first: best first for rates and scores. */
const FIRST_DIR: Record<Sort, 'asc' | 'desc'> = {
  rank: 'asc',
  name: 'asc',
  province: 'asc',
  population: 'desc',
  requests: 'desc',
  response_rate: 'desc',
  median: 'asc',
  within_norm: 'desc',
  score: 'desc',
};

const NAMES = new Intl.Collator('nl');

/** Sorts the league by a column; by rank, organisations without a score come apart (METHOD.md 4b). */
export function sortLeague(league: readonly LeagueEntry[], sort: Sort, dir: 'asc' | 'desc'): LeagueEntry[] {
  const byName = (a: LeagueEntry, b: LeagueEntry) => NAMES.compare(a.org.name, b.org.name);
  const sign = dir === 'asc' ? 1 : -1;
  if (sort === 'rank')
    return [...league].sort((a, b) => sign * ((a.rank ?? Infinity) - (b.rank ?? Infinity)) || byName(a, b));
  const value = VALUE[sort];
  return [...league].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const c = typeof x === 'string' ? NAMES.compare(x, String(y)) : x - (y as number);
    return sign * c || byName(a, b);
  });
}

function column(pc: PageContext, key: Sort, label: string, numeric: boolean): Column {
  const current = pc.asked.sort === key;
  const dir = pc.asked.dir ?? FIRST_DIR[key];
  const next = current ? (dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[key];
  const keep = {
    province: pc.asked.province,
    size: pc.asked.size,
    metric: pc.asked.metric === 'score' ? undefined : pc.asked.metric,
  };
  return {
    label,
    numeric,
    href: href(pc, '/', { ...keep, sort: key, dir: next }) + '#league',
    ...(current ? { sort: dir === 'asc' ? 'ascending' : 'descending', sortMark: dir === 'asc' ? '▲' : '▼' } : {}),
  };
}

function row(pc: PageContext, e: LeagueEntry): Row {
  const m = e.group.metrics;
  const f = pc.fmt;
  const prov = m.final ? {} : { mark: MARK, markTitle: markTitle(pc, m.finalAt) };
  const orgHref = href(pc, `/gemeente/${encodeURIComponent(e.org.id)}`);
  const cells: Cell[] = [
    { text: e.rank === null ? '–' : String(e.rank), numeric: true },
    { text: e.org.name, href: orgHref, th: true },
    { text: e.org.province ?? '–' },
    { text: f.int(e.org.population), numeric: true },
    { text: f.int(m.requests), numeric: true },
    { text: f.pct(m.responseRate), numeric: true, ...(m.responseRate === null ? {} : prov) },
    { text: f.hours(m.wallHours.median), numeric: true },
    { text: f.pct(m.withinNorm), numeric: true, ...(m.withinNorm === null ? {} : prov) },
    { text: f.num(e.group.score), numeric: true, ...(e.group.score === null ? {} : prov) },
  ];
  return { cells, name: e.org.name.toLowerCase() };
}

/** The league table: sortable columns (links), shared ranks, provisional marks, the unscored apart. */
export function leagueTable(pc: PageContext, league: readonly LeagueEntry[]): TableView {
  const t = pc.t;
  const sort = pc.asked.sort;
  const sorted = sortLeague(league, sort, pc.asked.dir ?? FIRST_DIR[sort]);
  const scored = sorted.filter((e) => e.rank !== null);
  const unscored = sorted.filter((e) => e.rank === null);
  const columns = [
    column(pc, 'rank', t.colRank, true),
    column(pc, 'name', t.colGemeente, false),
    column(pc, 'province', t.colProvince, false),
    column(pc, 'population', t.colPopulation, true),
    column(pc, 'requests', t.colRequests, true),
    column(pc, 'response_rate', t.colResponseRate, true),
    column(pc, 'median', t.colMedian, true),
    column(pc, 'within_norm', t.colWithinNorm, true),
    column(pc, 'score', t.colScore, true),
  ];
  const bodies =
    sort === 'rank'
      ? [
          { rows: scored.map((e) => row(pc, e)), empty: t.noneRanked },
          ...(unscored.length
            ? [{ title: fill(t.unrankedTitle, { n: unscored.length }), rows: unscored.map((e) => row(pc, e)) }]
            : []),
        ]
      : [{ rows: sorted.map((e) => row(pc, e)), empty: t.noOrganisations }];
  return {
    id: 'league',
    caption: fill(t.leagueCaption, { n: league.length, ranked: scored.length }),
    columns,
    bodies,
    searchable: true,
    downloadLabel: t.download,
    downloads: downloads(pc, '/api/v1/organisations', { province: pc.asked.province, size: pc.asked.size }),
  };
}
