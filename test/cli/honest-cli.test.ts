import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertDirectory, assertRegularFile } from '../../src/cli/input.js';
import { InputError, UsageError } from '../../src/config/errors.js';
import { X_API } from '../../src/sim/servers/x.js';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { cli, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/spawn.js';
import { twarcLines } from '../helpers/twarc-gen.js';

// Issue #19 items 7/8: the CLI says what is wrong, names the file or variable, and exits accordingly.
const tmp = tempDir();
const fixture = fileURLToPath(new URL('../fixtures/x/thread-answered.jsonl', import.meta.url));
const data = `${tmp.dir}/data.db`;
const server = setupServer();

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  const archive = tmp.file('archive.jsonl', twarcLines(300).join('\n') + '\n');
  const r = await cli(['import', '--from', 'twarc', archive, '--account', 'x:GemTest', '--db', data]);
  expect(r.code).toBe(0);
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  tmp.cleanup();
});

/** Every command that opens the database, with the arguments it needs besides --db. */
const commands = (): string[][] => [
  ['stats'],
  ['top'],
  ['requests'],
  ['export', '--what', 'requests'],
  ['bios'],
  ['sql', 'select 1'],
  ['digest', '--out', `${tmp.dir}/digests`],
  ['migrate'],
  ['import', '--from', 'twarc', fixture],
  ['poll', '--once', '--platform', 'bluesky'],
  ['reclassify'],
  ['accounts', 'list'],
];

/** Sets environment variables for one in-process run, then restores them. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const prev = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    process.env = prev;
  }
}

describe('numeric options are checked, never silently replaced', () => {
  it.each([
    ['requests', 'abc'],
    ['requests', '0'],
    ['requests', '-5'],
    ['requests', '12x'],
    ['top', 'abc'],
    ['top', '0'],
  ])('%s --limit %s: exit 2', async (command, value) => {
    const r = await cli([command, '--limit', value, '--db', data]);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `webcare: --limit ${value}: expected a whole number from 1 to 1000000\n`,
    });
  });

  it('a good --limit is used as given', async () => {
    const r = await cli(['requests', '--limit', '3', '--format', 'csv', '--db', data]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });
});

describe('a database written by a newer webcare is refused by every command', () => {
  const db = `${tmp.dir}/future.db`;
  beforeAll(async () => {
    expect((await cli(['migrate', '--db', db])).code).toBe(0);
    const store = openStore(db);
    rawConnection(store)
      .prepare("insert into kysely_migration (name, timestamp) values ('0099-future', '2030-01-01T00:00:00.000Z')")
      .run();
    await store.close();
  });

  it.each(commands().map((c) => [c.join(' '), c]))('%s: exit 2', async (_name, args) => {
    const r = await cli([...(args as string[]), '--db', db]);
    expect(r.stderr).toBe(`webcare: ${db}: written by a newer webcare (migration 0099-future): upgrade webcare\n`);
    expect(r.code).toBe(2);
  });
});

describe('a file that is not a readable database is named, exit 1, for every command', () => {
  const kinds: Record<string, () => string> = {
    'a text file': () => tmp.file(`text-${Math.random()}.db`, 'this is not a database, just text\n'.repeat(200)),
    'a directory': () => {
      const d = `${tmp.dir}/dir-${Math.random()}.db`;
      mkdirSync(d);
      return d;
    },
    'a truncated database': () => {
      const whole = readFileSync(data);
      const p = `${tmp.dir}/truncated-${Math.random()}.db`;
      writeFileSync(p, whole.subarray(0, Math.floor(whole.length / 2)));
      return p;
    },
  };
  const cases = Object.keys(kinds).flatMap((kind) => commands().map((c) => [kind, c.join(' '), c] as const));
  it.each(cases)('%s, %s', async (kind, _name, args) => {
    const db = kinds[kind]!();
    const r = await cli([...args, '--db', db]);
    expect(r.stderr).toMatch(
      new RegExp(`^webcare: error: ${db.replace(/[.]/g, '\\.')}: cannot read the database: .+\\n$`),
    );
    expect(r.stderr).not.toContain('no database yet');
    expect(r.code).toBe(1);
  });

  it('an empty file is no webcare database for a query either', async () => {
    const db = tmp.file('empty.db', '');
    const r = await cli(['stats', '--db', db]);
    expect(r).toMatchObject({
      code: 1,
      stderr: `webcare: error: ${db}: cannot read the database: no webcare tables in it (run webcare migrate)\n`,
    });
  });
});

describe('file errors name the file', () => {
  it('--config DIR', async () => {
    const dir = `${tmp.dir}/config-dir`;
    mkdirSync(dir);
    const r = await cli(['--config', dir, 'orgs']);
    expect(r).toMatchObject({ code: 2, stderr: `webcare: ${dir}: config file is a directory, expected a file\n` });
  });

  it('a YAML alias bomb', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const file = tmp.file('bomb.yaml', lines.join('\n') + '\n');
    const r = await cli(['--config', file, 'orgs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^webcare: ${file}: .*alias`));
  });

  it('--config FIFO is refused instead of waiting for a writer forever', async () => {
    const fifo = `${tmp.dir}/config.fifo`;
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--config', fifo, 'orgs'], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    expect(r).toEqual({
      code: 2,
      stderr: `webcare: ${fifo}: config file is not a regular file (a FIFO, device or socket)\n`,
    });
  });

  it('--out FILE (a file where a directory is expected) names the option and the path', async () => {
    const file = tmp.file('not-a-dir', 'x');
    const r = await cli(['digest', '--week', '2026-W40', '--out', file, '--db', data]);
    expect(r).toMatchObject({ code: 2, stderr: `webcare: --out ${file}: is a file, expected a directory\n` });
    const below = await cli(['digest', '--week', '2026-W40', '--out', `${file}/sub`, '--db', data]);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(new RegExp(`^webcare: --out ${file}/sub: `));
  });

  it('assertRegularFile refuses a directory, a FIFO, a device and a missing path, naming the option', () => {
    const fifo = `${tmp.dir}/archive.fifo`;
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => assertRegularFile(fixture, 'import')).not.toThrow();
    expect(() => assertRegularFile(tmp.dir, 'import')).toThrow(
      new InputError(`import ${tmp.dir}: is a directory, expected a file`),
    );
    expect(() => assertRegularFile(fifo, 'import')).toThrow(
      new InputError(`import ${fifo}: is a FIFO, expected a regular file`),
    );
    expect(() => assertRegularFile('/dev/zero', '--from')).toThrow(/^--from \/dev\/zero: is a character device/);
    expect(() => assertRegularFile(`${tmp.dir}/none.jsonl`)).toThrow(`${tmp.dir}/none.jsonl: file not found`);
  });

  it('assertDirectory refuses a file where a directory is expected, also further up', () => {
    const file = tmp.file('a-file', 'x');
    expect(() => assertDirectory(tmp.dir, '--out')).not.toThrow();
    expect(() => assertDirectory(`${tmp.dir}/new/deeper`, '--out')).not.toThrow();
    expect(() => assertDirectory(file, '--out')).toThrow(
      new UsageError(`--out ${file}: is a file, expected a directory`),
    );
    expect(() => assertDirectory(`${file}/sub`, '--out')).toThrow(
      `--out ${file}/sub: ${file} is a file, not a directory`,
    );
  });
});

describe('environment overrides are blamed on the variable', () => {
  it('WEBCARE_HTTP_PORT=abc', async () => {
    const r = await withEnv({ WEBCARE_HTTP_PORT: 'abc' }, () => cli(['orgs']));
    expect(r).toMatchObject({
      code: 2,
      stderr: 'webcare: WEBCARE_HTTP_PORT: expected a port number from 0 to 65535, got "abc"\n',
    });
  });

  it('a value the schema refuses names the variable, not the config file and its line 1', async () => {
    const config = tmp.file('ok.yaml', 'registry: []\nhttp:\n  port: 9464\n');
    const r = await withEnv({ WEBCARE_HTTP_HOST: '', WEBCARE_HTTP_PORT: '70000' }, () =>
      cli(['--config', config, 'orgs']),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^webcare: WEBCARE_HTTP_PORT: /);
    expect(r.stderr).not.toContain(config);
  });
});

describe('poll --once', () => {
  it('exits 1 when a platform failed, after polling the others, and says which', async () => {
    server.use(http.all(`${X_API}/*`, () => HttpResponse.json({ title: 'Internal Error' }, { status: 500 })));
    const config = tmp.file(
      'poll.yaml',
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { x: GemeenteA } }\n',
    );
    const r = await withEnv({ X_BEARER_TOKEN: 't', WEBCARE_HASH_KEY: 'k' }, () =>
      cli(['poll', '--once', '--config', config, '--db', `${tmp.dir}/poll.db`, '--format', 'json']),
    );
    const rows = JSON.parse(r.stdout) as { platform: string; status: string }[];
    expect(rows.map((x) => x.platform)).toEqual(['x', 'facebook', 'mastodon', 'bluesky']);
    expect(rows[0]!.status).toBe('failed');
    expect(r.stderr).toMatch(/^webcare: poll: 1 of 4 platforms failed: x failed, 1 accounts to retry: .+\n$/);
    expect(r.code).toBe(1);
  });

  it('exits 0 when nothing failed', async () => {
    const config = tmp.file(
      'poll-ok.yaml',
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { x: GemeenteA } }\n',
    );
    const r = await cli(['poll', '--once', '--config', config, '--db', `${tmp.dir}/poll-ok.db`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('usage errors from the argument parser', () => {
  it.each([
    [
      ['stats', '--by', 'month'],
      /^webcare: option '--by <group>' argument 'month' is invalid\..* \(see webcare --help\)\n$/,
    ],
    [['bogus'], /^webcare: unknown command 'bogus' \(see webcare --help\)\n$/],
    [['stats', '--bogus'], /^webcare: unknown option '--bogus' \(see webcare --help\)\n$/],
    // A duration that reaches before any data is a mistake, not an empty period.
    [
      ['stats', '--since', '99999999999d'],
      /^webcare: --since 99999999999d: lies outside 2000-01-01 \.\. 9999-12-31\n$/,
    ],
    [['stats', '--as-of', '1900-01-01'], /^webcare: --as-of 1900-01-01: lies outside 2000-01-01 \.\. 9999-12-31\n$/],
  ])('%j: one line in the house style, exit 2', async (argv, line) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
  });
});

describe('a database written by an older webcare', () => {
  it('gets the migrations it lacks when a query reads it, and the query answers', async () => {
    const old = `${tmp.dir}/older.db`;
    expect((await cli(['migrate', '--db', old])).code).toBe(0);
    // As a webcare from before migration 0007 left it.
    const s = openStore(old);
    const times = ['created_ms', 'response_ms', 'answer_ms', 'redirect_ms', 'community_ms', 'other_org_ms']
      .concat(['horizon_end_ms', 'window_end_ms', 'norm_reach_ms', 'response_business_ms', 'response_in_hours'])
      .concat(['answer_in_norm', 'times_key']);
    rawConnection(s).exec(
      'drop trigger request_weeks_delete; drop trigger request_weeks_update; ' +
        'drop table request_weeks; drop table request_week_sets; ' +
        'drop index requests_times; drop index requests_norm_reach; drop table alert_requests; drop table alert_summaries; ' +
        times.map((c) => `alter table requests drop column ${c}; `).join('') +
        'drop table job_runs; drop table workers; drop table platform_waits; ' +
        'alter table accounts drop column lease_owner; alter table accounts drop column lease_until; ' +
        "drop table privacy; drop index posts_retention; delete from kysely_migration where name >= '0007'",
    );
    await s.close();
    const r = await cli(['stats', '--db', old, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const after = openStore(old, { readonly: true });
    expect(
      rawConnection(after).prepare("select count(*) from kysely_migration where name >= '0007'").pluck().get(),
    ).toBe(Object.keys(MIGRATIONS).filter((n) => n >= '0007').length);
    await after.close();
  });
});
