import type { TrendWeek } from '../../reports/national-page.js';
import { lineChart, OKABE_ITO } from '../charts.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { MARK, markTitle } from './common.js';
import type { ChartView, Download } from './types.js';

/** The weekly trend of response rate and share answered within the norm: lines, and the table behind them. */
export function trendChart(pc: PageContext, all: readonly TrendWeek[], title: string, links: Download[]): ChartView {
  const t = pc.t;
  // Weeks before the first one with requests (a database younger than the trend) are left out.
  const first = all.findIndex((w) => w.group);
  const weeks = first > 0 ? all.slice(first) : all;
  const f = pc.fmt;
  const labels = weeks.map((w) => f.date(w.from));
  // Weeks whose figures can still change are drawn as hollow points (their tooltip says so).
  const provisional = weeks.map((w) => Boolean(w.group && !w.group.metrics.final));
  const note = t.provisional;
  const svg = lineChart(title, labels, [
    {
      name: t.colResponseRate,
      color: OKABE_ITO.blue,
      values: weeks.map((w) => w.group?.metrics.responseRate ?? null),
      provisional,
      provisionalNote: note,
    },
    {
      name: t.colWithinNorm,
      color: OKABE_ITO.orange,
      dashed: true,
      values: weeks.map((w) => w.group?.metrics.withinNorm ?? null),
      provisional,
      provisionalNote: note,
    },
  ]);
  const rows = weeks.map((w) => {
    const m = w.group?.metrics;
    const prov = m && !m.final ? { mark: MARK, markTitle: markTitle(pc, m.finalAt) } : {};
    return {
      cells: [
        { text: w.week, th: true },
        { text: f.date(w.from) },
        { text: f.int(m?.requests ?? 0), numeric: true },
        { text: f.pct(m?.responseRate), numeric: true, ...(m?.responseRate == null ? {} : prov) },
        { text: f.pct(m?.withinNorm), numeric: true, ...(m?.withinNorm == null ? {} : prov) },
        { text: f.hours(m?.wallHours.median), numeric: true },
        { text: f.num(w.group?.score ?? null), numeric: true, ...(w.group?.score == null ? {} : prov) },
      ],
    };
  });
  return {
    svg,
    summary: t.trendTableSummary,
    table: {
      caption: fill(t.trendCaption, { n: weeks.length }),
      columns: [
        { label: t.colWeek },
        { label: t.colWeekStart },
        { label: t.colRequests, numeric: true },
        { label: t.colResponseRate, numeric: true },
        { label: t.colWithinNorm, numeric: true },
        { label: t.colMedian, numeric: true },
        { label: t.colScore, numeric: true },
      ],
      bodies: [{ rows }],
      downloadLabel: t.download,
      downloads: links,
    },
  };
}
