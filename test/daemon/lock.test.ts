import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, looksLikeWebcare } from '../../src/jobs/lock.js';
import { createLogger } from '../../src/logger.js';
import { tempDir } from '../helpers/cli.js';

const tmp = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  tmp.cleanup();
});

/** A live process with the given command line, killed after the tests. */
async function live(cmd: string, args: string[]): Promise<number> {
  const c = spawn(cmd, args, { stdio: 'ignore' });
  children.push(c);
  await new Promise((resolve, reject) => c.once('spawn', resolve).once('error', reject));
  return c.pid!;
}

/** A logger whose JSON lines the test reads. */
function captured() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

// A stand-in for a running daemon: node with the daemon's command line (`node .../dist/main.js run`).
const webcareLike = () =>
  live(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '/opt/webcare-monitor/dist/main.js', 'run']);

describe('one daemon per database', () => {
  it('refuses when a live webcare process holds the lock, naming its pid', async () => {
    const pid = await webcareLike();
    const db = `${tmp.dir}/a.db`;
    writeFileSync(`${db}.lock`, String(pid));
    expect(() => acquireLock(db)).toThrow(`is in use by another webcare run (pid ${pid})`);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(pid));
  });

  it('takes over a lock left by a dead process, and releases it', () => {
    const db = `${tmp.dir}/b.db`;
    writeFileSync(`${db}.lock`, '2147483646');
    const release = acquireLock(db);
    expect(existsSync(`${db}.lock`)).toBe(true);
    release();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid is alive but not webcare (Linux /proc), saying so in one log line',
    async () => {
      const pid = await live('sleep', ['60']);
      const db = `${tmp.dir}/c.db`;
      writeFileSync(`${db}.lock`, String(pid));
      const { log, lines } = captured();
      const release = acquireLock(db, { log });
      expect(readFileSync(`${db}.lock`, 'utf8')).toBe(String(process.pid));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, holder_pid: pid, cmdline: 'sleep 60' });
      expect(lines[0]!.msg).toBe(
        `${db}.lock: pid ${pid} is alive but is not webcare ("sleep 60"): treating the lock as stale`,
      );
      release();
      expect(existsSync(`${db}.lock`)).toBe(false);
    },
  );

  it('elsewhere than Linux (no /proc) a live pid is trusted, as before', async () => {
    const pid = await live('sleep', ['60']);
    const db = `${tmp.dir}/d.db`;
    writeFileSync(`${db}.lock`, String(pid));
    expect(() => acquireLock(db, { platform: 'darwin' })).toThrow(`(pid ${pid})`);
  });

  it('release never removes a lock another daemon took over meanwhile', () => {
    const db = `${tmp.dir}/e.db`;
    const release = acquireLock(db);
    writeFileSync(`${db}.lock`, '12345');
    release();
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe('12345');
  });

  it.each([
    [['/usr/bin/node', '/opt/webcare-monitor/dist/main.js', 'run'], true],
    [['node', '/usr/local/bin/webcare', 'run'], true],
    [['/usr/bin/node', '/srv/monitor/dist/main.js', '--db', 'x.db', 'run'], true],
    [['node', '--import', 'tsx', 'src/main.ts', 'run'], true],
    [['/opt/webcare', 'run'], true],
    [['sleep', '60'], false],
    [['/usr/bin/node', '/srv/other-app/server.js'], false],
    [['nginx: worker process'], false],
    [['vim', '/var/lib/webcare/webcare.db'], false],
    [[], false],
  ])('looksLikeWebcare(%j) is %s', (argv, expected) => {
    expect(looksLikeWebcare(argv)).toBe(expected);
  });
});
