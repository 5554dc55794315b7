import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeThread } from '../../src/platforms/bluesky/normalize.js';
import type { BThreadNode } from '../../src/platforms/bluesky/types.js';
import { normalizeFbComments, normalizeFbPosts } from '../../src/platforms/facebook/normalize.js';
import type { FbComment, FbPost } from '../../src/platforms/facebook/types.js';
import { normalizeStatuses } from '../../src/platforms/mastodon/normalize.js';
import type { MStatus } from '../../src/platforms/mastodon/types.js';
import type { NormalizedPost } from '../../src/platforms/normalized.js';
import { flatToPage, normalizePage } from '../../src/platforms/x/normalize.js';
import type { XPage } from '../../src/platforms/x/types.js';
import { buildMonitoredIndex } from '../../src/poller/monitored.js';
import { authorHasher, nameHash } from '../../src/poller/privacy.js';
import { RAW_SCRUBBED, scrubRaw } from '../../src/poller/raw-scrub.js';
import { toRow } from '../../src/poller/rows.js';
import type { PostRow } from '../../src/storage/posts.js';

// METHOD.md 7, issue #19 item 2.1: the raw copy of a payload keeps no citizen id, name, handle,
// profile link or text; citizens' user ids become the author_id column's keyed hash; the ids the
// product needs to re-read threads (posts, conversations, reply-to posts) stay.
const read = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/privacy/${name}`, import.meta.url)), 'utf8');
const hash = authorHasher('unit-key');
const prov = { source: 'test', fetchedAt: '2026-06-10T12:00:00.000Z', adapterVersion: 'test-1' };
const index = buildMonitoredIndex(
  [
    {
      id: 'voorbeeld',
      name: 'Voorbeeld',
      accounts: {
        x: ['GemVoorbeeld'],
        facebook: ['1040000000000001'],
        mastodon: ['gemeentevoorbeeld@social.overheid.nl'],
        bluesky: ['gemeentevoorbeeld.bsky.social'],
      },
    },
  ],
  [],
);

function rows(posts: NormalizedPost[]): { row: PostRow; raw: Record<string, unknown> }[] {
  return posts.map((np) => {
    const { row } = toRow(np, index, hash, prov);
    return { row, raw: JSON.parse(row.raw!) as Record<string, unknown> };
  });
}
const byId = (list: { row: PostRow; raw: Record<string, unknown> }[], id: string) => list.find((r) => r.row.id === id)!;

/** The citizens' identifiers found in a stored payload (case-insensitive). */
function leaks(raw: unknown, identifiers: string[]): string[] {
  const text = JSON.stringify(raw).toLowerCase();
  return identifiers.filter((c) => text.includes(c.toLowerCase()));
}

describe('raw payloads are stored without citizen identifiers (toRow)', () => {
  it('X v2: tweets of citizens and the organisation, entities, geo and metrics', () => {
    const list = rows(
      read('x.jsonl')
        .trim()
        .split('\n')
        .flatMap((l) => normalizePage(JSON.parse(l) as XPage).posts),
    );
    const femke = hash('x', '1611111111111111111');
    const joost = hash('x', '1622222222222222222');
    for (const { raw } of list)
      expect(
        leaks(raw, ['femke', 'wolters', '1611111111111111111', 'joost', 'brinkman', '1622222222222222222', '52.51']),
      ).toEqual([]);
    const question = byId(list, '1866000000000000001');
    expect(question.raw).toEqual({
      id: '1866000000000000001',
      conversation_id: '1866000000000000001',
      created_at: '2026-06-02T09:00:00.000Z',
      lang: 'nl',
      edit_history_tweet_ids: ['1866000000000000001'],
      public_metrics: { retweet_count: 0, reply_count: 2, like_count: 1, quote_count: 0 },
      author_id: femke,
      // The organisation's mention keeps its handle and id.
      entities: { mentions: [{ start: 0, end: 13, id: '9000000000000000001', username: 'GemVoorbeeld' }] },
      [RAW_SCRUBBED]: 1,
    });
    expect(question.row.author_id).toBe(femke);
    // The organisation's reply: the citizen it replies to and mentions as the column's hash, no handle.
    const reply = byId(list, '1866000000000000099');
    expect(reply.raw).toMatchObject({
      author_id: '9000000000000000001',
      in_reply_to_user_id: femke,
      referenced_tweets: [{ type: 'replied_to', id: '1866000000000000001' }],
      entities: { mentions: [{ start: 0, end: 16, id: femke }] },
    });
    expect(reply.row.reply_to_user_id).toBe(femke);
    expect(byId(list, '1866000000000000160').raw).toMatchObject({ in_reply_to_user_id: joost });
    // No text in the payload: posts.text holds it, under the retention period.
    expect(list.every(({ raw }) => !('text' in raw))).toBe(true);
  });

  it("X: a twarc flattened tweet's inlined author and the user it replies to leave only name hashes", () => {
    const flat = {
      id: '1866000000000000300',
      text: '@femke_wolters88 dat klopt',
      author_id: '1622222222222222222',
      created_at: '2026-06-02T15:00:00.000Z',
      conversation_id: '1866000000000000001',
      in_reply_to_user_id: '1611111111111111111',
      author: { id: '1622222222222222222', username: 'buurman_joost', name: 'Joost Brinkman' },
      in_reply_to_user: { id: '1611111111111111111', username: 'femke_wolters88', name: 'Femke Wolters' },
    };
    const np = normalizePage(flatToPage(flat)).posts[0]!;
    // The normalizer leaves the users in includes; a raw tweet that still has them inlined is scrubbed too.
    const raw = rows([{ ...np, raw: flat }])[0]!.raw;
    expect(leaks(raw, ['femke', 'wolters', 'joost', 'brinkman', '1611111111111111111'])).toEqual([]);
    expect(raw.webcare_names).toEqual(
      ['Joost', 'Brinkman', 'Femke', 'Wolters'].map((w) => nameHash(hash, 'x', w)).sort(),
    );
  });

  it('Facebook: a profile post, a comment, and the page reply that tags the commenter', () => {
    const posts = normalizeFbPosts((JSON.parse(read('facebook-posts.json')) as { data: FbPost[] }).data);
    const comments = normalizeFbComments(
      (JSON.parse(read('facebook-comments.json')) as { data: FbComment[] }).data,
    ).posts;
    const list = rows([...posts, ...comments]);
    for (const { raw } of list)
      expect(leaks(raw, ['sanne', 'verhoeven', '10150000000000777', 'ruud', 'hoekstra', '10150000000000888'])).toEqual(
        [],
      );
    const sanne = hash('facebook', '10150000000000777');
    expect(byId(list, '5550000_7770001').raw).toMatchObject({
      id: '5550000_7770001',
      from: { id: sanne },
      permalink_url: 'https://www.facebook.com/1040000000000001/posts/5550000/?comment_id=7770001',
      webcare_names: [nameHash(hash, 'facebook', 'Sanne'), nameHash(hash, 'facebook', 'Verhoeven')].sort(),
    });
    // The page's reply: the page stays, the tagged commenter becomes the hash without a name.
    const reply = byId(list, '5550000_7770002');
    expect(reply.raw).toMatchObject({
      from: { id: '1040000000000001', name: 'Gemeente Voorbeeld' },
      parent: { id: '5550000_7770001' },
      message_tags: [{ offset: 0, length: 15, type: 'user', id: sanne }],
    });
    // A profile's post links to the profile: the link (raw and column) names the post only.
    const visitor = byId(list, '1040000000000001_5550009');
    expect(visitor.raw).not.toHaveProperty('permalink_url');
    expect(visitor.raw).not.toHaveProperty('place');
    expect(visitor.row.url).toBe('https://www.facebook.com/1040000000000001_5550009');
  });

  it('Mastodon: the account, mentions and the reply-to account as hashes of "server:id"', () => {
    const list = rows(normalizeStatuses(JSON.parse(read('mastodon.json')) as MStatus[], 'social.overheid.nl'));
    const lotte = hash('mastodon', 'social.overheid.nl:110000000000000888');
    const question = byId(list, 'https://mastodon.social/users/lotte_vermeulen/statuses/113599999999999101');
    // The post id (its URI) names the account: it is the primary key and stays; nothing else does.
    const { uri, ...rest } = question.raw;
    expect(uri).toBe(question.row.id);
    expect(leaks(rest, ['lotte', 'vermeulen', '110000000000000888', 'lindelaan', 'ivory'])).toEqual([]);
    expect(rest).toMatchObject({ id: '113600000000000001', account: { id: lotte } });
    expect(question.row.author_id).toBe(lotte);
    const reply = byId(list, 'https://social.overheid.nl/users/gemeentevoorbeeld/statuses/113600000000000002');
    expect(leaks(reply.raw, ['lotte', 'vermeulen', '110000000000000888'])).toEqual([]);
    expect(reply.raw).toMatchObject({
      in_reply_to_id: '113600000000000001',
      in_reply_to_account_id: lotte,
      mentions: [{ id: lotte }],
      account: { acct: 'gemeentevoorbeeld', display_name: 'Gemeente Voorbeeld' },
    });
    expect(reply.row.reply_to_user_id).toBe(lotte);
  });

  it('Bluesky: the author, mention facets, embeds and avatars', () => {
    const doc = JSON.parse(read('bluesky-thread.json')) as { thread: BThreadNode };
    const list = rows(normalizeThread(doc.thread).posts);
    const pieterUri = 'at://did:plc:pzcitizenvoorbeeldabcdef/app.bsky.feed.post/3kpieterq1';
    const pieter = hash('bluesky', 'did:plc:pzcitizenvoorbeeldabcdef');
    const question = byId(list, pieterUri);
    const { uri, ...rest } = question.raw;
    expect(uri).toBe(pieterUri);
    expect(leaks(rest, ['pieter', 'zonneveld', 'did:plc:pzcitizen'])).toEqual([]);
    expect(rest).toMatchObject({ author: { did: pieter }, record: { createdAt: '2026-06-05T07:30:00.000Z' } });
    const reply = list.find((r) => r.row.id !== pieterUri)!;
    expect(reply.raw).toMatchObject({
      author: { handle: 'gemeentevoorbeeld.bsky.social' },
      // Thread links stay: they are post ids.
      record: {
        reply: { root: { uri: pieterUri }, parent: { uri: pieterUri } },
        facets: [{ index: { byteStart: 0, byteEnd: 28 }, features: [{ did: pieter }] }],
      },
    });
    expect(reply.row.reply_to_user_id).toBe(pieter);
  });

  it('an unknown shape keeps nothing but the pipeline notes; a scrubbed payload comes back as it is', () => {
    const ctx = {
      platform: 'x' as const,
      authorIsOrg: false,
      authorId: 'h:1',
      replyToUserId: null,
      userId: () => undefined,
      isOrgUser: () => false,
      isOrgHandle: () => false,
    };
    expect(
      scrubRaw({ name: 'Femke', cut: true, text_length: 30_000, webcare_thread_may_be_incomplete: true }, ctx),
    ).toEqual({
      cut: true,
      text_length: 30_000,
      webcare_thread_may_be_incomplete: true,
      [RAW_SCRUBBED]: 1,
    });
    expect(scrubRaw('Femke Wolters', ctx)).toEqual({ [RAW_SCRUBBED]: 1 });
    const done = { id: '1', [RAW_SCRUBBED]: 1, author_id: 'h:1' };
    expect(scrubRaw(done, ctx)).toBe(done);
  });
});
