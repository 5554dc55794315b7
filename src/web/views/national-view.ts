import type { Group } from '../../reports/aggregate.js';
import { renderMap, type MapClass } from '../../reports/map.js';
import type { LeagueEntry, NationalPage } from '../../reports/national-page.js';
import { SIZE_CLASSES } from '../../reports/size-class.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { MAP_METRICS, type MapMetric } from '../params.js';
import { downloads, formOf, href, MARK, markTitle, notices, periodText, platformSelect } from './common.js';
import { leagueTable } from './league.js';
import { trendChart } from './trend.js';
import type { Kpi, SelectView } from './types.js';

/** The value of a map metric for a group (shares 0..1, the score 0..10). */
export function metricValue(g: Group, metric: MapMetric): number | null {
  const m = g.metrics;
  switch (metric) {
    case 'score':
      return g.score;
    case 'response_rate':
      return m.responseRate;
    case 'within_norm':
      return m.withinNorm;
    case 'substance':
      return m.substance;
    default:
      return m.within24h;
  }
}

/** Five classes: score bands of 0-10, or shares in steps of 20 points. */
function classesOf(pc: PageContext, metric: MapMetric): MapClass[] {
  const f = pc.fmt;
  if (metric === 'score') {
    const edges = [0, 4, 5.5, 7, 8.5, 10];
    return edges.slice(0, -1).map((from, i) => ({
      from,
      to: edges[i + 1]!,
      label: i === 0 ? `< ${f.num(4)}` : i === 4 ? `≥ ${f.num(8.5)}` : `${f.num(from)} – ${f.num(edges[i + 1]!)}`,
    }));
  }
  return [0, 0.2, 0.4, 0.6, 0.8].map((from, i) => ({
    from,
    to: from + 0.2,
    label: i === 0 ? `< ${f.pct(0.2)}` : i === 4 ? `≥ ${f.pct(0.8)}` : `${f.pct(from)} – ${f.pct(from + 0.2)}`,
  }));
}

function mapOf(pc: PageContext, league: readonly LeagueEntry[]): string {
  const metric = pc.asked.metric;
  const name = pc.t[`metric_${metric}`];
  const show = (v: number | null) => (v === null ? pc.t.noData : metric === 'score' ? pc.fmt.num(v) : pc.fmt.pct(v));
  return renderMap({
    areas: league
      .filter((e) => e.org.cbs)
      .map((e) => {
        const value = e.group.detail?.reason === 'too few' ? null : metricValue(e.group, metric);
        return {
          cbs: e.org.cbs!,
          value,
          href: href(pc, `/gemeente/${encodeURIComponent(e.org.id)}`),
          // A provisional figure says so in its tooltip too, as it does in the table.
          label: `${e.org.name}: ${name} ${show(value)}${value !== null && !e.group.metrics.final ? ` (${pc.t.provisional})` : ''}`,
        };
      }),
    classes: classesOf(pc, metric),
    legendTitle: name,
    noDataLabel: pc.t.noDataTooFew,
    title: fill(pc.t.mapTitle, { metric: name }),
    description: pc.t.mapDescription,
  });
}

function kpis(pc: PageContext, g: Group | null): Kpi[] {
  const f = pc.fmt;
  const m = g?.metrics;
  const prov = m && !m.final ? { mark: MARK, markTitle: markTitle(pc, m.finalAt) } : {};
  return [
    { label: pc.t.kpiRequests, value: f.int(m?.requests ?? 0) },
    { label: pc.t.colResponseRate, value: f.pct(m?.responseRate), ...prov },
    { label: pc.t.kpiMedian, value: f.hours(m?.wallHours.median) },
    { label: pc.t.colWithinNorm, value: f.pct(m?.withinNorm), ...prov },
    { label: pc.t.kpiMeanScore, value: f.num(g?.score ?? null), ...prov },
  ];
}

function selects(pc: PageContext): SelectView[] {
  const provinces = [...new Set(pc.deps.settings.organisations.map((o) => o.province).filter((p) => p))].sort((a, b) =>
    a!.localeCompare(b!, 'nl'),
  ) as string[];
  return [
    {
      name: 'province',
      label: pc.t.province,
      options: [
        { value: '', label: pc.t.allProvinces, selected: !pc.asked.province },
        ...provinces.map((p) => ({ value: p, label: p, selected: pc.asked.province === p })),
      ],
    },
    {
      name: 'size',
      label: pc.t.sizeClass,
      options: [
        { value: '', label: pc.t.allSizes, selected: !pc.asked.size },
        ...SIZE_CLASSES.map((c) => ({ value: c.key, label: pc.t[`size_${c.key}`], selected: pc.asked.size === c.key })),
      ],
    },
    platformSelect(pc),
    {
      name: 'metric',
      label: pc.t.mapMetric,
      options: MAP_METRICS.map((k) => ({ value: k, label: pc.t[`metric_${k}`], selected: pc.asked.metric === k })),
    },
  ];
}

/** The national page as the template shows it. */
export function nationalView(pc: PageContext, p: NationalPage) {
  const t = pc.t;
  const filters = { province: pc.asked.province, size: pc.asked.size };
  return {
    heading: t.nationalHeading,
    period: periodText(pc),
    notices: notices(pc, p.meta),
    form: formOf(pc, '/', selects(pc)),
    kpis: kpis(pc, p.national),
    kpiNote: pc.asked.size ? t.kpiNoteSize : t.kpiNote,
    kpiDownloads: downloads(pc, '/api/v1/national', { province: pc.asked.province }),
    mapHeading: fill(t.mapHeading, { metric: t[`metric_${pc.asked.metric}`] }),
    map: mapOf(pc, p.league),
    mapNote: t.mapNote,
    trend: trendChart(
      pc,
      p.trend,
      t.trendTitle,
      downloads(pc, '/api/v1/national', { ...filters, table: 'trend', size: undefined }),
    ),
    league: leagueTable(pc, p.league),
  };
}
