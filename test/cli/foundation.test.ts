import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { cli, tempDir } from '../helpers/cli.js';
import { openStore, rawConnection } from '../../src/storage/db.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('webcare migrate', () => {
  it('creates the schema, and a second run is a no-op', async () => {
    const db = `${tmp.dir}/sub/w.db`;
    const first = await cli(['migrate', '--db', db]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('applied 0001-initial');
    expect(existsSync(db)).toBe(true);
    const second = await cli(['migrate', '--db', db]);
    expect(second.stdout).toContain('up to date');
    const store = openStore(db, { readonly: true });
    const tables = rawConnection(store)
      .prepare(
        "select name from sqlite_master where type='table' and name not like 'kysely%' and name not like 'sqlite%' order by name",
      )
      .pluck()
      .all();
    await store.close();
    expect(tables).toEqual([
      'accounts',
      'alert_requests',
      'alert_summaries',
      'bios',
      'cursors',
      'job_runs',
      'method_settings',
      'organisations',
      'platform_waits',
      'poll_runs',
      'post_aliases',
      'posts',
      'privacy',
      'request_week_sets',
      'request_weeks',
      'requests',
      'workers',
    ]);
  });
});

describe('opening the database for a query', () => {
  it('tells a missing database (exit 2) from a file that is not one (exit 1)', async () => {
    const missing = await cli(['stats', '--db', `${tmp.dir}/none.db`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.db: no database yet/);
    const garbage = tmp.file('garbage.db', 'this is not a database, just text\n'.repeat(200));
    const bad = await cli(['stats', '--db', garbage]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/garbage\.db: cannot read the database: file is not a database/);
  });
});

describe('webcare orgs', () => {
  it('prints 342 organisations with unique CBS codes as JSON', async () => {
    const r = await cli(['orgs', '--format', 'json']);
    expect(r.code).toBe(0);
    const orgs = JSON.parse(r.stdout) as { cbs: string; accounts: Record<string, string[]> }[];
    expect(orgs).toHaveLength(342);
    expect(new Set(orgs.map((o) => o.cbs)).size).toBe(342);
    expect(orgs.find((o) => o.cbs === 'GM0363')!.accounts).toEqual({ x: ['AmsterdamNL'] });
  });

  it('prints CSV with a header and a table', async () => {
    const csv = await cli(['orgs', '--format', 'csv', '--province', 'Zeeland']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,name,cbs,province,population,accounts');
    expect(lines).toHaveLength(14); // 13 gemeenten in Zeeland
    const table = await cli(['orgs', '--with-accounts']);
    expect(table.stdout.trim().split('\n')).toHaveLength(17);
    expect(table.stdout).toMatch(/^amsterdam\s+Amsterdam\s+GM0363\s+Noord-Holland\s+942504\s+x:AmsterdamNL$/m);
  });

  it('refuses an unknown format with exit 2', async () => {
    const r = await cli(['orgs', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid");
  });
});

describe('webcare config', () => {
  it('--dump never shows a secret', async () => {
    const prev = { ...process.env };
    process.env.X_BEARER_TOKEN = 's3cr3t';
    process.env.WEBCARE_HASH_KEY = 'k3y-s3cr3t';
    process.env.BLUESKY_APP_PASSWORD = 'pw-s3cr3t';
    try {
      const r = await cli(['config', '--dump']);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('s3cr3t');
      expect(r.stdout).toContain('bearer_token: <redacted>');
      expect(r.stdout).toContain('hash_key: <redacted>');
      expect(r.stdout).toContain('app_password: <redacted>');
    } finally {
      process.env = prev;
    }
  });

  it('a config with an unknown platform exits 2 naming the key, in one line', async () => {
    const file = tmp.file(
      'bad.yaml',
      'organisations:\n  - id: utrecht\n    name: Utrecht\n    accounts:\n      myspace: utrecht\n',
    );
    const r = await cli(['--config', file, 'orgs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `webcare: ${file}: organisations[0].accounts.myspace: unknown platform (expected x, facebook, mastodon, bluesky) (line 5)\n`,
    );
  });
});

describe('usage errors', () => {
  it('an unknown command exits 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
  it('--help exits 0 and lists the commands', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('migrate');
  });
});
