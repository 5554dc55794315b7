import { OUTCOMES } from '../model/index.js';
import type { DigestData } from './digest-types.js';
import { dur, num, pct, rankChangeText, signed } from './fmt.js';
import { mdCell, mdLink, pageText } from './safe-text.js';

/** Markdown that goes into a cell as it is (a link made by mdLink); every other cell is text. */
class Markdown {
  constructor(readonly md: string) {}
}

/** A Markdown table; text cells are made inert (mdCell: one line, no controls, no HTML, no links). */
function table(headers: string[], rows: (string | Markdown)[][]): string {
  if (!rows.length) return '_none_\n';
  const text = (c: string | Markdown) => (c instanceof Markdown ? c.md : mdCell(c));
  const head = [`| ${headers.map(text).join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  return [...head, ...rows.map((r) => `| ${r.map(text).join(' | ')} |`)].join('\n') + '\n';
}

/**
 * The digest as Markdown (for e-mail, wikis and councils' agendas). Text from outside (names, bios) is
 * inert in every renderer: no raw HTML, no links but the http(s) links to posts, no control characters.
 */
export function renderMarkdown(d: DigestData): string {
  const { week: w, method: m } = d;
  const weights = Object.entries(m.weights)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const out: string[] = [];
  out.push(`# Webcare digest ${w.label}`, '');
  out.push(
    `Week ${w.label} (${w.firstDay} to ${w.lastDay}, ${w.zone}). Method ${m.version} (reader ${m.readerVersion}): answer window ` +
      `${m.answerWindowDays} days, norm ${m.normWorkingDays} working days, score horizon ${m.scoreHorizonDays} days, weights ${weights}.`,
    '',
    finality(d),
    '',
  );
  if (d.empty) {
    const hint = 'check that polling runs (`webcare accounts list --errors`)';
    out.push(`**No requests were found this week.** Nothing to measure: ${hint}.`, '');
  }
  out.push(...national(d), ...rankings(d), ...bios(d));
  out.push('## Oldest open requests', '');
  out.push(
    table(
      ['organisation', 'platform', 'asked', 'age', 'link'],
      d.oldestOpen.map((o) => [
        o.name,
        o.platform,
        o.createdAt.slice(0, 16).replace('T', ' '),
        `${o.ageDays} d`,
        new Markdown(mdLink('post', o.url)),
      ]),
    ),
  );
  out.push('', `_Generated ${d.generatedAt} by webcare-monitor. Method: docs/method.md._`, '');
  // Every outside text is in a cell (mdCell strips control characters); this catches any that is not.
  return pageText(out.join('\n'));
}

/** Whether the week's figures are final (METHOD.md 4b) and what still can change. */
export function finality(d: DigestData): string {
  const m = d.method;
  const asOf = `As of ${d.asOf}`;
  return d.final
    ? `${asOf} these figures are **final**: every request of the week is past its ${m.scoreHorizonDays}-day horizon. ` +
        `Outcome counts (unanswered at all) are final ${m.answerWindowDays} days after the week (monthly digest).`
    : `${asOf} these figures are **PROVISIONAL**: requests not yet past their ${m.scoreHorizonDays}-day horizon are ` +
        `counted as not yet due (${d.national.notYetDue}); final from ${d.finalAt}.`;
}

/** The national figures of the week and the change from the week before. */
function national(d: DigestData): string[] {
  const nat = d.national;
  const c = d.change;
  const headers = [
    'requests',
    'response rate',
    'substance',
    'median (wall)',
    'p90 (wall)',
    'median (business)',
    'p90 (business)',
    'within norm',
    'mean score',
  ];
  const figures = [
    String(nat.requests),
    pct(nat.responseRate),
    pct(nat.substance),
    dur(nat.medianHours),
    dur(nat.p90Hours),
    dur(nat.businessMedianHours),
    dur(nat.businessP90Hours),
    pct(nat.withinNorm),
    num(nat.score),
  ];
  const outcomes = OUTCOMES.map((o) => `${o} ${nat[o]}`).join(', ');
  const rate = c.responseRatePoints === null ? '-' : `${signed(c.responseRatePoints)} points`;
  const median = c.medianHours === null ? '-' : `${signed(c.medianHours)} h`;
  return [
    '## The national picture',
    '',
    table(headers, [figures]),
    `Outcomes: ${outcomes}. Community answered first: ${pct(nat.communityFirst)}. ` +
      `Out-of-hours responses: ${nat.outOfHoursResponses}.`,
    '',
    `Week over week (${d.previousWeek.week}): requests ${signed(c.requests)}, response rate ${rate}, median ${median}.`,
    '',
    ...latestWeek(d),
  ];
}

/** Last week's norm figures, provisional (the digest's own week is the last final one). */
function latestWeek(d: DigestData): string[] {
  const l = d.latestWeek;
  if (!l) return [];
  return [
    `## Last week ${l.week} (PROVISIONAL, final from ${l.finalAt ?? '-'})`,
    '',
    table(
      ['requests', 'past horizon', 'responded within horizon', 'answered within norm', 'median (wall)'],
      [[String(l.requests), String(l.due), pct(l.responseRate), pct(l.withinNorm), dur(l.medianHours)]],
    ),
  ];
}

/** The league table, the fastest, the most unanswered and the platforms. */
function rankings(d: DigestData): string[] {
  return [
    '## League table',
    '',
    table(
      ['#', 'change', 'organisation', 'score', 'requests', 'response rate', 'median'],
      d.league.map((r) => [
        String(r.rank),
        rankChangeText(r.rankChange),
        r.label,
        num(r.score),
        String(r.requests),
        pct(r.responseRate),
        dur(r.medianHours),
      ]),
    ),
    '## Fastest (median response time, at least 3 responses)',
    '',
    table(
      ['organisation', 'median', 'responses'],
      d.fastest.map((r) => [r.label, dur(r.medianHours), String(r.responded)]),
    ),
    `## Most requests without a response within ${d.method.scoreHorizonDays} days`,
    '',
    table(
      ['organisation', 'no response', 'requests'],
      d.mostWithoutResponse.map((r) => [r.label, String(r.noResponse), String(r.requests)]),
    ),
    '## Per platform',
    '',
    table(
      ['platform', 'requests', 'response rate', 'median', 'within norm'],
      d.platforms.map((r) => [r.label, String(r.requests), pct(r.responseRate), dur(r.medianHours), pct(r.withinNorm)]),
    ),
  ];
}

/** Changed, deflecting and unmonitored bios, and stated against actual hours. */
function bios(d: DigestData): string[] {
  const b = d.bios;
  return [
    '## Bios',
    '',
    `Changed this week: ${b.changed.length}. Deflecting: ${b.deflecting.length}. ` +
      `Saying "niet gemonitord": ${b.notMonitored.length}.`,
    '',
    table(
      ['organisation', 'account', 'change', 'now'],
      b.changed.map((x) => [
        x.orgId,
        `${x.platform}:${x.handle}`,
        x.fields.deflects ? 'deflects' : x.fields.notMonitored ? 'not monitored' : '',
        // A pipe would end the Markdown table cell (mdCell would escape it; a slash reads better in plain text).
        x.text.replace(/\|/g, '/').slice(0, 120),
      ]),
    ),
    '## Stated versus actual hours',
    '',
    table(
      ['organisation', 'account', 'responses', 'inside stated hours', 'when closed', 'within promise'],
      d.statedVsActual.map((s) => [
        s.org,
        `${s.platform}:${s.handle}`,
        String(s.responses),
        pct(s.insideStatedHours),
        String(s.whenClosed),
        pct(s.withinPromise),
      ]),
    ),
  ];
}
