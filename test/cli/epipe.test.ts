import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietOnEpipe } from '../../src/cli/command.js';
import { cli, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/spawn.js';
import { twarcLines } from '../helpers/twarc-gen.js';

// Issue #19 item 8: `webcare export | head -1` ends quietly with 0 instead of crashing with "write EPIPE".
const tmp = tempDir();
const db = `${tmp.dir}/w.db`;
beforeAll(async () => {
  const archive = tmp.file('archive.jsonl', twarcLines(3000).join('\n') + '\n');
  const r = await cli(['import', '--from', 'twarc', archive, '--account', 'x:GemTest', '--db', db]);
  expect(r.code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

/** Runs webcare with stdout piped into a reader that closes the pipe after the first chunk (`| head -1`). */
function intoEarlyCloser(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let read = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d: Buffer) => {
      read = d.length;
      child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, read });
    });
  });
}

describe('a reader that closes the pipe early', () => {
  it.each([
    ['export', ['export', '--what', 'requests', '--format', 'json']],
    ['requests', ['requests', '--limit', '5000', '--format', 'csv']],
    ['sql', ['sql', 'select * from posts']],
  ])('%s ends quietly with exit 0', async (_name, args) => {
    const r = await intoEarlyCloser([...args, '--db', db]);
    expect(r.read).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, signal: null });
  });
});

describe('quietOnEpipe', () => {
  it('turns EPIPE into a call, and lets other write errors through', () => {
    const stream = new EventEmitter();
    let closed = 0;
    quietOnEpipe(stream, () => closed++);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(closed).toBe(1);
    expect(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
  });
});
