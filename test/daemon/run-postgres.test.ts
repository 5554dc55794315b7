import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Daemon } from '../../src/jobs/daemon.js';
import { HOUR_MS } from '../../src/model/index.js';
import { digestJob } from '../../src/reports/digest-job.js';
import { demoConfig } from '../../src/sim/demo.js';
import { openPgStore } from '../../src/storage/pg.js';
import { cli, tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { simulatedContext } from '../helpers/sim-context.js';
import { exited, spawnWebcare, waitForLog } from '../helpers/spawn.js';

// #17: `webcare run --db postgres://...`: the daemon end to end on the simulator, and two daemon
// processes on one database side by side (no lock between them: they are workers).
const fresh = await freshPgDatabase();
if ('skip' in fresh) console.warn(`run-postgres.test.ts: ${fresh.skip}`);
const url = 'url' in fresh ? fresh.url : '';
const tmp = tempDir();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  if ('drop' in fresh) await fresh.drop();
  tmp.cleanup();
});

describe.skipIf('skip' in fresh)('webcare run on PostgreSQL', () => {
  it('polls the simulated world, stores its requests, and names the worker in /healthz and /metrics', async () => {
    const start = Date.parse('2026-11-02T06:00:00Z');
    let config = '';
    const { clock, sim, ctx } = simulatedContext({
      orgs: 15,
      seed: 3,
      start: new Date(start).toISOString(),
      days: 2,
      db: url,
      config: (world) =>
        (config = tmp.file('sim.yaml', `${demoConfig(world, largestGemeenten(15), 7, 3)}http:\n  port: 0\n`)),
    });
    const daemon = new Daemon(ctx, undefined, { digest: digestJob }, undefined, { worker: 'sim-1' });
    try {
      await daemon.start();
      for (let h = 0; h <= 48; h += 2) {
        clock.t = new Date(start + h * HOUR_MS);
        const results = await daemon.poll('cron');
        expect(results.filter((r) => r.status === 'failed')).toEqual([]);
      }
      sim.close(); // the simulator's interception would take the requests to the daemon's port too
      const health = await fetch(`http://127.0.0.1:${daemon.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', worker: 'sim-1', database: 'ok' });
      const metrics = await (await fetch(`http://127.0.0.1:${daemon.port}/metrics`)).text();
      expect(metrics).toMatch(/^webcare_posts_stored_total\{platform="x",worker="sim-1"\} [1-9]\d*$/m);
    } finally {
      await daemon.stop(100);
      sim.close();
    }
    // What it stored reads back through the reports, on the same database.
    const stats = await cli(
      ['stats', '--config', config, '--db', url, '--format', 'json'],
      '',
      new Date(start + 48 * HOUR_MS).toISOString(),
    );
    expect(stats.stderr).toBe('');
    const national = JSON.parse(stats.stdout) as { groups: { requests: number }[] };
    expect(national.groups[0]!.requests).toBeGreaterThan(20);
    const pg = await openPgStore(url);
    try {
      expect(await pg.db.selectFrom('workers').select(['name', 'stopped_at']).execute()).toEqual([
        { name: 'sim-1', stopped_at: new Date(start + 48 * HOUR_MS).toISOString() },
      ]);
    } finally {
      await pg.close();
    }
  });

  it('runs as two processes on one database, each a worker, and both stop on SIGTERM', async () => {
    // A database of its own: the first test's was written with the simulated world's hash key.
    const own = await freshPgDatabase();
    if (!('url' in own)) throw new Error(own.skip);
    cleanups.push(() => own.drop());
    const url = own.url;
    const config = tmp.file('two.yaml', 'http:\n  port: 0\n');
    // Without a key, a worker on PostgreSQL refuses to start: there is no file of its own to keep one in.
    const keyless = spawnWebcare(['run', '--config', config, '--db', url], { WEBCARE_HASH_KEY: '' });
    let refused = '';
    keyless.stderr!.on('data', (d) => (refused += d));
    expect(await exited(keyless)).toBe(2);
    expect(refused).toContain('privacy.hash_key: on PostgreSQL set the key that hashes citizen ids (WEBCARE_HASH_KEY');
    const key = { WEBCARE_HASH_KEY: 'shared-by-every-worker' };
    // A password in the URL (trust auth takes any) never reaches the log.
    const withPassword = url.replace('postgres@', 'postgres:s3cret@');
    const a = spawnWebcare(['run', '--config', config, '--db', withPassword, '--worker', 'one'], key);
    let logA = '';
    a.stderr!.on('data', (d) => (logA += d));
    const b = spawnWebcare(['run', '--config', config, '--db', url], { ...key, WEBCARE_WORKER: 'two' });
    const [sa, sb] = await Promise.all([waitForLog(a, 'webcare run started'), waitForLog(b, 'webcare run started')]);
    for (const [s, name] of [
      [sa, 'one'],
      [sb, 'two'],
    ] as const) {
      const health = await fetch(`http://127.0.0.1:${s.port as number}/healthz`);
      expect(await health.json()).toMatchObject({ worker: name, database: 'ok' });
    }
    expect(sa.db).toBe(url.replace('postgres@', 'postgres:***@'));
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    expect(await exited(a)).toBe(0);
    expect(await exited(b)).toBe(0);
    expect(logA).toContain('webcare run stopped');
    expect(logA).not.toContain('s3cret');
    const pg = await openPgStore(url);
    try {
      const rows = await pg.db
        .selectFrom('workers')
        .select(['name', 'stopped_at'])
        .where('name', 'in', ['one', 'two'])
        .orderBy('name')
        .execute();
      expect(rows.map((r) => [r.name, r.stopped_at !== null])).toEqual([
        ['one', true],
        ['two', true],
      ]);
    } finally {
      await pg.close();
    }
  });

  it('webcare serve shows the dashboard of a PostgreSQL database, never printing its password', async () => {
    const withPassword = url.replace('postgres@', 'postgres:s3cret@'); // trust auth: any password does
    const serve = spawnWebcare(['serve', '--db', withPassword, '--port', '0'], { WEBCARE_HASH_KEY: 'unused' });
    let out = '';
    serve.stdout!.on('data', (d) => (out += d));
    while (!out.includes('Ctrl-C')) {
      if (serve.exitCode !== null) throw new Error(`serve exited ${serve.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(out).toContain('read-only: postgres://postgres:***@');
    expect(out).not.toContain('s3cret');
    const port = Number(/127\.0\.0\.1:(\d+)\//.exec(out)![1]);
    const api = await fetch(`http://127.0.0.1:${port}/api/v1/organisations?since=2026-11-01&until=2026-11-05`);
    expect(api.status).toBe(200);
    const orgs = (await api.json()) as { organisations: { requests: number }[] };
    expect(orgs.organisations.reduce((n, g) => n + g.requests, 0)).toBeGreaterThan(20);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    serve.kill('SIGTERM');
    expect(await exited(serve)).toBe(0);
  });

  it('webcare demo runs the simulated world into an empty PostgreSQL database, and refuses one with posts', async () => {
    const own = await freshPgDatabase();
    if (!('url' in own)) throw new Error(own.skip);
    cleanups.push(() => own.drop());
    const orgs = largestGemeenten(12)
      .map((o) => `  - { id: ${o.id}, name: "${o.name}", cbs: ${o.cbs}, population: ${o.population} }`)
      .join('\n');
    const config = tmp.file('demo-orgs.yaml', `registry: []\norganisations:\n${orgs}\n`);
    const out = `${tmp.dir}/demo-digests`;
    const args = ['demo', '--config', config, '--db', own.url, '--days', '14', '--quiet', '--out', out];
    const first = await cli(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\n {2}requests [1-9]\d*, responded /);
    expect(first.stdout).toContain(`npx webcare stats --db ${own.url} --config`);
    const configFile = `${tmp.dir}/demo-config.yaml`; // beside the digests
    const written = readFileSync(configFile, 'utf8');
    const again = await cli([...args, '--seed', '9']); // another seed would write another hash key
    // Refused before it writes anything: the first demo's config (its hash key) stays.
    expect(readFileSync(configFile, 'utf8')).toBe(written);
    expect([again.code, again.stderr]).toEqual([
      2,
      `webcare: ${own.url}: the demo writes a database of its own: give an empty one\n`,
    ]);
  });
});
