import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';
import { tableCounts } from '../helpers/db-counts.js';
import { hasRealdata, noteSkipped, REALDATA } from '../helpers/realdata.js';

noteSkipped('interop: Mastodon, Bluesky and Facebook payloads');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function rows(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const store = openStore(db, { readonly: true });
  try {
    return rawConnection(store).prepare(sql).all() as Record<string, unknown>[];
  } finally {
    await store.close();
  }
}

describe.skipIf(!hasRealdata)('interop: real platform payloads', () => {
  it('Mastodon: a context of 59 statuses, all linked to their parent; a re-run adds nothing', async () => {
    const db = `${tmp.dir}/m.db`;
    const file = join(REALDATA, 'rtoot-mastodon/get_context_default.body.json');
    const r = await cli(['import', '--from', 'mastodon', file, '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ posts: 59, replies: 59, rejected: [] });
    const posts = await rows(db, 'select id, reply_to_id from posts');
    expect(posts).toHaveLength(59);
    expect(posts.every((p) => typeof p.reply_to_id === 'string' && String(p.id).startsWith('https://'))).toBe(true);
    const before = await tableCounts(db);
    await cli(['import', '--from', 'mastodon', file, '--db', db]);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('Mastodon: statuses and an account payload of other shapes', async () => {
    const r = await cli([
      'import',
      '--from',
      'mastodon',
      join(REALDATA, 'rtoot-mastodon/get_account_statuses_default.body.json'),
      join(REALDATA, 'rtoot-mastodon/get_account_default.body.json'),
      '--db',
      `${tmp.dir}/m2.db`,
      '--format',
      'json',
    ]);
    const s = JSON.parse(r.stdout);
    expect(s.posts).toBe(20);
    expect(s.rejected).toEqual([
      {
        file: join(REALDATA, 'rtoot-mastodon/get_account_default.body.json'),
        line: 1,
        reason: 'not a Mastodon Status, list of statuses or Context',
      },
    ]);
  });

  it('Bluesky: the 58 distinct posts of a thread with their reply links; the blocked post is reported', async () => {
    const db = `${tmp.dir}/b.db`;
    const r = await cli([
      'import',
      '--from',
      'bluesky',
      join(REALDATA, 'atproto-dart-bluesky/getPostThread.json'),
      '--db',
      db,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ posts: 58, replies: 58 });
    expect(s.unavailable).toEqual([
      expect.objectContaining({
        reason: 'blocked',
        uri: 'at://did:plc:24lz3lshhmjsieafxih4exlw/app.bsky.feed.post/3jui52oiuad24',
      }),
    ]);
    const posts = await rows(db, 'select id, reply_to_id, thread_root_id from posts');
    expect(new Set(posts.map((p) => p.id)).size).toBe(58);
    expect(posts.every((p) => String(p.reply_to_id).startsWith('at://'))).toBe(true);
  });

  it('Bluesky: author feed, getPosts and searchPosts outputs', async () => {
    const files = [
      'atproto-dart-bluesky/getAuthorFeed.json',
      'atproto-dart-bluesky/getPosts.json',
      'atproto-dart-bluesky/searchPosts.json',
      'bskyr-bluesky/f_search.body.json',
    ].map((f) => join(REALDATA, f));
    const r = await cli(['import', '--from', 'bluesky', ...files, '--db', `${tmp.dir}/b2.db`, '--format', 'json']);
    const s = JSON.parse(r.stdout);
    expect(s.rejected).toEqual([]);
    expect(s.posts).toBeGreaterThan(40);
  });

  it('Facebook: 15 comments without id or from, identified by permalink; the 5 replies point at their parent comments', async () => {
    const db = `${tmp.dir}/f.db`;
    const files = ['comments_p1.json', 'comments_p2.json'].map((f) => join(REALDATA, 'python-facebook/comments', f));
    const r = await cli(['import', '--from', 'facebook', ...files, '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ posts: 15, anonymous: 15, rejected: [] });
    const posts = await rows(db, 'select id, reply_to_id, thread_root_id, author_id from posts');
    expect(posts).toHaveLength(15);
    const ids = new Set(posts.map((p) => p.id));
    const replies = posts.filter((p) => ids.has(p.reply_to_id as string));
    expect(replies).toHaveLength(5);
    expect(posts.every((p) => p.thread_root_id === '19292868552_10158407654328553')).toBe(true);
    expect(new Set(posts.map((p) => p.author_id)).size).toBe(15); // anonymous commenters are never merged
  });

  it('Facebook: a page of posts; an error body is rejected', async () => {
    const r = await cli([
      'import',
      '--from',
      'facebook',
      join(REALDATA, 'python-facebook/posts/feed_fields_p1.json'),
      join(REALDATA, 'python-facebook/errors/error.json'),
      '--db',
      `${tmp.dir}/f2.db`,
      '--format',
      'json',
    ]);
    const s = JSON.parse(r.stdout);
    expect(s.posts).toBe(5);
    expect(s.rejected).toHaveLength(1);
  });
});
