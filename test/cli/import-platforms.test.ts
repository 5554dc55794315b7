import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = fileURLToPath(new URL('../fixtures/mastodon/thread-redirected.json', import.meta.url));

describe('webcare import --from mastodon|bluesky|facebook', () => {
  it('a citizen asks a gemeente on social.overheid.nl, which replies "mail ons" 2 hours later: redirected', async () => {
    const db = `${tmp.dir}/m.db`;
    const r = await cli([
      'import',
      '--from',
      'mastodon',
      fixture,
      '--account',
      'mastodon:gemeentevoorbeeld@social.overheid.nl',
      '--db',
      db,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ posts: 2, requests: 1 });
    const store = openStore(db, { readonly: true });
    const req = rawConnection(store)
      .prepare('select outcome, response_kind, created_at, response_at, kind from requests')
      .get() as Record<string, string>;
    await store.close();
    expect(req).toMatchObject({ outcome: 'redirected', response_kind: 'redirect', kind: 'question' });
    expect(Date.parse(req.response_at!) - Date.parse(req.created_at!)).toBe(2 * 3_600_000);
  });

  it('rejects a file that is not JSON or not of the platform, and goes on', async () => {
    const bad = tmp.file('bad.json', '{"ancestors": [');
    const other = tmp.file('other.json', '{"hello": "world"}');
    const r = await cli(['import', '--from', 'bluesky', bad, other, '--db', `${tmp.dir}/x.db`, '--format', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.rejected.map((x: { file: string; reason: string }) => [x.file, x.reason.split(' (')[0]])).toEqual([
      [bad, 'not JSON'],
      [other, 'not getPostThread, getAuthorFeed, getPosts or searchPosts output'],
    ]);
  });
});
