import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import type { Io } from '../../src/cli/command.js';
import { clockTime, progress } from '../../src/cli/progress.js';
import { tempDir } from '../helpers/cli.js';
import { twarcLines } from '../helpers/twarc-gen.js';

/** An io whose stderr is (or is not) a terminal; `written` collects every write to stderr. */
function fakeIo(errIsTTY: boolean): Io & { written: string[]; stdout: string } {
  const io = {
    written: [] as string[],
    stdout: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void io.written.push(t),
    stdin: Readable.from(['']),
    isTTY: false,
    errIsTTY,
  };
  return io;
}

/** A clock the test moves by hand, in milliseconds. */
function handClock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

describe('progress reporter', () => {
  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [
      [false, false],
      [false, true],
      [true, true],
    ] as const) {
      const io = fakeIo(tty);
      const clock = handClock();
      const p = progress(io, 'import', { unit: 'posts', total: 100, quiet, now: clock.now });
      for (let i = 1; i <= 100; i++) {
        clock.t += 1000;
        p.tick(i);
      }
      p.done();
      expect(io.written).toEqual([]);
    }
  });

  it('also writes nothing with an io that does not say (tests, embedders)', () => {
    const io = fakeIo(true);
    delete (io as Partial<Io>).errIsTTY;
    const p = progress(io, 'x', { unit: 'posts' });
    p.tick(1);
    p.done();
    expect(io.written).toEqual([]);
  });

  it('redraws at most every 200 ms (5 a second), however often it is ticked', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'reclassify', { unit: 'threads', now: clock.now });
    for (let i = 1; i <= 100; i++) {
      clock.t += 20; // 100 ticks over 2 s
      p.tick(i * 200);
    }
    expect(io.written.length).toBeGreaterThanOrEqual(9);
    expect(io.written.length).toBeLessThanOrEqual(11);
    expect(io.written.every((w) => w.startsWith('\r') && !w.includes('\n'))).toBe(true);
  });

  it('shows the count with thousands separators, the rate, the percentage and the ETA', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'demo', { unit: 'posts', total: 300_000, now: clock.now });
    clock.t = 10_000;
    p.tick(120_000);
    // 12,000 a second; 40% done in 10 s, so 15 s to go.
    expect(io.written.at(-1)).toBe('\rdemo: 120,000 of 300,000 posts · 12,000 posts/s · 40% · ETA 0:15');
  });

  it('takes the fraction done from elsewhere (import: bytes read) and has no total count then', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'import', { unit: 'posts', now: clock.now });
    clock.t = 4_000;
    p.tick(33_600, { fraction: 0.25 });
    expect(io.written.at(-1)).toBe('\rimport: 33,600 posts · 8,400 posts/s · 25% · ETA 0:12');
  });

  it('follows the pace of the last few seconds, not the average over the whole run', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'import', { unit: 'posts', total: 100_000, now: clock.now });
    let done = 0;
    // 20 s at 1,000 a second, then 10 s at 100 a second.
    for (let s = 1; s <= 30; s++) {
      clock.t = s * 1000;
      done += s <= 20 ? 1000 : 100;
      p.tick(done);
    }
    expect(io.written.at(-1)).toContain('21,000 of 100,000 posts · 100 posts/s · 21% · ETA 13:10');
  });

  it('shows no rate nor ETA in the first half second, and no rate when asked not to', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'discover', { unit: 'steps done', rate: false, intervalMs: 0, now: clock.now });
    p.tick(0, { note: 'wikidata...' });
    clock.t = 5_000;
    p.tick(1, { note: 'x (3 handles)...' });
    const q = progress(io, 'demo', { unit: 'ticks', total: 10, now: clock.now });
    q.tick(1);
    expect(io.written).toEqual([
      '\rdiscover: 0 steps done · wikidata...',
      '\rdiscover: 1 steps done · x (3 handles)...',
      '\rdemo: 1 of 10 ticks · 10%',
    ]);
  });

  it('overwrites a longer earlier line, and wipes the line at done() so the summary starts clean', () => {
    const io = fakeIo(true);
    const clock = handClock();
    const p = progress(io, 'd', { unit: 'steps', rate: false, intervalMs: 0, now: clock.now });
    p.tick(1, { note: 'a long step name' });
    p.tick(2, { note: 'short' });
    p.done();
    p.done();
    p.tick(3);
    expect(io.written).toEqual([
      '\rd: 1 steps · a long step name',
      '\rd: 2 steps · short           ',
      `\r${' '.repeat('d: 1 steps · a long step name'.length)}\r`,
    ]);
  });

  it('done() writes nothing when nothing was drawn (a job too short for a tick)', () => {
    const io = fakeIo(true);
    progress(io, 'import', { unit: 'posts' }).done();
    expect(io.written).toEqual([]);
  });

  it('ETA as m:ss, or h:mm:ss from an hour', () => {
    expect(clockTime(45)).toBe('0:45');
    expect(clockTime(790)).toBe('13:10');
    expect(clockTime(3725)).toBe('1:02:05');
  });
});

describe('webcare import: progress on a terminal, none with --quiet', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  // One post a line: the importer reports every 1,000 lines.
  const archive = tmp.file('archive.jsonl', twarcLines(1500, 1).join('\n') + '\n');
  const run = async (n: number, tty: boolean, ...more: string[]) => {
    const io = fakeIo(tty);
    const args = ['import', '--from', 'twarc', archive, '--account', 'x:GemTest', '--db', `${tmp.dir}/${n}.db`];
    const code = await runCli([...args, ...more], io);
    return { code, stderr: io.written.join(''), stdout: io.stdout };
  };

  it('draws an import line with posts and a percentage on a terminal stderr, then wipes it', async () => {
    const r = await run(1, true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\rimport: [\d,]+ new posts( · [\d.,]+ new posts\/s)? · \d+%/);
    expect(r.stderr).toMatch(/\r +\r$/);
    expect(r.stdout).toMatch(/^posts +1500$/m);
  }, 60_000);

  it('--quiet: no progress, the summary still prints', async () => {
    const r = await run(2, true, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^posts +1500$/m);
  }, 60_000);

  it('stderr piped: no progress', async () => {
    const r = await run(3, false);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);
});
