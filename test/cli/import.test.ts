import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { cli, tempDir } from '../helpers/cli.js';
import { tableCounts } from '../helpers/db-counts.js';
import { openStore, rawConnection } from '../../src/storage/db.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = fileURLToPath(new URL('../fixtures/x/thread-answered.jsonl', import.meta.url));

describe('webcare import --from twarc', () => {
  it('a citizen question answered 3 hours later by the monitored account: one request, answered, 3 h', async () => {
    const db = `${tmp.dir}/thread.db`;
    const r = await cli([
      'import',
      '--from',
      'twarc',
      fixture,
      '--account',
      'x:GemVoorbeeld',
      '--db',
      db,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 1, lines: 2, posts: 2, replies: 1, requests: 1, rejected: [] });
    const store = openStore(db, { readonly: true });
    const reqs = rawConnection(store).prepare('select * from requests').all() as {
      outcome: string;
      kind: string;
      created_at: string;
      response_at: string;
      org_id: string;
      author_id: string;
    }[];
    const citizen = rawConnection(store)
      .prepare("select author_id, author_handle from posts where id = '1855000000000000001'")
      .get();
    await store.close();
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatchObject({ outcome: 'answered', kind: 'question', org_id: 'x-gemvoorbeeld' });
    expect(Date.parse(reqs[0]!.response_at) - Date.parse(reqs[0]!.created_at)).toBe(3 * 3_600_000);
    // Citizens are stored as keyed hashes, without their handle (METHOD.md 7).
    expect(citizen).toEqual({ author_id: reqs[0]!.author_id, author_handle: null });
    expect(reqs[0]!.author_id).toMatch(/^h:[0-9a-f]{24}$/);
  });

  it('running the same import again adds no row anywhere', async () => {
    const db = `${tmp.dir}/twice.db`;
    await cli(['import', '--from', 'twarc', fixture, '--account', 'x:GemVoorbeeld', '--db', db]);
    const before = await tableCounts(db);
    const again = await cli([
      'import',
      '--from',
      'twarc',
      fixture,
      '--account',
      'x:GemVoorbeeld',
      '--db',
      db,
      '--format',
      'json',
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({ posts: 0, referenced: 0, replies: 0, requests: 0 });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('reports bad lines with file and line, and imports the rest', async () => {
    const good = (await import('node:fs')).readFileSync(fixture, 'utf8').split('\n')[0];
    const file = tmp.file(
      'mixed.jsonl',
      [
        good,
        '{"data": [{"id": "1", "username": "someone"}], "__twarc": {}}',
        'this is not json',
        '{"id":"9","action":"delete","created_at":"2026-01-01T00:00:00Z","reason":"deleted"}',
        '',
        '{"errors": [{"title": "operational-disconnect"}], "__twarc": {}}',
        '{"data": {"id": "18550000000000005", "text": "@GemVoorbeeld bedankt!", "author_id": "77", "created_at": "2026-11-03T10:00:00.000Z"',
      ].join('\n'),
    );
    const r = await cli(['import', '--from', 'twarc', file, '--db', `${tmp.dir}/mixed.db`, '--format', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ lines: 7, posts: 1, skipped: 2 });
    expect(s.rejected.map((x: { line: number; reason: string }) => `${x.line}: ${x.reason.split(' (')[0]}`)).toEqual([
      '2: a users page, not tweets',
      '3: not JSON',
      '4: a compliance record, not tweets',
      '7: not JSON',
    ]);
    expect(s.rejected[0].file).toBe(file);
  });

  it('prints a readable table with the rejected lines', async () => {
    const file = tmp.file('bad.jsonl', 'nope\n');
    const r = await cli(['import', '--from', 'twarc', file, '--db', `${tmp.dir}/t.db`]);
    expect(r.stdout).toMatch(/^what\s+count\nfiles\s+1\n/);
    expect(r.stdout).toContain(`rejected ${file}:1: not JSON`);
  });

  it.each([
    [['import', '--from', 'twarc', '/nope/missing.jsonl'], '/nope/missing.jsonl: file not found'],
    [['import', '--from', 'twarc', fixture, '--account', 'gemeente'], '--account "gemeente": expected PLATFORM:HANDLE'],
    [
      ['import', '--from', 'twarc', fixture, '--account', 'x:not a handle'],
      '--account "x:not a handle": handle must be 1-15 letters',
    ],
    [['import', '--from', 'csv', fixture], "argument 'csv' is invalid"],
  ])('bad usage exits 2: %j', async (argv, message) => {
    const r = await cli([...argv, '--db', `${tmp.dir}/u.db`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
