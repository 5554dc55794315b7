import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  normAlertBody,
  normWords,
  shortDate,
  summaryBody,
  type NormAlert,
  type TextOptions,
} from '../../src/jobs/alert-text.js';
import { retryAfterMs } from '../../src/jobs/webhook.js';

// What the alerts send (docs/alerts.md): the body per receiver, Dutch by default, nothing of the citizen.
const NOW = new Date('2026-11-04T12:00:00.000Z');
const NL: TextOptions = { lang: 'nl', zone: 'Europe/Amsterdam', normWorkingDays: 2, now: NOW };
const ALERT: NormAlert = {
  orgId: 'zwolle',
  orgName: 'Zwolle',
  platform: 'x',
  kind: 'question',
  createdAt: '2026-11-02T08:12:00.000Z',
  normReachMs: Date.parse('2026-11-04T08:12:00.000Z'),
  url: 'https://x.com/i/status/1860000000000000001',
};
const LINE = 'Vraag aan Zwolle op X wacht sinds ma 2 nov 09:12 op een reactie (norm van 2 werkdagen verstreken). ';

describe('alerts: texts and bodies', () => {
  it('dates and norms in Dutch and English', () => {
    expect(shortDate('2026-11-02T08:12:00.000Z', NL)).toBe('ma 2 nov 09:12');
    expect(shortDate('2026-03-29T10:00:00.000Z', NL)).toBe('zo 29 mrt 12:00'); // summer time
    expect(shortDate('2025-12-31T22:30:00.000Z', NL)).toBe('wo 31 dec 2025 23:30'); // another year: with it
    expect(shortDate('2026-11-02T08:12:00.000Z', { ...NL, lang: 'en' })).toBe('Mon 2 Nov 09:12');
    expect([
      normWords(2, 'nl'),
      normWords(1, 'nl'),
      normWords(1.5, 'nl'),
      normWords(1, 'en'),
      normWords(3, 'en'),
    ]).toEqual(['2 werkdagen', '1 werkdag', '1,5 werkdag', '1 working day', '3 working days']);
  });

  it('one body per receiver, each with the link and the organisation', () => {
    expect(normAlertBody(ALERT, 'slack', NL)).toEqual({
      text: 'Vraag aan *Zwolle* op X wacht sinds ma 2 nov 09:12 op een reactie (norm van 2 werkdagen verstreken). <https://x.com/i/status/1860000000000000001|Bekijk het bericht>',
    });
    expect(normAlertBody(ALERT, 'mattermost', NL)).toEqual({
      text: 'Vraag aan **Zwolle** op X wacht sinds ma 2 nov 09:12 op een reactie (norm van 2 werkdagen verstreken). [Bekijk het bericht](https://x.com/i/status/1860000000000000001)',
    });
    expect(normAlertBody(ALERT, 'teams', NL)).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: `${LINE}Bekijk het bericht: https://x.com/i/status/1860000000000000001`,
      text: 'Vraag aan **Zwolle** op X wacht sinds ma 2 nov 09:12 op een reactie (norm van 2 werkdagen verstreken). [Bekijk het bericht](https://x.com/i/status/1860000000000000001)',
    });
    const wf = normAlertBody(ALERT, 'teams-workflow', NL) as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: { type: string; text: string }[] } }[];
    };
    expect(wf.type).toBe('message');
    expect(wf.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(wf.attachments[0]!.content.type).toBe('AdaptiveCard');
    expect(wf.attachments[0]!.content.body[0]!.text).toContain('[Bekijk het bericht](https://x.com/i/status/');
    expect(normAlertBody(ALERT, 'generic', NL)).toEqual({
      text: `${LINE}Bekijk het bericht: https://x.com/i/status/1860000000000000001`,
      event: 'norm_passed',
      organisation: { id: 'zwolle', name: 'Zwolle' },
      request: {
        platform: 'x',
        kind: 'question',
        url: 'https://x.com/i/status/1860000000000000001',
        created_at: '2026-11-02T08:12:00.000Z',
        norm_passed_at: '2026-11-04T08:12:00.000Z',
      },
      norm_working_days: 2,
    });
    expect(
      (normAlertBody({ ...ALERT, kind: 'report' }, 'generic', { ...NL, lang: 'en' }) as { text: string }).text,
    ).toBe(
      'Report to Zwolle on X has been waiting since Mon 2 Nov 09:12 for a response (norm of 2 working days passed). View the post: https://x.com/i/status/1860000000000000001',
    );
  });

  it('hostile names and links stay inert: no markup, no javascript: links', () => {
    const evil = { ...ALERT, orgName: '<!channel> *Zwolle* [x](javascript:alert(1))', url: 'javascript:alert(1)' };
    const slack = (normAlertBody(evil, 'slack', NL) as { text: string }).text;
    expect(slack).toContain('*&lt;!channel&gt; *Zwolle* [x](javascript:alert(1))*');
    expect(slack).toContain('(geen link bekend)');
    expect(slack).not.toContain('<!channel>');
    const md = (normAlertBody(evil, 'mattermost', NL) as { text: string }).text;
    expect(md).toContain('**\\<!channel\\> \\*Zwolle\\* \\[x\\](javascript:alert(1))**');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/); // only an escaped bracket before it
    const link = (
      normAlertBody({ ...ALERT, url: 'https://example.org/a b)|<c>' }, 'mattermost', NL) as { text: string }
    ).text;
    expect(link).toContain('(https://example.org/a%20b%29%7C%3Cc%3E)');
    expect((normAlertBody(evil, 'generic', NL) as { request: { url: unknown } }).request.url).toBeNull();
  });

  it('the daily summary: a line per organisation, the oldest links, a total', () => {
    const s = {
      at: new Date('2026-11-04T07:00:00.000Z'),
      orgs: [
        {
          id: 'zwolle',
          name: 'Zwolle',
          waiting: 2,
          oldestCreatedAt: '2026-11-02T08:12:00.000Z',
          urls: ['https://x.com/i/status/1', null],
        },
        { id: 'ede', name: 'Ede', waiting: 0, oldestCreatedAt: null, urls: [] },
      ],
    };
    expect((summaryBody(s, 'slack', NL) as { text: string }).text).toBe(
      'Dagoverzicht webcare (wo 4 nov 08:00): 2 vragen en meldingen wachten na de norm van 2 werkdagen nog op een reactie.\n' +
        '• *Zwolle*: 2, de oudste sinds ma 2 nov 09:12 (bekijk <https://x.com/i/status/1|1>)\n' +
        '• *Ede*: 0',
    );
    expect(summaryBody(s, 'generic', NL)).toMatchObject({
      event: 'daily_summary',
      as_of: '2026-11-04T07:00:00.000Z',
      waiting: 2,
      organisations: [
        {
          id: 'zwolle',
          name: 'Zwolle',
          waiting: 2,
          oldest_created_at: '2026-11-02T08:12:00.000Z',
          urls: ['https://x.com/i/status/1'],
        },
        { id: 'ede', name: 'Ede', waiting: 0, oldest_created_at: null, urls: [] },
      ],
    });
    const none = summaryBody({ at: s.at, orgs: [] }, 'teams', NL) as { text: string };
    expect(none.text).toBe(
      'Dagoverzicht webcare (wo 4 nov 08:00): geen vragen of meldingen wachten na de norm van 2 werkdagen nog op een reactie.',
    );
    const many = {
      at: s.at,
      orgs: Array.from({ length: 60 }, (_, i) => ({
        id: `o${i}`,
        name: `O${i}`,
        waiting: 1,
        oldestCreatedAt: s.at.toISOString(),
        urls: [],
      })),
    };
    const text = (summaryBody(many, 'generic', NL) as { text: string }).text.split('\n');
    expect(text).toHaveLength(1 + 50 + 1);
    expect(text.at(-1)).toBe('… en nog 10 organisaties (samen 10)');
  });

  it('format auto: the receiver from the URL', () => {
    expect(detectFormat('https://hooks.slack.com/services/T/B/X')).toBe('slack');
    expect(detectFormat('https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi')).toBe('teams');
    expect(
      detectFormat('https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x'),
    ).toBe('teams-workflow');
    expect(
      detectFormat('https://default123.environment.api.powerplatform.com/powerautomate/automations/direct/x'),
    ).toBe('teams-workflow');
    expect(detectFormat('https://chat.example.nl/hooks/xi3mkwr1b7gofbqzp6hbcjfh8w')).toBe('mattermost');
    expect(detectFormat('http://127.0.0.1:8080/hook')).toBe('generic');
  });

  it('Retry-After: seconds or an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 04 Nov 2026 12:00:30 GMT', Date.parse('2026-11-04T12:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
