import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { exited, spawnWebcare, waitForLog } from '../helpers/spawn.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('webcare run (as a process)', () => {
  it('starts without credentials, serves /healthz and /metrics, refuses a second daemon, and exits 0 on SIGTERM', async () => {
    const db = `${tmp.dir}/run.db`;
    const config = tmp.file('run.yaml', 'http:\n  port: 0\n');
    const daemon = spawnWebcare(['run', '--config', config, '--db', db]);
    const started = await waitForLog(daemon, 'webcare run started');
    const port = started.port as number;
    expect(port).toBeGreaterThan(0);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', last_successful_poll: { x: null } });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^webcare_process_/m);
    expect(metrics).toContain('# TYPE webcare_polls_total counter');

    const second = spawnWebcare(['run', '--config', config, '--db', db]);
    let err = '';
    second.stderr!.on('data', (d) => (err += d));
    expect(await exited(second)).toBe(2);
    expect(err).toContain(`is in use by another webcare run (pid ${daemon.pid})`);

    const t0 = Date.now();
    daemon.kill('SIGTERM');
    expect(await exited(daemon)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('logs each platform without credentials as skipped', async () => {
    const daemon = spawnWebcare([
      'run',
      '--config',
      tmp.file('skip.yaml', 'http:\n  port: 0\n'),
      '--db',
      `${tmp.dir}/skip.db`,
    ]);
    const skipped = await waitForLog(daemon, 'platform skipped');
    expect(skipped).toMatchObject({ platform: 'x', reason: 'no bearer token (set X_BEARER_TOKEN)' });
    daemon.kill('SIGINT');
    expect(await exited(daemon)).toBe(0);
  });

  it('an invalid cron expression fails at start with exit 2 naming the key', async () => {
    const daemon = spawnWebcare([
      'run',
      '--config',
      tmp.file('bad.yaml', 'schedules:\n  upkeep: "99 * * * *"\n'),
      '--db',
      `${tmp.dir}/bad.db`,
    ]);
    let err = '';
    daemon.stderr!.on('data', (d) => (err += d));
    expect(await exited(daemon)).toBe(2);
    expect(err).toContain('schedules.upkeep: not a valid cron expression');
  });
});
