import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/storage/db.js';
import { openPgStore } from '../../src/storage/pg.js';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';
import { freshPgDatabase } from '../helpers/pg.js';

// #17: `webcare copy --from <sqlite> --to postgres://...` moves a database: every table, batched,
// idempotent (a second run copies nothing and verifies again), and it says so when the copy differs.
const fresh = await freshPgDatabase();
if ('skip' in fresh) console.warn(`pg-copy.test.ts: ${fresh.skip}`);
const url = 'url' in fresh ? fresh.url : '';
const t = testContext(FIXTURE_CONFIG, '2026-11-12T12:00:00Z');
let file = '';

beforeAll(async () => {
  const store = await t.ctx.store();
  await seedFixtureWeek(t.ctx, store);
  file = rawConnection(store).name;
  await t.ctx.destroy(); // the copy reads the file on its own, as a user's process would
});
afterAll(async () => {
  await t.close();
  if ('drop' in fresh) await fresh.drop();
});

const TABLES = ['organisations', 'accounts', 'cursors', 'posts', 'bios', 'poll_runs', 'method_settings', 'requests'];

describe.skipIf('skip' in fresh)('PostgreSQL: webcare copy', () => {
  it('copies every table and verifies counts and checksums; a second run copies nothing', async () => {
    const first = await cli(['copy', '--from', file, '--to', url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^organisations: (\d+) rows, \1 copied now\n/);
    expect(first.stdout).toMatch(/\nrequests: (\d+) rows, \1 copied now\n/);
    expect(first.stdout).toMatch(
      new RegExp(
        `\\nverified: 13 tables equal in ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} .* in \\d+\\.\\d s\\n$`,
      ),
    );
    // The same rows, read independently on both sides.
    const lite = (await import('better-sqlite3')).default;
    const source = new lite(file, { readonly: true });
    const pg = await openPgStore(url);
    try {
      for (const table of TABLES) {
        const n = source.prepare(`select count(*) from ${table}`).pluck().get() as number;
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(pg.db);
        expect([table, rows[0]!.n]).toEqual([table, n]);
      }
      expect((source.prepare('select count(*) from requests').pluck().get() as number) > 5).toBe(true);
      const want = source
        .prepare('select post_id, org_id, outcome, response_ms, score from requests order by platform, post_id, org_id')
        .all();
      const got = await pg.db
        .selectFrom('requests')
        .select(['post_id', 'org_id', 'outcome', 'response_ms', 'score'])
        .orderBy('platform')
        .orderBy('post_id')
        .orderBy('org_id')
        .execute();
      expect(got).toEqual(want);
      // Identity columns go on after the copied ids.
      const maxId = source.prepare('select max(id) from accounts').pluck().get() as number;
      const added = await pg.db
        .insertInto('accounts')
        .values({ org_id: 'utrecht', platform: 'bluesky', handle: 'new.example', created_at: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(added.id).toBe(maxId + 1);
      await pg.db.deleteFrom('accounts').where('id', '=', added.id).execute();
    } finally {
      source.close();
      await pg.close();
    }
    const again = await cli(['copy', '--from', file, '--to', url]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\nposts: \d+ rows, 0 copied now\n/);
    expect(again.stdout).toContain('verified: 13 tables equal');
  });

  it('the reports give the same output on the copy as on the SQLite file, for every grouping and format', async () => {
    const now = '2026-11-12T12:00:00Z';
    const config = t.tmp.file('webcare.yaml', FIXTURE_CONFIG);
    let compared = 0;
    for (const args of [
      ['stats'],
      ['stats', '--by', 'org'],
      ['stats', '--by', 'platform'],
      ['stats', '--by', 'province'],
      ['stats', '--by', 'week'],
      ['stats', '--by', 'hour'],
      ['stats', '--since', '7d', '--format', 'json'],
      ['stats', '--as-of', '2026-11-05T12:00:00Z', '--by', 'org', '--format', 'csv'],
      ['stats', '--org', 'utrecht', '--format', 'json'],
      ['stats', '--platform', 'x', '--province', 'Utrecht', '--by', 'org'],
      ['stats', '--until', '2026-11-06', '--format', 'csv', '--csv-excel'],
      ['top'],
      ['top', '--worst', '--metric', 'response_rate', '--format', 'json'],
      ['requests'],
      ['requests', '--outcome', 'unanswered', '--format', 'json'],
      ['requests', '--org', 'zwolle', '--limit', '3', '--format', 'csv'],
      ['bios'],
      ['bios', '--format', 'json'],
      ['orgs', '--with-accounts'],
      ['export', '--what', 'requests', '--format', 'csv'],
      ['export', '--what', 'orgs', '--format', 'json'],
      ['export', '--what', 'bios', '--format', 'csv'],
    ]) {
      const lite = await cli([...args, '--db', file, '--config', config], '', now);
      const pg = await cli([...args, '--db', url, '--config', config], '', now);
      expect(lite.code, `${args.join(' ')}: ${lite.stderr}`).toBe(0);
      expect([args, pg.code, pg.stdout, pg.stderr]).toEqual([args, 0, lite.stdout, lite.stderr]);
      compared += lite.stdout.split('\n').length;
    }
    expect(compared).toBeGreaterThan(150); // the outputs compared are not empty
    // The weekly digest, every format, file for file.
    for (const [db, dir] of [
      [file, 'lite'],
      [url, 'pg'],
    ] as const) {
      const out = `${t.tmp.dir}/${dir}`;
      mkdirSync(out);
      const r = await cli(['digest', '--db', db, '--config', config, '--week', '2026-W45', '--out', out], '', now);
      expect(r.code, r.stderr).toBe(0);
    }
    const files = readdirSync(`${t.tmp.dir}/lite`).sort();
    expect(files).toEqual(['2026-W45.csv', '2026-W45.html', '2026-W45.json', '2026-W45.md']);
    for (const f of files)
      expect(readFileSync(`${t.tmp.dir}/pg/${f}`, 'utf8'), f).toBe(readFileSync(`${t.tmp.dir}/lite/${f}`, 'utf8'));
    // The one command not there: one line, exit 2.
    const console = await cli(['sql', 'select count(*) from requests', '--db', url, '--config', config], '', now);
    expect(console.code).toBe(2);
    expect(console.stderr).toContain('`webcare sql` needs a SQLite file');
  });

  it('says which table differs when the copy is not the same (exit 1)', async () => {
    const pg = await openPgStore(url);
    await sql`update requests set score = score + 0.5 where post_id = (select min(post_id) from requests)`.execute(
      pg.db,
    );
    await pg.close();
    const r = await cli(['copy', '--from', file, '--to', url.replace('postgres@', 'postgres:s3cret@')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^webcare: requests: the copy differs \(\d+ rows in .*, \d+ in postgres:\/\/postgres:\*\*\*@.*, same count, other content\)\n$/,
    );
    const json = await cli(['copy', '--from', file, '--to', url, '--format', 'json']);
    const checks = (JSON.parse(json.stdout) as { checks: { table: string; source: unknown; target: unknown }[] })
      .checks;
    expect(checks.filter((c) => JSON.stringify(c.source) !== JSON.stringify(c.target)).map((c) => c.table)).toEqual([
      'requests',
    ]);
  });

  it('refuses what it cannot copy, in one line (exit 2)', async () => {
    expect(await cli(['copy', '--from', file, '--to', `${file}.copy`])).toMatchObject({
      code: 2,
      stderr: `webcare: --to ${file}.copy: expected a postgres:// URL\n`,
    });
    expect((await cli(['copy', '--from', url, '--to', url])).code).toBe(2);
    expect((await cli(['copy', '--from', file, '--to', url, '--format', 'xml'])).code).toBe(2);
  });
});
