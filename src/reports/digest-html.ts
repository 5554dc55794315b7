import type { DigestData } from './digest-data.js';
import { dur, num, pct } from './fmt.js';
import { barChart, esc, heatmap, rankingBars, stackedBars } from './svg.js';

type Row = Record<string, unknown>;
const n = (r: Row, k: string) => (r[k] as number | null) ?? null;

function table(headers: string[], rows: string[][]): string {
  if (!rows.length) return '<p class="none">none</p>';
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
const link = (url: string | null) => (url ? `<a href="${esc(url)}">post</a>` : '-');

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}.kpis{display:flex;flex-wrap:wrap;gap:.6em}.kpi{border:1px solid #ddd;border-radius:6px;padding:.4em .8em}
.kpi b{display:block;font-size:1.3em}.note,.none{color:#666}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1em}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}a{color:#222;text-decoration:none}}`;

/** The digest as one self-contained HTML page: inline CSS and SVG, nothing loaded from elsewhere. */
export function renderHtml(d: DigestData): string {
  const nat = d.national;
  const kpi = (label: string, value: string) => `<div class="kpi">${esc(label)}<b>${esc(value)}</b></div>`;
  const charts = [
    ['Response time (wall clock)', barChart('Response time distribution', d.response_time_histogram.map((b) => ({ label: b.bucket, value: b.count })))],
    ['Outcomes per platform', stackedBars('Outcome mix per platform', d.outcome_mix_by_platform.map((p) => ({ label: p.platform, parts: { answered: p.answered, redirected: p.redirected, acknowledged: p.acknowledged, unanswered: p.unanswered, pending: p.pending } })))],
    ['Responses by hour of the week (green outline: office hours)', heatmap('Responses by hour of week against office hours', d.heatmap)],
    ['Score ranking (top 25)', rankingBars('Score ranking', d.league.slice(0, 25).map((r) => ({ label: String(r.label), score: Number(r.score) })))],
  ];
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Webcare digest ${esc(d.week.label)}</title><style>${CSS}</style></head>
<body>
<h1>Webcare digest ${esc(d.week.label)}</h1>
<p class="note">${esc(d.week.first_day)} to ${esc(d.week.last_day)} (${esc(d.week.zone)}). Method ${d.method.version}: answer window ${d.method.answer_window_days} days, norm ${d.method.norm_working_days} working days; score weights ${esc(Object.entries(d.method.weights).map(([k, v]) => `${k} ${v}`).join(', '))}.</p>
${d.empty ? '<p><strong>No requests were found this week.</strong> Nothing to measure.</p>' : ''}
<h2>The national picture</h2>
<div class="kpis">${kpi('requests', String(nat.requests))}${kpi('response rate', pct(n(nat, 'response_rate')))}${kpi('substance', pct(n(nat, 'substance')))}${kpi('median (wall)', dur(n(nat, 'median_hours')))}${kpi('p90 (wall)', dur(n(nat, 'p90_hours')))}${kpi('median (business)', dur(n(nat, 'business_median_hours')))}${kpi('within norm', pct(n(nat, 'within_norm')))}${kpi('mean score', num(n(nat, 'score')))}</div>
<p>Outcomes: ${['answered', 'redirected', 'acknowledged', 'unanswered', 'pending'].map((o) => `${o} ${esc(String(nat[o]))}`).join(', ')}. Week over week (${esc(String(d.previous_week.week))}): requests ${d.change.requests >= 0 ? '+' : ''}${d.change.requests}, response rate ${d.change.response_rate_points === null ? '-' : `${d.change.response_rate_points} points`}.</p>
<div class="charts">${charts.map(([t, svg]) => `<figure><figcaption>${esc(t!)}</figcaption>${svg}</figure>`).join('')}</div>
<h2>League table</h2>
${table(['#', 'change', 'organisation', 'score', 'requests', 'response rate', 'median'], d.league.map((r) => [String(r.rank), r.rank_change === null ? 'new' : r.rank_change > 0 ? `+${r.rank_change}` : String(r.rank_change), esc(String(r.label)), num(n(r, 'score')), String(r.requests), pct(n(r, 'response_rate')), dur(n(r, 'median_hours'))]))}
<h2>Fastest</h2>
${table(['organisation', 'median', 'responses'], d.fastest.map((r) => [esc(String(r.label)), dur(n(r, 'median_hours')), String(r.responded)]))}
<h2>Most requests left unanswered</h2>
${table(['organisation', 'unanswered', 'requests'], d.most_unanswered.map((r) => [esc(String(r.label)), String(r.unanswered), String(r.requests)]))}
<h2>Per platform</h2>
${table(['platform', 'requests', 'response rate', 'median', 'within norm'], d.platforms.map((r) => [esc(String(r.label)), String(r.requests), pct(n(r, 'response_rate')), dur(n(r, 'median_hours')), pct(n(r, 'within_norm'))]))}
<h2>Bios</h2>
<p>Changed this week: ${d.bios.changed.length}. Deflecting: ${d.bios.deflecting.length}. Saying "niet gemonitord": ${d.bios.not_monitored.length}.</p>
${table(['organisation', 'account', 'deflects', 'not monitored', 'bio'], [...d.bios.changed, ...d.bios.not_monitored].slice(0, 40).map((b) => [esc(b.org), esc(`${b.platform}:${b.handle}`), b.deflects ? 'yes' : '', b.not_monitored ? 'yes' : '', esc(b.text)]))}
<h2>Stated versus actual hours</h2>
${table(['organisation', 'account', 'responses', 'inside stated hours', 'when closed', 'within promise'], d.stated_vs_actual.map((s) => [esc(s.org), esc(`${s.platform}:${s.handle}`), String(s.responses), pct(s.inside_stated_hours), String(s.when_closed), pct(s.within_promise)]))}
<h2>Oldest open requests</h2>
${table(['organisation', 'platform', 'asked', 'age', 'link'], d.oldest_open.map((o) => [esc(o.name), esc(o.platform), esc(o.created_at.slice(0, 16).replace('T', ' ')), `${o.age_days} d`, link(o.url)]))}
<p class="note">Generated ${esc(d.generated_at)} by webcare-monitor.</p>
</body></html>
`;
}
