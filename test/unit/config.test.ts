import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function load(yaml: string, env: NodeJS.ProcessEnv = {}) {
  const file = tmp.file(`c${Math.random().toString(36).slice(2)}.yaml`, yaml);
  return { file, run: () => loadSettings({ configPath: file, env }) };
}

describe('config: bad configs name the file, the key path and what is wrong', () => {
  it.each([
    [
      'x handle with a space',
      'organisations:\n  - id: utrecht\n    name: Utrecht\n    accounts:\n      x: gemeente utrecht\n',
      'organisations[0].accounts.x: handle must be 1-15 letters, digits or _ (line 5)',
    ],
    [
      'unknown platform',
      'organisations:\n  - id: utrecht\n    name: Utrecht\n    accounts:\n      myspace: utrecht\n',
      'organisations[0].accounts.myspace: unknown platform (expected x, facebook, mastodon, bluesky) (line 5)',
    ],
    [
      'unknown platform section',
      'platforms:\n  tiktok: {}\n',
      'platforms.tiktok: unknown platform (expected x, facebook, mastodon, bluesky) (line 2)',
    ],
    ['bad cron', 'schedules:\n  poll: "every 5 min"\n', 'schedules.poll: not a valid cron expression'],
    ['number as text', 'method:\n  answer_window_days: "x"\n', 'method.answer_window_days: must be a number (line 2)'],
    [
      'weights not adding up',
      'method:\n  weights: { response_rate: 0.5 }\n',
      'method.weights: weights must add up to 1',
    ],
    [
      'bad office hours',
      'method:\n  office_hours: { mon: "8-17" }\n',
      'method.office_hours.mon: office hours must look like "08:30-17:00"',
    ],
    ['unknown top-level key', 'databse: x.db\n', 'databse: unknown key (line 1)'],
    ['bad time zone', 'timezone: Europe/Amsterdamm\n', 'timezone: unknown IANA time zone'],
    [
      'bad cbs code',
      'organisations:\n  - id: a\n    name: A\n    cbs: "0014"\n',
      'organisations[0].cbs: cbs must be GM followed by 4 digits',
    ],
    [
      'duplicate id',
      'organisations:\n  - { id: a, name: A }\n  - { id: a, name: B }\n',
      'organisations[1].id: a is already used by [0]',
    ],
    [
      'mastodon handle without server part is fine, with spaces not',
      'organisations:\n  - id: a\n    name: A\n    accounts: { mastodon: "ge meente@social.overheid.nl" }\n',
      'organisations[0].accounts.mastodon: handle must look like name@server.tld',
    ],
    [
      'unset env var',
      'platforms:\n  x:\n    bearer_token: ${NOPE_NOT_SET}\n',
      'platforms.x.bearer_token: environment variable NOPE_NOT_SET is not set',
    ],
    ['yaml syntax', 'a: [\n', ':2: '],
  ])('%s', (_name, yaml, message) => {
    const { file, run } = load(yaml);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message.startsWith(':') ? `${file}${message}` : `${file}: ${message}`);
  });

  it('a missing explicit config file is an error, a missing default file means defaults', () => {
    expect(() => loadSettings({ configPath: `${tmp.dir}/nope.yaml`, env: {} })).toThrow(
      `${tmp.dir}/nope.yaml: config file not found`,
    );
    const s = loadSettings({ env: { WEBCARE_CONFIG: undefined } });
    expect(s.organisations).toHaveLength(342);
  });
});

describe('config: values', () => {
  it('applies defaults of METHOD.md', () => {
    const s = load('{}').run();
    expect(s.config.method.answer_window_days).toBe(30);
    expect(s.config.method.norm_working_days).toBe(2);
    expect(s.config.method.weights).toEqual({ response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 });
    expect(s.config.method.office_hours[1]).toEqual([{ from: '08:30', to: '17:00' }]);
    expect(s.config.method.office_hours[6]).toBeUndefined();
    expect(s.config.privacy.retention_days).toBe(90);
    expect(s.config.http).toEqual({ host: '127.0.0.1', port: 9464, dashboard: false });
  });

  it('expands ${ENV} with defaults and lets env variables override keys', () => {
    const s = load('database: ${DBDIR:-/tmp}/w.db\nhttp:\n  port: 1234\n', {
      WEBCARE_HTTP_PORT: '9999',
      X_BEARER_TOKEN: 'tok',
    }).run();
    expect(s.database).toBe('/tmp/w.db');
    expect(s.config.http.port).toBe(9999);
    expect(s.config.platforms.x.bearer_token).toBe('tok');
  });

  it('reads secrets from NAME_FILE', () => {
    const secret = tmp.file('token.txt', 'from-file\n');
    const s = load('{}', { X_BEARER_TOKEN_FILE: secret }).run();
    expect(s.config.platforms.x.bearer_token).toBe('from-file');
  });

  it('is frozen', () => {
    const s = load('{}').run();
    expect(Object.isFrozen(s.config.method)).toBe(true);
    expect(Object.isFrozen(s.organisations[0]!.accounts)).toBe(true);
  });

  it('config organisations extend the registry by id and replace its account list per platform', () => {
    const s = load(
      'organisations:\n  - id: utrecht\n    name: Utrecht\n    accounts: { x: [gemeenteutrecht, Webcare030], mastodon: gemeenteutrecht@social.overheid.nl }\n  - id: rijkswaterstaat\n    name: Rijkswaterstaat\n    accounts: { x: rijkswaterstaat }\n',
    ).run();
    expect(s.organisations).toHaveLength(343);
    const utrecht = s.organisations.find((o) => o.id === 'utrecht')!;
    expect(utrecht.cbs).toBe('GM0344');
    expect(utrecht.accounts).toEqual({
      x: ['gemeenteutrecht', 'Webcare030'],
      mastodon: ['gemeenteutrecht@social.overheid.nl'],
    });
  });

  it('registry: [] replaces the shipped registry', () => {
    const s = load(
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { bluesky: "@a.bsky.social" } }\n',
    ).run();
    expect(s.organisations.map((o) => o.id)).toEqual(['a']);
    expect(s.organisations[0]!.accounts.bluesky).toEqual(['a.bsky.social']);
  });

  it('refuses one account in two organisations', () => {
    const { run } = load(
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { x: same } }\n  - { id: b, name: B, accounts: { x: SAME } }\n',
    );
    expect(run).toThrow('account x:same belongs to both a and b');
  });
});
