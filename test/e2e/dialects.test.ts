import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { runDemo, type DemoResult } from '../../src/sim/demo.js';
import { compareTables } from '../../src/storage/copy.js';
import { cli, tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';
import { freshPgDatabase } from '../helpers/pg.js';

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
});
