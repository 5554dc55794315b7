import { DateTime } from 'luxon';
import type { WebhookFormat } from '../config/alerts.js';
import type { Platform } from '../model/index.js';
import { httpUrl, oneLine } from '../reports/safe-text.js';

/**
 * The messages of the alerts (docs/alerts.md: what is sent) and their JSON bodies per receiver. Every
 * body carries a `text` (Slack, Mattermost, Teams' legacy connector read it) except the Teams
 * Workflows one, which is the Adaptive Card envelope its template reads. No citizen handle or text is
 * ever put in (METHOD.md 7): the organisation, the platform, the times and the link to the post.
 */

export type Lang = 'nl' | 'en';

/** One alert: a request of `orgName` that passed the norm without any response. */
export interface NormAlert {
  orgId: string;
  orgName: string;
  platform: Platform;
  kind: 'question' | 'report';
  createdAt: string;
  normReachMs: number;
  url: string | null;
}

/** The daily summary: per organisation the requests waiting past the norm now. */
export interface Summary {
  at: Date;
  orgs: { id: string; name: string; waiting: number; oldestCreatedAt: string | null; urls: (string | null)[] }[];
}

/** What the texts need besides the data. */
export interface TextOptions {
  lang: Lang;
  zone: string;
  normWorkingDays: number;
  /** "now", for leaving the year out of dates in the current year. */
  now: Date;
}

/** At most this many organisation lines in a summary (a message must stay small: Teams takes ~28 KB). */
export const SUMMARY_MAX_ORGS = 50;

// A message as parts, rendered per receiver: plain text, bold text, links.
type Part = string | { bold: string } | { link: string; href: string | null };
type Line = Part[];

const PLATFORM_NAMES: Record<Platform, string> = {
  x: 'X',
  facebook: 'Facebook',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};
const DAYS = { nl: ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
const MONTHS = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** A local instant the way people say it: "ma 3 nov 09:12" ("Mon 3 Nov 09:12"); the year when not this year's. */
export function shortDate(at: Date | string | number, o: Pick<TextOptions, 'lang' | 'zone' | 'now'>): string {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  const d = DateTime.fromMillis(ms, { zone: o.zone });
  const thisYear = DateTime.fromJSDate(o.now, { zone: o.zone }).year;
  const year = d.year === thisYear ? '' : ` ${d.year}`;
  return `${DAYS[o.lang][d.weekday - 1]} ${d.day} ${MONTHS[o.lang][d.month - 1]}${year} ${d.toFormat('HH:mm')}`;
}

/** The norm in words: "2 werkdagen", "1 werkdag", "1,5 werkdag" ("2 working days"). */
export function normWords(days: number, lang: Lang): string {
  const n = lang === 'nl' ? String(days).replace('.', ',') : String(days);
  if (lang === 'nl') return `${n} ${days === 1 || !Number.isInteger(days) ? 'werkdag' : 'werkdagen'}`;
  return `${n} working ${days === 1 ? 'day' : 'days'}`;
}

function normLine(a: NormAlert, o: TextOptions): Line {
  const since = shortDate(a.createdAt, o);
  const platform = PLATFORM_NAMES[a.platform];
  const norm = normWords(o.normWorkingDays, o.lang);
  if (o.lang === 'en') {
    return [
      `${a.kind === 'report' ? 'Report' : 'Question'} to `,
      { bold: a.orgName },
      ` on ${platform} has been waiting since ${since} for a response (norm of ${norm} passed). `,
      { link: 'View the post', href: a.url },
    ];
  }
  return [
    `${a.kind === 'report' ? 'Melding' : 'Vraag'} aan `,
    { bold: a.orgName },
    ` op ${platform} wacht sinds ${since} op een reactie (norm van ${norm} verstreken). `,
    { link: 'Bekijk het bericht', href: a.url },
  ];
}

function summaryLines(s: Summary, o: TextOptions): Line[] {
  const nl = o.lang === 'nl';
  const total = s.orgs.reduce((n, x) => n + x.waiting, 0);
  const when = shortDate(s.at, o);
  const norm = normWords(o.normWorkingDays, o.lang);
  const head = nl
    ? total === 0
      ? `Dagoverzicht webcare (${when}): geen vragen of meldingen wachten na de norm van ${norm} nog op een reactie.`
      : `Dagoverzicht webcare (${when}): ${total === 1 ? '1 vraag of melding wacht' : `${total} vragen en meldingen wachten`} na de norm van ${norm} nog op een reactie.`
    : total === 0
      ? `Webcare daily summary (${when}): no questions or reports are waiting for a response past the norm of ${norm}.`
      : `Webcare daily summary (${when}): ${total === 1 ? '1 question or report is' : `${total} questions and reports are`} waiting for a response past the norm of ${norm}.`;
  const lines: Line[] = [[head]];
  const shown = s.orgs.slice(0, SUMMARY_MAX_ORGS);
  for (const org of shown) {
    const line: Line = ['• ', { bold: org.name }, `: ${org.waiting}`];
    if (org.oldestCreatedAt && org.waiting > 0) {
      line.push(
        nl
          ? `, de oudste sinds ${shortDate(org.oldestCreatedAt, o)}`
          : `, the oldest since ${shortDate(org.oldestCreatedAt, o)}`,
      );
      const links = org.urls.map((u, i) => ({ link: String(i + 1), href: u })).filter((l) => httpUrl(l.href));
      if (links.length) {
        line.push(nl ? ' (bekijk ' : ' (view ');
        links.forEach((l, i) => line.push(...(i ? [', ', l] : [l])));
        line.push(')');
      }
    }
    lines.push(line);
  }
  const rest = s.orgs.slice(SUMMARY_MAX_ORGS);
  if (rest.length) {
    const n = rest.reduce((m, x) => m + x.waiting, 0);
    lines.push([
      nl
        ? `… en nog ${rest.length} organisaties (samen ${n})`
        : `… and ${rest.length} more organisations (${n} together)`,
    ]);
  }
  return lines;
}

// Slack mrkdwn: &, < and > are the only characters to escape; links are <href|label>.
const slackEscape = (s: string) => oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Markdown (Mattermost, Teams): the characters that would start formatting or a link are escaped.
const mdEscape = (s: string) => oneLine(s).replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
// A link target the renderers cannot break out of: http(s) only; brackets, pipes and spaces percent-encoded.
const safeHref = (href: string | null) =>
  httpUrl(href)?.replace(/[()|<>[\]\\ ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`) ??
  null;

function render(line: Line, fmt: WebhookFormat | 'plain', lang: Lang): string {
  const noLink = lang === 'nl' ? '(geen link bekend)' : '(no link known)';
  return line
    .map((p) => {
      if (typeof p === 'string')
        return fmt === 'slack' ? slackEscape(p) : fmt === 'plain' || fmt === 'generic' ? oneLine(p) : mdEscape(p);
      if ('bold' in p) {
        if (fmt === 'slack') return `*${slackEscape(p.bold)}*`;
        if (fmt === 'plain' || fmt === 'generic') return oneLine(p.bold);
        return `**${mdEscape(p.bold)}**`;
      }
      const href = safeHref(p.href);
      if (!href) return /^\d+$/.test(p.link) ? '' : noLink;
      if (fmt === 'slack') return `<${href}|${slackEscape(p.link)}>`;
      if (fmt === 'plain') return /^\d+$/.test(p.link) ? href : `${p.link}: ${href}`;
      if (fmt === 'generic') return /^\d+$/.test(p.link) ? href : `${p.link}: ${href}`;
      return `[${mdEscape(p.link)}](${href})`;
    })
    .join('');
}

/** Which receiver a URL is, when the config says `format: auto` (docs/alerts.md). */
export function detectFormat(url: string): WebhookFormat {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'generic';
  }
  const host = u.hostname.toLowerCase();
  if (host === 'hooks.slack.com') return 'slack';
  if (host.endsWith('.webhook.office.com') || host === 'outlook.office.com' || host === 'outlook.office365.com')
    return 'teams';
  if (
    host.endsWith('.logic.azure.com') ||
    host.endsWith('.powerautomate.com') ||
    host.endsWith('.powerplatform.com') ||
    host === 'flow.microsoft.com' ||
    u.pathname.includes('/powerautomate/')
  )
    return 'teams-workflow';
  if (/^\/hooks\/[a-z0-9]{26}$/.test(u.pathname)) return 'mattermost';
  return 'generic';
}

/** The JSON body of a message of `lines` for a receiver; `data` are the structured fields of `generic`. */
function body(lines: Line[], fmt: WebhookFormat, lang: Lang, data: Record<string, unknown>): unknown {
  const plain = lines.map((l) => render(l, 'plain', lang));
  switch (fmt) {
    case 'slack':
      return { text: lines.map((l) => render(l, 'slack', lang)).join('\n') };
    case 'mattermost':
      return { text: lines.map((l) => render(l, 'mattermost', lang)).join('\n') };
    case 'teams':
      // MessageCard of the Office 365 connector: `summary` is the notification; paragraphs need a blank line.
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: plain[0]!.slice(0, 200),
        text: lines.map((l) => render(l, 'teams', lang)).join('\n\n'),
      };
    case 'teams-workflow':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: lines.map((l) => ({ type: 'TextBlock', text: render(l, 'teams-workflow', lang), wrap: true })),
            },
          },
        ],
      };
    case 'generic':
      return { text: lines.map((l) => render(l, 'generic', lang)).join('\n'), ...data };
  }
}

/** The body of the alert for one request past the norm. */
export function normAlertBody(a: NormAlert, fmt: WebhookFormat, o: TextOptions): unknown {
  return body([normLine(a, o)], fmt, o.lang, {
    event: 'norm_passed',
    organisation: { id: a.orgId, name: a.orgName },
    request: {
      platform: a.platform,
      kind: a.kind,
      url: httpUrl(a.url),
      created_at: new Date(Date.parse(a.createdAt)).toISOString(),
      norm_passed_at: new Date(a.normReachMs).toISOString(),
    },
    norm_working_days: o.normWorkingDays,
  });
}

/** The body of the daily summary. */
export function summaryBody(s: Summary, fmt: WebhookFormat, o: TextOptions): unknown {
  return body(summaryLines(s, o), fmt, o.lang, {
    event: 'daily_summary',
    as_of: s.at.toISOString(),
    norm_working_days: o.normWorkingDays,
    waiting: s.orgs.reduce((n, x) => n + x.waiting, 0),
    organisations: s.orgs.map((x) => ({
      id: x.id,
      name: x.name,
      waiting: x.waiting,
      oldest_created_at: x.oldestCreatedAt,
      urls: x.urls.map((u) => httpUrl(u)).filter((u): u is string => u !== null),
    })),
  });
}
