import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { exited, spawnWebcare, waitForLog } from '../helpers/spawn.js';

// Red-team faults of issue #19 against the real process (`webcare run` through tsx), loopback only.
const tmp = tempDir();
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});

function start(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawnWebcare(args);
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return { child, stderr: () => err };
}

/** The exit code, or 'still running after N ms' (the child is then killed). */
async function exitWithin(child: ChildProcess, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([
    exited(child),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`still running after ${ms} ms`), ms))),
  ]);
  clearTimeout(timer);
  if (typeof r === 'string' && r.startsWith('still running')) child.kill('SIGKILL');
  return r;
}

async function raw(port: number, send?: string): Promise<Socket> {
  const s = connect(port, '127.0.0.1');
  sockets.push(s);
  s.on('error', () => undefined);
  s.on('data', () => undefined);
  await new Promise((r) => s.once('connect', r));
  if (send) s.write(send);
  return s;
}

describe('webcare run: red-team faults (issue #19)', () => {
  it('a port already in use: exits 2 at once with one line naming http.port, holding no lock and no database', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const db = `${tmp.dir}/other.db`;
      const config = tmp.file('busy.yaml', `http:\n  port: ${port}\n`);
      const { child, stderr } = start(['run', '--config', config, '--db', db]);
      expect(await exitWithin(child, 15_000)).toBe(2);
      const plain = stderr()
        .split('\n')
        .filter((l) => l && !l.startsWith('{'));
      expect(plain).toEqual([`webcare: http.port ${port}: address already in use`]);
      expect(stderr()).not.toContain('webcare run started');
      expect(existsSync(`${db}.lock`)).toBe(false);
      expect(existsSync(db)).toBe(false); // the port is bound before the database is opened
    } finally {
      await new Promise<void>((r) => busy.close(() => r()));
    }
  });

  it('SIGTERM with idle keep-alive and half-open connections open exits 0 within seconds, lock released', async () => {
    const config = tmp.file('conn.yaml', 'http:\n  port: 0\n');
    const { child } = start(['run', '--config', config, '--db', `${tmp.dir}/conn.db`]);
    const port = (await waitForLog(child, 'webcare run started')).port as number;

    const idle = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((r) => idle.once('data', r));
    await raw(port); // connected, sent nothing
    await raw(port, 'GET /metrics HTTP/1.1\r\nHost: x\r\n'); // headers never finished
    await new Promise((r) => setTimeout(r, 200));

    const t0 = Date.now();
    child.kill('SIGTERM');
    expect(await exitWithin(child, 8_000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(existsSync(`${tmp.dir}/conn.db.lock`)).toBe(false);
  });
});
