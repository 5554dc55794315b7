import { OUTCOMES } from '../model/index.js';
import type { DigestData } from './digest-types.js';
import { finality } from './digest-md.js';
import { dur, num, pct, rankChangeText, signed } from './fmt.js';
import { CSP_META, httpUrl, pageText } from './safe-text.js';
import { barChart, esc, heatmap, rankingBars, stackedBars } from './svg.js';

function table(headers: string[], rows: string[][]): string {
  if (!rows.length) return '<p class="none">none</p>';
  const head = `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}
/** A link to the post when its URL is http(s); anything else (javascript:, data:, ...) is no link: '-'. */
const link = (url: string | null) => {
  const href = httpUrl(url);
  return href ? `<a href="${esc(href)}">post</a>` : '-';
};

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}.kpis{display:flex;flex-wrap:wrap;gap:.6em}.kpi{border:1px solid #ddd;border-radius:6px;padding:.4em .8em}
.kpi b{display:block;font-size:1.3em}.note,.none{color:#666}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1em}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}a{color:#222;text-decoration:none}}`;

/**
 * The digest as one self-contained HTML page: inline CSS and SVG, nothing loaded from elsewhere, a strict
 * Content-Security-Policy, every text escaped and without control characters, links only to http(s).
 */
export function renderHtml(d: DigestData): string {
  // Every outside text is escaped (esc strips control characters); this catches any that is not.
  return pageText(page(d));
}

function page(d: DigestData): string {
  const { week: w, method: m } = d;
  const weights = Object.entries(m.weights)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8">${CSP_META}<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Webcare digest ${esc(w.label)}</title><style>${CSS}</style></head>
<body>
<h1>Webcare digest ${esc(w.label)}</h1>
<p class="note">${esc(w.firstDay)} to ${esc(w.lastDay)} (${esc(w.zone)}). Method ${m.version}: answer window \
${m.answerWindowDays} days, norm ${m.normWorkingDays} working days, score horizon ${m.scoreHorizonDays} days; score weights ${esc(weights)}.</p>
<p class="note">${esc(finality(d).replace(/\*\*/g, ''))}</p>
${d.empty ? '<p><strong>No requests were found this week.</strong> Nothing to measure.</p>' : ''}
<h2>The national picture</h2>
${national(d)}
${
  d.latestWeek
    ? `<h2>Last week ${esc(d.latestWeek.week)} (PROVISIONAL, final from ${esc(d.latestWeek.finalAt ?? '-')})</h2>` +
      table(
        ['requests', 'past horizon', 'responded within horizon', 'answered within norm', 'median (wall)'],
        [
          [
            String(d.latestWeek.requests),
            String(d.latestWeek.due),
            pct(d.latestWeek.responseRate),
            pct(d.latestWeek.withinNorm),
            dur(d.latestWeek.medianHours),
          ],
        ],
      )
    : ''
}
<div class="charts">${charts(d)}</div>
${rankings(d)}
${bios(d)}
<h2>Oldest open requests</h2>
${table(
  ['organisation', 'platform', 'asked', 'age', 'link'],
  d.oldestOpen.map((o) => [
    esc(o.name),
    esc(o.platform),
    esc(o.createdAt.slice(0, 16).replace('T', ' ')),
    `${o.ageDays} d`,
    link(o.url),
  ]),
)}
<p class="note">Generated ${esc(d.generatedAt)} by webcare-monitor.</p>
</body></html>
`;
}

/** The national figures as tiles, then the outcomes and the change from the week before. */
function national(d: DigestData): string {
  const nat = d.national;
  const kpi = (label: string, value: string) => `<div class="kpi">${esc(label)}<b>${esc(value)}</b></div>`;
  const kpis = [
    kpi('requests', String(nat.requests)),
    kpi('response rate', pct(nat.responseRate)),
    kpi('substance', pct(nat.substance)),
    kpi('median (wall)', dur(nat.medianHours)),
    kpi('p90 (wall)', dur(nat.p90Hours)),
    kpi('median (business)', dur(nat.businessMedianHours)),
    kpi('within norm', pct(nat.withinNorm)),
    kpi('mean score', num(nat.score)),
  ].join('');
  const outcomes = OUTCOMES.map((o) => `${o} ${esc(String(nat[o]))}`).join(', ');
  const points = d.change.responseRatePoints;
  const rate = points === null ? '-' : `${points} points`;
  return `<div class="kpis">${kpis}</div>
<p>Outcomes: ${outcomes}. Week over week (${esc(d.previousWeek.week)}): requests ${signed(d.change.requests)}, \
response rate ${rate}.</p>`;
}

/** The four charts: response times, outcomes per platform, hour of the week, score ranking. */
function charts(d: DigestData): string {
  const histogram = d.responseTimeHistogram.map((b) => ({ label: b.bucket, value: b.count }));
  const mix = d.outcomeMixByPlatform.map((p) => ({
    label: p.platform,
    parts: {
      answered: p.answered,
      redirected: p.redirected,
      acknowledged: p.acknowledged,
      unanswered: p.unanswered,
      pending: p.pending,
    },
  }));
  // League rows are ranked by score, so every one has a score.
  const ranking = d.league.slice(0, 25).map((r) => ({ label: r.label, score: r.score ?? 0 }));
  const figures: [string, string][] = [
    ['Response time (wall clock)', barChart('Response time distribution', histogram)],
    ['Outcomes per platform', stackedBars('Outcome mix per platform', mix)],
    [
      'Responses by hour of the week (green outline: office hours)',
      heatmap('Responses by hour of week against office hours', d.heatmap),
    ],
    ['Score ranking (top 25)', rankingBars('Score ranking', ranking)],
  ];
  return figures.map(([t, svg]) => `<figure><figcaption>${esc(t)}</figcaption>${svg}</figure>`).join('');
}

/** The league table, the fastest, the most unanswered and the platforms. */
function rankings(d: DigestData): string {
  return `<h2>League table</h2>
${table(
  ['#', 'change', 'organisation', 'score', 'requests', 'response rate', 'median'],
  d.league.map((r) => [
    String(r.rank),
    rankChangeText(r.rankChange),
    esc(r.label),
    num(r.score),
    String(r.requests),
    pct(r.responseRate),
    dur(r.medianHours),
  ]),
)}
<h2>Fastest</h2>
${table(
  ['organisation', 'median', 'responses'],
  d.fastest.map((r) => [esc(r.label), dur(r.medianHours), String(r.responded)]),
)}
<h2>Most requests without a response within ${d.method.scoreHorizonDays} days</h2>
${table(
  ['organisation', 'no response', 'requests'],
  d.mostWithoutResponse.map((r) => [esc(r.label), String(r.noResponse), String(r.requests)]),
)}
<h2>Per platform</h2>
${table(
  ['platform', 'requests', 'response rate', 'median', 'within norm'],
  d.platforms.map((r) => [
    esc(r.label),
    String(r.requests),
    pct(r.responseRate),
    dur(r.medianHours),
    pct(r.withinNorm),
  ]),
)}`;
}

/** Bio counts, changed and unmonitored bios, and stated against actual hours. */
function bios(d: DigestData): string {
  const b = d.bios;
  const listed = [...b.changed, ...b.notMonitored].slice(0, 40);
  return `<h2>Bios</h2>
<p>Changed this week: ${b.changed.length}. Deflecting: ${b.deflecting.length}. \
Saying "niet gemonitord": ${b.notMonitored.length}.</p>
${table(
  ['organisation', 'account', 'deflects', 'not monitored', 'bio'],
  listed.map((x) => [
    esc(x.orgId),
    esc(`${x.platform}:${x.handle}`),
    x.fields.deflects ? 'yes' : '',
    x.fields.notMonitored ? 'yes' : '',
    esc(x.text),
  ]),
)}
<h2>Stated versus actual hours</h2>
${table(
  ['organisation', 'account', 'responses', 'inside stated hours', 'when closed', 'within promise'],
  d.statedVsActual.map((s) => [
    esc(s.org),
    esc(`${s.platform}:${s.handle}`),
    String(s.responses),
    pct(s.insideStatedHours),
    String(s.whenClosed),
    pct(s.withinPromise),
  ]),
)}`;
}
