import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setHttpFallback, startHttp } from '../../src/jobs/http.js';
import { DaemonMetrics } from '../../src/jobs/metrics.js';
import { dashboardHandler } from '../../src/web/handler.js';
import { cli, tempDir } from '../helpers/cli.js';
import { FIXTURE_CONFIG } from '../helpers/fixture-week.js';
import { exited, spawnWebcare, waitForLog } from '../helpers/spawn.js';
import { fixtureDb, type FixtureDb } from './fixture.js';

let fx: FixtureDb;
const tmp = tempDir();
beforeAll(async () => {
  fx = await fixtureDb();
});
afterAll(async () => {
  setHttpFallback(undefined);
  await fx?.close();
  tmp.cleanup();
});

describe('the dashboard beside /healthz and /metrics (webcare run, http.dashboard: true)', () => {
  it('the daemon server answers its own paths and hands every other one to the dashboard', async () => {
    const { ctx } = await fx.app();
    const store = await ctx.store({ readonly: true });
    const dash = await dashboardHandler({
      settings: ctx.settings,
      store,
      clock: ctx.clock,
      logger: ctx.logger,
      token: 'a-token-of-twenty-chars',
    });
    const health = async () => ({ status: 'ok' as const, httpStatus: 200 as const, body: { status: 'ok' } });
    const http = await startHttp('127.0.0.1', 0, new DaemonMetrics(), health);
    const base = `http://127.0.0.1:${http.port}`;
    const auth = { authorization: 'Bearer a-token-of-twenty-chars' };
    try {
      expect((await fetch(`${base}/`)).status).toBe(404); // no dashboard handed in yet
      setHttpFallback(dash.handler);
      expect((await fetch(`${base}/healthz`)).status).toBe(200); // ops probes need no token
      expect((await fetch(`${base}/`)).status).toBe(401);
      const page = await fetch(`${base}/gemeente/utrecht`, { headers: auth });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await page.text()).toContain('<h1>Utrecht</h1>');
      expect((await fetch(`${base}/api/v1/national`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${base}/`, { method: 'POST', headers: auth })).status).toBe(405);
      setHttpFallback(undefined);
      expect((await fetch(`${base}/`, { headers: auth })).status).toBe(404);
    } finally {
      setHttpFallback(undefined);
      await http.close(1000);
      await dash.close();
    }
  });

  it('webcare run refuses http.dashboard on a non-loopback http.host without http.token (exit 2)', async () => {
    const config = tmp.file('open.yaml', `${FIXTURE_CONFIG}\nhttp: { host: 0.0.0.0, port: 0, dashboard: true }\n`);
    const r = await cli(['run', '--config', config, '--db', `${tmp.dir}/open.db`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^webcare: http\.dashboard on http\.host 0\.0\.0\.0 would listen .*set http\.token/);
  });

  it('webcare run serves the pages from its own port and stops on SIGTERM', async () => {
    const config = tmp.file('run.yaml', `${FIXTURE_CONFIG}\nhttp: { port: 0, dashboard: true }\n`);
    const child = spawnWebcare(['run', '--config', config, '--db', `${tmp.dir}/run.db`], {
      WEBCARE_HASH_KEY: 'test-key',
    });
    try {
      const started = await waitForLog(child, 'webcare run started');
      await waitForLog(child, 'dashboard served beside /healthz and /metrics');
      const base = `http://127.0.0.1:${started.port as number}`;
      expect((await fetch(`${base}/healthz`)).status).toBeLessThan(600);
      const page = await fetch(`${base}/?lang=en`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="en">');
      expect((await fetch(`${base}/gemeente/ede`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  }, 60_000);
});
