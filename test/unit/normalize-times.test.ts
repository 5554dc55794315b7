import { describe, expect, it } from 'vitest';
import { normalizePostView } from '../../src/platforms/bluesky/normalize.js';
import type { BPostView } from '../../src/platforms/bluesky/types.js';
import { normalizeFbComments, normalizeFbPosts } from '../../src/platforms/facebook/normalize.js';
import type { FbComment, FbPost } from '../../src/platforms/facebook/types.js';

// Polling: a post whose time is missing or invalid is left out, never stored at 1970 (METHOD.md 2, #14).
const view = (createdAt: string | undefined, indexedAt?: string) =>
  ({
    uri: 'at://did:plc:abc/app.bsky.feed.post/3k1',
    cid: 'c',
    author: { did: 'did:plc:abc', handle: 'burger.bsky.social' },
    record: { text: '@gemeente.bsky.social wanneer?', ...(createdAt ? { createdAt } : {}) },
    ...(indexedAt ? { indexedAt } : {}),
  }) as unknown as BPostView;

describe('post times while polling', () => {
  it('Bluesky: createdAt, else indexedAt, else the post is left out', () => {
    expect(normalizePostView(view('2026-11-02T09:00:00.000Z'))?.post.createdAt).toBe('2026-11-02T09:00:00.000Z');
    expect(normalizePostView(view('not a date', '2026-11-02T09:00:05.000Z'))?.post.createdAt).toBe(
      '2026-11-02T09:00:05.000Z',
    );
    expect(normalizePostView(view(undefined))).toBeUndefined();
  });

  it('Facebook: a post or comment without a valid created_time is left out', () => {
    const posts = [
      { id: '1_2', created_time: '2026-11-02T09:00:00+0000', message: 'Nieuws' },
      { id: '1_3', created_time: '2026-11-99T09:00:00+0000', message: 'Kapot' },
    ] as unknown as FbPost[];
    expect(normalizeFbPosts(posts, '1').map((p) => [p.post.id, p.post.createdAt])).toEqual([
      ['1_2', '2026-11-02T09:00:00.000Z'],
    ]);
    const comments = [
      { id: '2_10', created_time: '2026-11-02T10:00:00+0000', message: 'Wanneer?', from: { id: '9', name: 'A' } },
      { id: '2_11', message: 'Zonder tijd', from: { id: '9', name: 'A' } },
    ] as unknown as FbComment[];
    expect(normalizeFbComments(comments, '1_2').posts.map((p) => p.post.id)).toEqual(['2_10']);
  });
});
