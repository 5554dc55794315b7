import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { alertSettings } from '../../src/config/alerts.js';
import { loadSettings } from '../../src/config/load.js';
import { redact } from '../../src/config/redact.js';
import { cli, tempDir } from '../helpers/cli.js';

// `alerts:` of the config (issue #15 item 5, docs/alerts.md): validated with one-line errors that name
// the key (exit 2), webhook URLs treated as secrets.
const tmp = tempDir();
afterAll(() => tmp.cleanup());
afterEach(() => vi.unstubAllEnvs());

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/XXXXsecretXXXX';
const ORGS = 'registry: []\norganisations:\n  - { id: zwolle, name: Zwolle }\n  - { id: ede, name: Ede }\n';
let n = 0;
const config = (yaml: string) => tmp.file(`c${n++}.yaml`, ORGS + yaml);

async function refused(yaml: string): Promise<string> {
  const r = await cli(['config', '--config', config(yaml), '--db', `${tmp.dir}/x.db`]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr;
}

describe('alerts: config', () => {
  it('a full example loads, with defaults filled in', () => {
    const s = loadSettings({
      configPath: config(
        `alerts:\n  webhooks:\n    - url: ${SLACK}\n    - { name: teams, url: "https://example.webhook.office.com/webhookb2/abc", format: teams }\n  watch: [zwolle]\n`,
      ),
      env: {},
    });
    const a = alertSettings(s.config)!;
    expect(a).toMatchObject({
      watch: ['zwolle'],
      language: 'nl',
      check: '*/5 * * * *',
      dailySummary: '0 8 * * *',
      maxPerCheck: 50,
      lookbackDays: 3,
      timeoutMs: 10_000,
    });
    expect(a.webhooks[0]).toMatchObject({ url: SLACK, format: 'auto' });
    expect(a.webhooks[0]!.name).toMatch(/^webhook-[0-9a-f]{10}$/); // a hash of the URL, not the URL
    expect(a.webhooks[1]).toMatchObject({ name: 'teams', format: 'teams' });
  });

  it('no alerts: key, enabled: false, or an empty watch list (all organisations)', () => {
    expect(alertSettings(loadSettings({ configPath: config(''), env: {} }).config)).toBeNull();
    const off = loadSettings({ configPath: config('alerts:\n  enabled: false\n'), env: {} });
    expect(alertSettings(off.config)).toBeNull();
    const all = loadSettings({ configPath: config(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n`), env: {} });
    expect(alertSettings(all.config)!.watch).toBeNull();
    const summary = loadSettings({
      configPath: config(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  daily_summary: false\n`),
      env: {},
    });
    expect(alertSettings(summary.config)!.dailySummary).toBe(false);
  });

  it('a bad URL: exit 2, one line naming the key and line, without echoing the value', async () => {
    const err = await refused('alerts:\n  webhooks:\n    - url: hooks.slack.com/services/secretpart\n');
    expect(err).toContain('alerts.webhooks[0].url: must be an http(s) URL (the webhook address) (line');
    expect(err).not.toContain('secretpart');
    expect(await refused('alerts:\n  webhooks:\n    - url: "ftp://example.org/x"\n')).toContain(
      'alerts.webhooks[0].url: must be an http(s) URL',
    );
  });

  it('unknown keys are refused, named', async () => {
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  colour: red\n`)).toContain(
      'alerts.colour: unknown key (line',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}", token: abc }]\n`)).toContain(
      'alerts.webhooks[0].token: unknown key',
    );
  });

  it('other mistakes name their key', async () => {
    expect(await refused('alerts:\n  watch: [zwolle]\n')).toContain(
      'alerts.webhooks: needs at least one webhook (or enabled: false)',
    );
    expect(await refused('alerts:\n  webhooks: [{ format: slack }]\n')).toContain(
      'alerts.webhooks[0].url: is required (or url_file)',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}", format: discord }]\n`)).toContain(
      'alerts.webhooks[0].format: must be one of "auto", "slack", "mattermost", "teams", "teams-workflow", "generic"',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  watch: [zwolle, nergenshuizen]\n`)).toMatch(
      /alerts\.watch\[1\]: unknown organisation "nergenshuizen" \(line \d+\)/,
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  daily_summary: "99 8 * * *"\n`)).toContain(
      'alerts.daily_summary: must be a cron expression (e.g. "0 8 * * *") or false for no summary',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  check: "every minute"\n`)).toContain(
      'alerts.check: not a valid cron expression',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }, { url: "${SLACK}" }]\n`)).toContain(
      'alerts.webhooks[1]: the same webhook as webhooks[0] (give each a name)',
    );
    expect(await refused(`alerts:\n  webhooks: [{ url: "${SLACK}" }]\n  max_per_check: 0\n`)).toContain(
      'alerts.max_per_check:',
    );
  });

  it('webcare run with a bad alerts config exits 2 before starting anything', async () => {
    const r = await cli([
      'run',
      '--config',
      config('http:\n  port: 0\nalerts:\n  webhooks:\n    - url: not-a-url\n'),
      '--db',
      `${tmp.dir}/run.db`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('alerts.webhooks[0].url: must be an http(s) URL');
  });

  it('the URL from the environment (${NAME}) or a secret file (url_file); config --dump shows only the host', async () => {
    vi.stubEnv('WEBCARE_TEST_SLACK_URL', SLACK);
    tmp.file('teams-url', 'https://example.webhook.office.com/webhookb2/secret-in-file\n');
    const file = config(
      'alerts:\n  webhooks:\n    - url: ${WEBCARE_TEST_SLACK_URL}\n    - { url_file: teams-url, name: teams }\n',
    );
    const s = loadSettings({ configPath: file, env: process.env });
    expect(alertSettings(s.config)!.webhooks.map((w) => w.url)).toEqual([
      SLACK,
      'https://example.webhook.office.com/webhookb2/secret-in-file',
    ]);
    const dump = await cli(['config', '--dump', '--config', file, '--db', `${tmp.dir}/x.db`]);
    expect(dump.code).toBe(0);
    expect(dump.stdout).toContain('url: https://hooks.slack.com/<redacted>');
    expect(dump.stdout).toContain('url: https://example.webhook.office.com/<redacted>');
    expect(dump.stdout).not.toContain('secret');
    expect(dump.stdout).not.toContain('XXXX');

    vi.unstubAllEnvs();
    delete process.env.WEBCARE_TEST_SLACK_URL;
    const missing = await refused('alerts:\n  webhooks:\n    - url: ${WEBCARE_TEST_SLACK_URL}\n');
    expect(missing).toContain('alerts.webhooks[0].url: environment variable WEBCARE_TEST_SLACK_URL is not set');
    expect(await refused('alerts:\n  webhooks:\n    - url_file: nowhere.txt\n')).toMatch(
      /alerts\.webhooks\[0\]\.url_file: .*nowhere\.txt: webhook URL file not found/,
    );
    tmp.file('bad-url', 'not a url with secretvalue\n');
    const bad = await refused('alerts:\n  webhooks:\n    - url_file: bad-url\n');
    expect(bad).toContain('must hold an http(s) URL');
    expect(bad).not.toContain('secretvalue');
  });

  it('redact() shortens webhook URLs anywhere under webhooks, and leaves other urls alone', () => {
    expect(
      redact({
        alerts: { webhooks: [{ url: SLACK, name: 'a' }] },
        platforms: { bluesky: { appview: 'https://x.y/z' } },
      }),
    ).toEqual({
      alerts: { webhooks: [{ url: 'https://hooks.slack.com/<redacted>', name: 'a' }] },
      platforms: { bluesky: { appview: 'https://x.y/z' } },
    });
  });
});
