import type { DigestData } from './digest-data.js';
import { dur, num, pct } from './fmt.js';

type Row = Record<string, unknown>;
const n = (r: Row, k: string) => (r[k] as number | null) ?? null;

function table(headers: string[], rows: string[][]): string {
  if (!rows.length) return '_none_\n';
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

/** The digest as Markdown (for e-mail, wikis and councils' agendas). */
export function renderMarkdown(d: DigestData): string {
  const nat = d.national;
  const out: string[] = [];
  out.push(`# Webcare digest ${d.week.label}`, '');
  out.push(`Week ${d.week.label} (${d.week.first_day} to ${d.week.last_day}, ${d.week.zone}). Method ${d.method.version}: answer window ${d.method.answer_window_days} days, norm ${d.method.norm_working_days} working days, weights ${Object.entries(d.method.weights).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  if (d.empty) out.push('**No requests were found this week.** Nothing to measure: check that polling runs (`webcare accounts list --errors`).', '');
  out.push('## The national picture', '');
  out.push(table(['requests', 'response rate', 'substance', 'median (wall)', 'p90 (wall)', 'median (business)', 'p90 (business)', 'within norm', 'mean score'], [[String(nat.requests), pct(n(nat, 'response_rate')), pct(n(nat, 'substance')), dur(n(nat, 'median_hours')), dur(n(nat, 'p90_hours')), dur(n(nat, 'business_median_hours')), dur(n(nat, 'business_p90_hours')), pct(n(nat, 'within_norm')), num(n(nat, 'score'))]]));
  out.push(`Outcomes: ${['answered', 'redirected', 'acknowledged', 'unanswered', 'pending'].map((o) => `${o} ${nat[o]}`).join(', ')}. Community answered first: ${pct(n(nat, 'community_first'))}. Out-of-hours responses: ${nat.out_of_hours_responses}.`, '');
  out.push(`Week over week (${String(d.previous_week.week)}): requests ${d.change.requests >= 0 ? '+' : ''}${d.change.requests}, response rate ${d.change.response_rate_points === null ? '-' : `${d.change.response_rate_points >= 0 ? '+' : ''}${d.change.response_rate_points} points`}, median ${d.change.median_hours === null ? '-' : `${d.change.median_hours >= 0 ? '+' : ''}${d.change.median_hours} h`}.`, '');
  out.push('## League table', '');
  out.push(table(['#', 'change', 'organisation', 'score', 'requests', 'response rate', 'median'], d.league.map((r) => [String(r.rank), r.rank_change === null ? 'new' : r.rank_change > 0 ? `+${r.rank_change}` : String(r.rank_change), String(r.label), num(n(r, 'score')), String(r.requests), pct(n(r, 'response_rate')), dur(n(r, 'median_hours'))])));
  out.push('## Fastest (median response time, at least 3 responses)', '');
  out.push(table(['organisation', 'median', 'responses'], d.fastest.map((r) => [String(r.label), dur(n(r, 'median_hours')), String(r.responded)])));
  out.push('## Most requests left unanswered', '');
  out.push(table(['organisation', 'unanswered', 'requests'], d.most_unanswered.map((r) => [String(r.label), String(r.unanswered), String(r.requests)])));
  out.push('## Per platform', '');
  out.push(table(['platform', 'requests', 'response rate', 'median', 'within norm'], d.platforms.map((r) => [String(r.label), String(r.requests), pct(n(r, 'response_rate')), dur(n(r, 'median_hours')), pct(n(r, 'within_norm'))])));
  out.push('## Bios', '');
  out.push(`Changed this week: ${d.bios.changed.length}. Deflecting: ${d.bios.deflecting.length}. Saying "niet gemonitord": ${d.bios.not_monitored.length}.`, '');
  out.push(table(['organisation', 'account', 'change', 'now'], d.bios.changed.map((b) => [b.org, `${b.platform}:${b.handle}`, b.deflects ? 'deflects' : b.not_monitored ? 'not monitored' : '', b.text.replace(/\|/g, '/').slice(0, 120)])));
  out.push('## Stated versus actual hours', '');
  out.push(table(['organisation', 'account', 'responses', 'inside stated hours', 'when closed', 'within promise'], d.stated_vs_actual.map((s) => [s.org, `${s.platform}:${s.handle}`, String(s.responses), pct(s.inside_stated_hours), String(s.when_closed), pct(s.within_promise)])));
  out.push('## Oldest open requests', '');
  out.push(table(['organisation', 'platform', 'asked', 'age', 'link'], d.oldest_open.map((o) => [o.name, o.platform, o.created_at.slice(0, 16).replace('T', ' '), `${o.age_days} d`, o.url ? `[post](${o.url})` : '-'])));
  out.push('', `_Generated ${d.generated_at} by webcare-monitor. Method: docs/method.md._`, '');
  return out.join('\n');
}
