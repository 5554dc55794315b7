import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/spawn.js';

// Issue #19 item 5: `webcare sql` is bounded in time and rows, read-only, and lets pragmas that read through.
const tmp = tempDir();
const db = `${tmp.dir}/w.db`;
beforeAll(async () => {
  expect((await cli(['migrate', '--db', db])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c)';

/** Runs webcare as a child process, killed after `killAfterMs` (a statement that never ends). */
function run(args: string[], killAfterMs: number): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('webcare sql is bounded', () => {
  it('stops a recursive CTE that yields no row for a long time after --timeout, exit 2, one line', async () => {
    const r = await run(['sql', '--timeout', '1', `${ENDLESS} SELECT count(*) FROM c`, '--db', db], 25_000);
    expect(r.stderr).toBe('webcare: sql: stopped after 1 s (--timeout)\n');
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(15_000); // tsx start-up plus the one second, not the 25 s kill
  });

  it('also stops in-process (the query runs in a process of its own, killed at the limit)', async () => {
    const started = Date.now();
    const r = await cli(['sql', '--timeout', '1', `${ENDLESS} SELECT count(*) FROM c`, '--db', db]);
    expect(r).toMatchObject({ code: 2, stderr: 'webcare: sql: stopped after 1 s (--timeout)\n' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caps the rows at 10,000 by default and says so on stderr (exit 0)', async () => {
    const r = await cli(['sql', `${ENDLESS} SELECT x FROM c LIMIT 20000`, '--format', 'csv', '--db', db]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(10_001); // header + 10,000 rows
    expect(lines.at(-1)).toBe('10000');
    expect(r.stderr).toBe(
      'webcare: sql: stopped at 10000 rows (--max-rows); there are more: add LIMIT or raise --max-rows\n',
    );
  });

  it('--max-rows sets the cap; a result within it has no note', async () => {
    const cut = await cli(['sql', `${ENDLESS} SELECT x FROM c`, '--max-rows', '5', '--format', 'json', '--db', db]);
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout)).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
    expect(cut.stderr).toContain('stopped at 5 rows (--max-rows)');
    const whole = await cli(['sql', `${ENDLESS} SELECT x FROM c LIMIT 5`, '--max-rows', '5', '--db', db]);
    expect(whole).toMatchObject({ code: 0, stderr: '' });
  });

  it.each([
    ['--timeout', '0'],
    ['--timeout', 'abc'],
    ['--max-rows', '-5'],
    ['--max-rows', '1.5'],
  ])('%s %s: exit 2 naming the option', async (option, value) => {
    const r = await cli(['sql', 'select 1', option, value, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^webcare: ${option} ${value}: expected a whole number from 1 to \\d+\\n$`));
  });
});

describe('webcare sql reads only', () => {
  it('lets pragmas that read through: PRAGMA table_info(posts), index_list, page_count', async () => {
    const info = await cli(['sql', 'PRAGMA table_info(posts)', '--format', 'json', '--db', db]);
    expect(info.code).toBe(0);
    expect((JSON.parse(info.stdout) as { name: string }[]).map((c) => c.name)).toContain('platform');
    expect((await cli(['sql', 'pragma main.index_list(posts)', '--db', db])).code).toBe(0);
    expect((await cli(['sql', '/* size */ PRAGMA page_count', '--db', db])).code).toBe(0);
  });

  it.each([
    'PRAGMA user_version = 5',
    'PRAGMA journal_mode(delete)',
    'PRAGMA hard_heap_limit = 1',
    'PRAGMA wal_checkpoint',
    '\n-- sneaky\nPRAGMA query_only = 0',
    "/* x */ ATTACH 'other.db' AS other",
    "VACUUM INTO 'copy.db'",
  ])('refuses %j with exit 2', async (statement) => {
    const r = await cli(['sql', statement, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^webcare: sql: .*(refused|read-only)/);
  });

  it('still refuses statements that write, and one that does not compile is a usage error', async () => {
    const del = await cli(['sql', 'DELETE FROM posts', '--db', db]);
    expect(del).toMatchObject({ code: 2 });
    expect(del.stderr).toContain('only read-only statements are allowed');
    const bad = await cli(['sql', 'select nope from posts', '--db', db]);
    expect(bad).toMatchObject({ code: 2, stderr: 'webcare: sql: no such column: nope\n' });
  });
});
