import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

// #19 item 4: one bad line never aborts an import; it is rejected with file:line and the reason,
// and every good line before and after it is stored.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Summary {
  lines: number;
  posts: number;
  skipped: number;
  rejected: { file: string; line: number; reason: string }[];
}
let n = 0;
const tweet = (i: number, over: Record<string, unknown> = {}) => ({
  id: String(1_870_000_000_000_000_000n + BigInt(i)),
  text: `@GemTest vraag ${i}: wanneer wordt het grofvuil opgehaald?`,
  author_id: '77',
  conversation_id: String(1_870_000_000_000_000_000n + BigInt(i)),
  created_at: '2026-11-02T09:00:00.000Z',
  entities: { mentions: [{ username: 'GemTest' }] },
  ...over,
});
const page = (t: unknown) => JSON.stringify({ data: [t], includes: { users: [{ id: '77', username: 'anna' }] } });

async function run(
  lines: string[],
  format = 'twarc',
  ext = 'jsonl',
): Promise<{ code: number; s: Summary; db: string }> {
  const f = tmp.file(`p${++n}.${ext}`, lines.join('\n') + '\n');
  const db = `${tmp.dir}/p${n}.db`;
  const r = await cli(['import', '--from', format, f, '--account', 'x:GemTest', '--db', db, '--format', 'json']);
  return { code: r.code, s: r.code === 0 ? (JSON.parse(r.stdout) as Summary) : ({} as Summary), db };
}

async function storedPosts(db: string): Promise<number> {
  const store = openStore(db, { readonly: true });
  const count = rawConnection(store).prepare('select count(*) from posts').pluck().get() as number;
  await store.close();
  return count;
}

describe('a poison line is rejected with file:line; the rest of the file is imported', () => {
  it.each([
    [
      'a mention whose username is a number',
      { entities: { mentions: [{ username: 42 }] } },
      /entities\.mentions\[0\]\.username/,
    ],
    ['referenced_tweets that is not a list', { referenced_tweets: 'nope' }, /referenced_tweets/],
    ['a created_at in the year 9999', { created_at: '9999-12-31T00:00:00Z' }, /created_at/],
    [
      'a created_at a week from now',
      { created_at: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      /in the future/,
    ],
    ['an id that is an object', { id: { x: 1 } }, /data\[0\]\.id/],
  ])('%s', async (_name, bad, reason) => {
    const good = Array.from({ length: 30 }, (_, i) => page(tweet(i)));
    const lines = [...good.slice(0, 20), page(tweet(99, bad)), ...good.slice(20)];
    const { code, s, db } = await run(lines);
    expect(code).toBe(0);
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected[0]).toMatchObject({ line: 21, reason: expect.stringMatching(reason) });
    expect(s.posts).toBe(30);
    expect(await storedPosts(db)).toBe(30);
  });

  it('a flattened twarc tweet with referenced_tweets "nope" is rejected, not a crash', async () => {
    const flat = JSON.stringify({ ...tweet(5), referenced_tweets: 'nope', author: { id: '77', username: 'anna' } });
    const { code, s } = await run([page(tweet(1)), flat, page(tweet(2))]);
    expect(code).toBe(0);
    expect(s.rejected.map((r) => r.line)).toEqual([2]);
    expect(s.posts).toBe(2);
  });

  it('a text of 100,000 characters is stored cut to 20,000, with the cut recorded, and read in milliseconds', async () => {
    const long = tweet(1, { text: `@GemTest ${'x'.repeat(100_000)}` });
    const { code, db } = await run([page(long)]);
    expect(code).toBe(0);
    const store = openStore(db, { readonly: true });
    const text = rawConnection(store).prepare('select text from posts').pluck().get() as string;
    await store.close();
    expect(text.length).toBeLessThan(20_100);
    expect(text).toMatch(/\[cut: 100009 characters\]$/);
  });

  it('a Bluesky thread nested 50,000 deep is read without overflowing the stack', async () => {
    const node = (i: number) =>
      `{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://did:plc:a/app.bsky.feed.post/${i}","cid":"c","author":{"did":"did:plc:a","handle":"a.bsky.social"},"record":{"text":"hallo","createdAt":"2026-11-02T09:00:00.000Z"},"indexedAt":"2026-11-02T09:00:00.000Z"},"replies":[`;
    const depth = 50_000;
    const doc = `{"thread":${Array.from({ length: depth }, (_, i) => node(i)).join('')}${']}'.repeat(depth)}}`;
    const { code, s } = await run([doc], 'bluesky', 'json');
    expect(code).toBe(0);
    expect(s.rejected.length + s.posts).toBeGreaterThan(0);
  });
});

describe('fuzz: arbitrary lines never abort an import (fast-check)', () => {
  it('every line is stored, skipped or rejected with its line number; the import exits 0', async () => {
    const anyLine = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      fc.record({ data: fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 3 }) }).map((d) => JSON.stringify(d)),
      fc
        .record({
          id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          text: fc.oneof(fc.string(), fc.integer()),
          created_at: fc.oneof(
            fc.date({ noInvalidDate: false }).map((d) => String(d)),
            fc.string(),
            fc.constant(undefined),
          ),
          entities: fc.anything({ maxDepth: 3 }),
          referenced_tweets: fc.anything({ maxDepth: 2 }),
        })
        .map((t) => JSON.stringify({ data: [t] })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 25 }), async (lines) => {
        const clean = lines.map((l) => l.replace(/\n/g, ' '));
        const { code, s } = await run(clean);
        expect(code).toBe(0);
        expect(s.lines).toBe(clean.length);
        for (const r of s.rejected) expect(r.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
