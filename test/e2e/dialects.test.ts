import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { runDemo, type DemoResult } from '../../src/sim/demo.js';
import { compareTables } from '../../src/storage/copy.js';
import { cli, tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { openStore } from '../../src/storage/db.js';
import { openPgStore } from '../../src/storage/pg.js';
import { twarcLines } from '../helpers/twarc-gen.js';

// #17: the pipeline on both dialects. The same simulated world is polled into a SQLite file and
// into a PostgreSQL database, with the daemon's own poll tick, bios, daily upkeep and digest: every
// table must hold the same rows (count and SHA-256, as `webcare copy` verifies), and the reports
// must print the same. The world test (world.test.ts) holds the SQLite side to the world's truth.
const fresh = await freshPgDatabase();
if ('skip' in fresh) console.warn(`dialects.test.ts: ${fresh.skip}`);
const tmp = tempDir();
let lite: DemoResult;
let pg: DemoResult;

beforeAll(async () => {
  if (!('url' in fresh)) return;
  const common = {
    organisations: largestGemeenten(20),
    seed: 11,
    days: 14,
    start: new Date('2026-10-25T23:00:00Z'),
    tickHours: 4,
    windowDays: 7,
    logger: createLogger({ level: 'silent' }),
  };
  lite = await runDemo({ ...common, db: `${tmp.dir}/lite/w.db` });
  pg = await runDemo({ ...common, db: fresh.url, configDir: `${tmp.dir}/pg` });
}, 180_000);
afterAll(async () => {
  await lite?.ctx.destroy();
  await pg?.ctx.destroy();
  if ('drop' in fresh) await fresh.drop();
  tmp.cleanup();
});

describe.skipIf('skip' in fresh)('the pipeline on SQLite and on PostgreSQL', () => {
  it('stores the same rows in every table from the same world', async () => {
    const checks = await compareTables(lite.store, pg.store.db);
    const requests = checks.find((c) => c.table === 'requests')!;
    expect(requests.source.rows).toBeGreaterThan(200);
    expect(checks.find((c) => c.table === 'bios')!.source.rows).toBeGreaterThan(20);
    for (const c of checks) expect([c.table, c.target]).toEqual([c.table, c.source]);
  });

  it('writes the same digest and prints the same reports', async () => {
    expect(JSON.stringify(pg.digest)).toBe(JSON.stringify(lite.digest));
    expect(pg.digest?.national.requests).toBeGreaterThan(0);
    const now = new Date(lite.world.end).toISOString();
    for (const args of [
      ['stats', '--by', 'org', '--format', 'json'],
      ['requests', '--format', 'csv', '--limit', '1000'],
      ['top', '--format', 'json'],
    ]) {
      const a = await cli([...args, '--config', `${tmp.dir}/lite/demo-config.yaml`, '--db', lite.store.path], '', now);
      const b = await cli([...args, '--config', `${tmp.dir}/pg/demo-config.yaml`, '--db', pg.store.path], '', now);
      expect(a.code, a.stderr).toBe(0);
      expect(b.stderr).toBe('');
      expect([args.join(' '), b.stdout]).toEqual([args.join(' '), a.stdout]);
    }
  });

  it('serves the same dashboard pages and API answers', async () => {
    const { buildDashboard } = await import('../../src/web/app.js');
    const clock = { now: () => new Date(lite.world.end) };
    const logger = createLogger({ level: 'silent' });
    const apps = await Promise.all(
      [lite, pg].map((run) => buildDashboard({ settings: run.ctx.settings, store: run.store, clock, logger })),
    );
    try {
      const org = lite.world.accounts[0]!.orgId;
      for (const url of [
        '/',
        '/?lang=en',
        `/gemeente/${org}`,
        '/api/v1/national',
        '/api/v1/organisations?format=csv',
        `/api/v1/requests?org=${org}`,
        '/api/v1/bios',
      ]) {
        const [a, b] = await Promise.all(apps.map((app) => app.inject({ method: 'GET', url })));
        expect(a!.statusCode, url).toBe(200);
        // The pages carry a fresh CSP nonce per answer: the same page but for it.
        const body = (r: typeof a) => r!.body.replace(/nonce-[A-Za-z0-9+/=_-]+|nonce="[^"]+"/g, 'nonce');
        expect([url, b!.statusCode, body(b)]).toEqual([url, 200, body(a)]);
      }
    } finally {
      for (const app of apps) await app.close();
    }
  });

  it('imports the same archive into the same rows, and a second import changes nothing', async () => {
    const own = await freshPgDatabase();
    if (!('url' in own)) throw new Error(own.skip);
    try {
      const archive = tmp.file('archive.jsonl', twarcLines(3000).join('\n') + '\n');
      const config = tmp.file('import.yaml', 'privacy:\n  hash_key: the-same-key-on-both\n');
      const args = ['import', '--from', 'twarc', archive, '--account', 'x:GemTest', '--format', 'json', '--quiet'];
      args.push('--config', config);
      const now = '2026-11-20T12:00:00.000Z';
      const a = await cli([...args, '--db', `${tmp.dir}/imported.db`], '', now);
      const b = await cli([...args, '--db', own.url], '', now);
      expect(a.code, a.stderr).toBe(0);
      expect(b.stderr).toBe('');
      expect(b.stdout).toBe(a.stdout);
      expect(JSON.parse(b.stdout)).toMatchObject({ requests: expect.any(Number) as number });
      expect((JSON.parse(b.stdout) as { requests: number }).requests).toBeGreaterThan(100);
      const again = await cli([...args, '--db', own.url], '', now);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ posts: 0, requests: 0 });
      const lite = openStore(`${tmp.dir}/imported.db`, { readonly: true });
      const pgStore = await openPgStore(own.url);
      try {
        const checks = await compareTables(lite, pgStore.db);
        for (const c of checks) expect([c.table, c.target]).toEqual([c.table, c.source]);
      } finally {
        await lite.close();
        await pgStore.close();
      }
      const stats = ['stats', '--by', 'org', '--format', 'csv', '--config', config];
      const sa = await cli([...stats, '--db', `${tmp.dir}/imported.db`], '', now);
      const sb = await cli([...stats, '--db', own.url], '', now);
      expect(sa.code, sa.stderr).toBe(0);
      expect(sb.stdout).toBe(sa.stdout);
    } finally {
      await own.drop();
    }
  });

  it('the dashboard on PostgreSQL keeps its figures until another connection writes (migration 0015)', async () => {
    const { buildDashboard } = await import('../../src/web/app.js');
    const clock = { now: () => new Date(lite.world.end) };
    const app = await buildDashboard({
      settings: pg.ctx.settings,
      store: pg.store,
      clock,
      logger: createLogger({ level: 'silent' }),
    });
    const other = await openPgStore(pg.store.path);
    try {
      const national = async () =>
        (
          JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/national' })).body) as {
            groups: { requests: number }[];
          }
        ).groups[0]!.requests;
      const before = await national();
      expect(before).toBeGreaterThan(0);
      expect(await national()).toBe(before);
      const org = lite.world.accounts[0]!.orgId;
      const gone = await other.db.deleteFrom('requests').where('org_id', '=', org).executeTakeFirst();
      expect(Number(gone.numDeletedRows)).toBeGreaterThan(0);
      expect(await national()).toBe(before - Number(gone.numDeletedRows));
    } finally {
      await other.close();
      await app.close();
    }
  });
});
