import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Summary {
  posts: number;
  referenced: number;
  rejected: { file: string; line: number; reason: string }[];
}

let n = 0;
const file = (doc: unknown, ext = 'json') =>
  tmp.file(`t${++n}.${ext}`, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1));

async function importSummary(format: string, files: string[], db: string, account: string[] = []): Promise<Summary> {
  const r = await cli(['import', '--from', format, ...files, ...account, '--db', db, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

async function storedTimes(db: string): Promise<string[]> {
  const store = openStore(db, { readonly: true });
  const times = rawConnection(store).prepare('select created_at from posts order by created_at').pluck().all();
  await store.close();
  return times as string[];
}

// Mastodon: a status as GET /api/v1/accounts/:id/statuses returns it, with its time set or left out.
const mStatus = (id: string, created_at?: unknown) => ({
  id,
  uri: `https://social.overheid.nl/users/gemeentevoorbeeld/statuses/${id}`,
  url: `https://social.overheid.nl/@gemeentevoorbeeld/${id}`,
  ...(created_at === undefined ? {} : { created_at }),
  in_reply_to_id: null,
  in_reply_to_account_id: null,
  content: '<p>Vanaf maandag is de Kerkstraat afgesloten.</p>',
  language: 'nl',
  account: {
    id: '110000000000000001',
    username: 'gemeentevoorbeeld',
    acct: 'gemeentevoorbeeld',
    url: 'https://social.overheid.nl/@gemeentevoorbeeld',
  },
  mentions: [],
  reblog: null,
});

// Bluesky: a post view (getPostThread, getAuthorFeed, getPosts).
const bPost = (rkey: string, createdAt?: unknown) => ({
  uri: `at://did:plc:gemeente/app.bsky.feed.post/${rkey}`,
  cid: `cid${rkey}`,
  author: { did: 'did:plc:gemeente', handle: 'gemeente.bsky.social' },
  record: { text: 'Vanaf maandag is de Kerkstraat afgesloten.', ...(createdAt === undefined ? {} : { createdAt }) },
  indexedAt: '2026-11-03T08:15:01.000Z',
});
const bReply = (rkey: string, createdAt?: unknown) => ({
  ...bPost(rkey, createdAt),
  author: { did: 'did:plc:anna', handle: 'anna.bsky.social' },
  record: {
    text: '@gemeente.bsky.social hoe lang duurt dat?',
    ...(createdAt === undefined ? {} : { createdAt }),
    reply: {
      root: { uri: 'at://did:plc:gemeente/app.bsky.feed.post/root' },
      parent: { uri: 'at://did:plc:gemeente/app.bsky.feed.post/root' },
    },
  },
});

// Facebook: a Graph API page of page posts or of comments.
const fbPost = (id: string, created_time?: unknown) => ({
  id,
  message: 'Vanaf maandag is de Kerkstraat afgesloten.',
  ...(created_time === undefined ? {} : { created_time }),
  from: { id: '100', name: 'Gemeente Voorbeeld' },
});
const fbComment = (id: string, created_time?: unknown) => ({
  id,
  message: 'Hoe lang duurt dat?',
  ...(created_time === undefined ? {} : { created_time }),
  from: { id: '77', name: 'Anna' },
  parent: { id: '100_1' },
});

// X API v2 response file (a JSON array of pages).
const xPage = (id: string, created_at?: unknown) => ({
  data: [
    {
      id,
      text: 'Vanaf maandag is de Kerkstraat afgesloten.',
      author_id: '4242',
      conversation_id: id,
      ...(created_at === undefined ? {} : { created_at }),
    },
  ],
  includes: { users: [{ id: '4242', username: 'GemTest', name: 'Gemeente Test' }] },
});

const GOOD = '2026-11-03T08:15:00.000Z';
const cases: [string, string, unknown, unknown, string][] = [
  ['mastodon', 'missing', [mStatus('1', GOOD)], [mStatus('2', GOOD), mStatus('3')], '[1].created_at: missing'],
  [
    'mastodon',
    'not a time',
    mStatus('1', GOOD),
    { ancestors: [mStatus('2', GOOD)], descendants: [mStatus('3', '2026-13-45T00:00:00Z')] },
    'descendants[0].created_at: not a valid time ("2026-13-45T00:00:00Z")',
  ],
  [
    'mastodon',
    'the year 1',
    [mStatus('1', GOOD)],
    [mStatus('2', '0001-01-01T00:00:00Z')],
    '[0].created_at: not a valid',
  ],
  [
    'bluesky',
    'missing',
    { posts: [bPost('a', GOOD)] },
    {
      thread: {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: bPost('root', GOOD),
        replies: [{ $type: 'app.bsky.feed.defs#threadViewPost', post: bReply('b') }],
      },
    },
    'thread.replies[0].post.record.createdAt: missing',
  ],
  [
    'bluesky',
    'not a time',
    { posts: [bPost('a', GOOD)] },
    { feed: [{ post: bPost('b', GOOD) }, { post: bPost('c', 'gisteren') }] },
    'feed[1].post.record.createdAt: not a valid time ("gisteren")',
  ],
  [
    'facebook',
    'missing',
    { data: [fbPost('100_1', '2026-11-03T08:15:00+0000')] },
    { data: [fbComment('100_1_2', '2026-11-03T09:00:00+0000'), fbComment('100_1_3')] },
    'data[1].created_time: missing',
  ],
  [
    'facebook',
    'not a time',
    { data: [fbPost('100_1', '2026-11-03T08:15:00+0000')] },
    { data: [fbPost('100_2', '2026-11-03T99:15:00+0000')] },
    'data[0].created_time: not a valid time ("2026-11-03T99:15:00+0000")',
  ],
  [
    'x-v2',
    'missing',
    xPage('1860000000000000001', GOOD),
    [xPage('1860000000000000002')],
    'data[0].created_at: missing',
  ],
];

describe('import: a post without a valid time rejects its file:line in every format, never stored at 1970', () => {
  it.each(cases)('%s, created time %s', async (format, _what, good, bad, reason) => {
    const goodFile = file(good);
    const badFile = file(bad);
    const db = `${badFile}.db`;
    const s = await importSummary(format, [goodFile, badFile], db);
    expect(s.rejected).toEqual([{ file: badFile, line: 1, reason: expect.stringContaining(reason) as string }]);
    expect(s.posts).toBe(1);
    expect(await storedTimes(db)).toEqual([expect.stringMatching(/^2026-11-03T08:15:00/)]);
  });

  it('twarc: the line of the tweet, the other lines imported', async () => {
    const line = (id: string, created_at?: string) => JSON.stringify(xPage(id, created_at));
    const f = file([line('1860000000000000011', GOOD), line('1860000000000000012')].join('\n') + '\n', 'jsonl');
    const s = await importSummary('twarc', [f], `${f}.db`);
    expect(s.rejected).toEqual([{ file: f, line: 2, reason: 'data[0].created_at: missing' }]);
    expect(await storedTimes(`${f}.db`)).toEqual([GOOD]);
  });
});

describe('import summary: "referenced" never below 0', () => {
  it('a post stored as referenced by an earlier import, completed by a later one, counts as a post', async () => {
    const parent = {
      id: '1860000000000000400',
      text: '@GemTest wanneer wordt het grofvuil opgehaald?',
      author_id: '77',
      conversation_id: '1860000000000000400',
      created_at: '2026-11-02T09:00:00.000Z',
      entities: { mentions: [{ username: 'GemTest' }] },
    };
    const reply = {
      id: '1860000000000000401',
      text: '@anna Op dinsdag vanaf 7.30 uur.',
      author_id: '4242',
      conversation_id: parent.id,
      created_at: '2026-11-02T11:00:00.000Z',
      in_reply_to_user_id: '77',
      referenced_tweets: [{ type: 'replied_to', id: parent.id }],
    };
    const users = [
      { id: '4242', username: 'GemTest', name: 'Gemeente Test' },
      { id: '77', username: 'anna' },
    ];
    const db = `${tmp.dir}/referenced.db`;
    const first = file(JSON.stringify({ data: [reply], includes: { users, tweets: [parent] } }) + '\n', 'jsonl');
    const second = file(JSON.stringify({ data: [parent], includes: { users } }) + '\n', 'jsonl');
    const account = ['--account', 'x:GemTest'];
    expect(await importSummary('twarc', [first], db, account)).toMatchObject({ posts: 1, referenced: 1 });
    expect(await importSummary('twarc', [second], db, account)).toMatchObject({ posts: 1, referenced: 0 });
    const table = await cli(['import', '--from', 'twarc', second, ...account, '--db', db]);
    expect(table.stdout).toMatch(/^referenced\s+0$/m);
  });
});
