import { OUTCOMES } from '../../model/index.js';
import type { PeerMedians } from '../../reports/org-details.js';
import type { OrgPage } from '../../reports/org-page.js';
import { barChart } from '../../reports/svg.js';
import { outcomeBar } from '../charts.js';
import { NONE } from '../format.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { downloads, formOf, MARK, markTitle, notices, periodText, platformSelect } from './common.js';
import { accountsTable, biosTable, requestsTable, statedActualTable } from './org-lists.js';
import { trendChart } from './trend.js';
import type { ChartView, Kpi, TableView } from './types.js';

function kpis(pc: PageContext, p: OrgPage): Kpi[] {
  const f = pc.fmt;
  const m = p.group.metrics;
  const prov = m.final ? {} : { mark: MARK, markTitle: markTitle(pc, m.finalAt) };
  return [
    { label: pc.t.colScore, value: f.num(p.group.score), ...(p.group.score === null ? {} : prov) },
    { label: pc.t.kpiRank, value: p.rank === null ? NONE : fill(pc.t.rankOf, { rank: p.rank, n: p.ranked }) },
    { label: pc.t.kpiRequests, value: f.int(m.requests) },
    { label: pc.t.colResponseRate, value: f.pct(m.responseRate), ...prov },
    { label: pc.t.kpiMedian, value: f.hours(m.wallHours.median) },
    { label: pc.t.colWithinNorm, value: f.pct(m.withinNorm), ...prov },
  ];
}

function partsTable(pc: PageContext, p: OrgPage): TableView {
  const t = pc.t;
  const d = p.group.detail;
  const w = pc.deps.settings.config.method.weights;
  const parts = [
    [t.partResponseRate, w.response_rate, d?.parts.responseRate ?? null],
    [t.partSubstance, w.substance, d?.parts.substance ?? null],
    [t.partSpeed, w.speed, d?.parts.speed ?? null],
    [t.partAccessibility, w.accessibility, d?.parts.accessibility ?? null],
  ] as const;
  return {
    caption: t.partsCaption,
    columns: [{ label: t.colPart }, { label: t.colWeight, numeric: true }, { label: t.colValue, numeric: true }],
    bodies: [
      {
        rows: parts.map(([label, weight, value]) => ({
          cells: [
            { text: label, th: true },
            { text: pc.fmt.pct(weight), numeric: true },
            { text: value === null ? t.partUnknown : pc.fmt.pct(value), numeric: true },
          ],
        })),
      },
    ],
    downloadLabel: t.download,
    downloads: downloads(pc, `/api/v1/organisation/${encodeURIComponent(p.org.id)}`),
  };
}

function peersTable(pc: PageContext, p: OrgPage): TableView {
  const t = pc.t;
  const f = pc.fmt;
  const m = p.group.metrics;
  const peer = (x: PeerMedians | null, pick: (x: PeerMedians) => string) => (x ? pick(x) : NONE);
  const rows: [string, string, (x: PeerMedians) => string][] = [
    [t.colScore, f.num(p.group.score), (x) => f.num(x.score)],
    [t.colResponseRate, f.pct(m.responseRate), (x) => f.pct(x.responseRate)],
    [t.colMedian, f.hours(m.wallHours.median), (x) => f.hours(x.medianHours)],
    [t.colWithinNorm, f.pct(m.withinNorm), (x) => f.pct(x.withinNorm)],
  ];
  return {
    caption: t.peersCaption,
    columns: [
      { label: t.colMeasure },
      { label: p.org.name, numeric: true },
      {
        label: fill(t.colProvinceMedian, { province: p.org.province ?? NONE, n: p.province?.organisations ?? 0 }),
        numeric: true,
      },
      {
        label: fill(t.colSizeMedian, {
          size: p.sizeClass ? t[`size_${p.sizeClass}`] : NONE,
          n: p.size?.organisations ?? 0,
        }),
        numeric: true,
      },
    ],
    bodies: [
      {
        rows: rows.map(([label, own, pick]) => ({
          cells: [
            { text: label, th: true },
            { text: own, numeric: true },
            { text: peer(p.province, pick), numeric: true },
            { text: peer(p.size, pick), numeric: true },
          ],
        })),
      },
    ],
  };
}

function timesTable(pc: PageContext, p: OrgPage): TableView {
  const t = pc.t;
  const f = pc.fmt;
  const m = p.group.metrics;
  const row = (label: string, wall: number | null, business: number | null, answer: number | null) => ({
    cells: [
      { text: label, th: true },
      { text: f.hours(wall), numeric: true },
      { text: f.hours(business), numeric: true },
      { text: f.hours(answer), numeric: true },
    ],
  });
  return {
    caption: t.timesCaption,
    columns: [
      { label: t.colMeasure },
      { label: t.colWall, numeric: true },
      { label: t.colBusiness, numeric: true },
      { label: t.colAnswerWall, numeric: true },
    ],
    bodies: [
      {
        rows: [
          row(t.median, m.wallHours.median, m.businessHours.median, m.answerHours.median),
          row(t.p90, m.wallHours.p90, m.businessHours.p90, m.answerHours.p90),
        ],
      },
    ],
  };
}

function histograms(pc: PageContext, p: OrgPage): { charts: { svg: string; caption: string }[]; table: TableView } {
  const t = pc.t;
  const bins = [t.bin0, t.bin1, t.bin2, t.bin3, t.bin4, t.bin5];
  const d = p.distribution;
  // A visible caption too: the two charts look alike, and only their label says which time they count.
  const chart = (title: string, counts: number[]) => ({
    svg: barChart(
      title,
      bins.map((label, i) => ({ label, value: counts[i] ?? 0 })),
      420,
      200,
    ),
    caption: title,
  });
  return {
    charts: [chart(t.histWall, d.wall), chart(t.histBusiness, d.business)],
    table: {
      caption: fill(t.histCaption, { n: d.responses }),
      columns: [{ label: t.colBin }, { label: t.colWall, numeric: true }, { label: t.colBusiness, numeric: true }],
      bodies: [
        {
          rows: bins.map((label, i) => ({
            cells: [
              { text: label, th: true },
              { text: pc.fmt.int(d.wall[i] ?? 0), numeric: true },
              { text: pc.fmt.int(d.business[i] ?? 0), numeric: true },
            ],
          })),
        },
      ],
    },
  };
}

function outcomes(pc: PageContext, p: OrgPage): ChartView {
  const t = pc.t;
  const m = p.group.metrics;
  const parts = OUTCOMES.map((o) => ({ outcome: o, label: t[`outcome_${o}`], count: m.byOutcome[o] }));
  const open = m.outcomesFinalAt !== null;
  return {
    svg: outcomeBar(t.outcomesTitle, parts),
    summary: t.outcomesCaption,
    table: {
      caption: open
        ? fill(t.outcomesCaptionOpen, { mark: MARK, at: pc.fmt.dateTime(m.outcomesFinalAt) })
        : t.outcomesCaption,
      columns: [{ label: t.colOutcome }, { label: t.colCount, numeric: true }, { label: t.colShare, numeric: true }],
      bodies: [
        {
          rows: parts.map((x) => ({
            cells: [
              {
                text: x.label,
                th: true,
                ...(open && x.outcome !== 'answered' ? { mark: MARK, markTitle: t.provisional } : {}),
              },
              { text: pc.fmt.int(x.count), numeric: true },
              { text: pc.fmt.pct(m.requests ? x.count / m.requests : null), numeric: true },
            ],
          })),
        },
      ],
    },
  };
}

function scoreNote(pc: PageContext, p: OrgPage): string {
  const d = p.group.detail;
  const min = pc.deps.settings.config.method.min_closed_requests;
  if (!d || d.reason === 'too few') return fill(pc.t.scoreTooFew, { min });
  return d.parts.accessibility === null ? pc.t.scoreNoBio : pc.t.scoreParts;
}

/** The page of one organisation as the template shows it. */
export function orgView(pc: PageContext, p: OrgPage) {
  const t = pc.t;
  const o = p.org;
  const sub = [
    o.province,
    o.population ? fill(t.inhabitants, { n: pc.fmt.int(o.population) }) : undefined,
    p.sizeClass ? t[`size_${p.sizeClass}`] : undefined,
    o.cbs ? `CBS ${o.cbs}` : undefined,
  ].filter((s) => s);
  const api = `/api/v1/organisation/${encodeURIComponent(o.id)}`;
  const hist = histograms(pc, p);
  return {
    heading: o.name,
    sub: sub.join(' · '),
    period: periodText(pc),
    notices: notices(pc, p.meta),
    form: formOf(pc, `/gemeente/${encodeURIComponent(o.id)}`, [platformSelect(pc)]),
    kpis: kpis(pc, p),
    scoreNote: scoreNote(pc, p),
    parts: partsTable(pc, p),
    peers: peersTable(pc, p),
    trend: trendChart(pc, p.trend, fill(t.orgTrendTitle, { name: o.name }), downloads(pc, api, { table: 'trend' })),
    times: timesTable(pc, p),
    histograms: hist.charts,
    histogramTable: hist.table,
    outcomes: outcomes(pc, p),
    accounts: accountsTable(pc, p),
    statedActual: statedActualTable(pc, p.bios),
    bios: biosTable(pc, p),
    textNote: fill(t.textNote, { days: pc.deps.settings.config.privacy.retention_days }),
    waiting: requestsTable(pc, p, 'waiting'),
    unanswered: requestsTable(pc, p, 'unanswered'),
  };
}
