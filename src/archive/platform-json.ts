import {
  normalizeFeed,
  normalizePostView,
  normalizeThread,
  BLUESKY_ADAPTER_VERSION,
} from '../platforms/bluesky/normalize.js';
import type { BFeedItem, BPostView, BThreadNode } from '../platforms/bluesky/types.js';
import { FACEBOOK_ADAPTER_VERSION, normalizeFbComments, normalizeFbPosts } from '../platforms/facebook/normalize.js';
import type { FbComment, FbPost } from '../platforms/facebook/types.js';
import { MASTODON_ADAPTER_VERSION, normalizeStatuses } from '../platforms/mastodon/normalize.js';
import type { MStatus } from '../platforms/mastodon/types.js';
import type { NormalizedPost } from '../platforms/normalized.js';

export type PlatformJsonFormat = 'mastodon' | 'bluesky' | 'facebook';

export type PlatformJson =
  | {
      kind: 'posts';
      posts: NormalizedPost[];
      adapterVersion: string;
      unavailable: { uri: string; reason: string }[];
      anonymous: number;
    }
  | { kind: 'reject'; reason: string };

const isObj = (x: unknown): x is Record<string, unknown> => Boolean(x) && typeof x === 'object' && !Array.isArray(x);

/**
 * The server a Mastodon payload came from: where its local accounts (acct without a domain) live,
 * or else the most common host among the statuses' URIs.
 */
function serverOf(statuses: MStatus[]): string {
  const local = statuses.flatMap((s) => [s.account, ...(s.mentions ?? [])]).find((a) => !a.acct.includes('@') && a.url);
  if (local?.url) return new URL(local.url).host;
  const counts = new Map<string, number>();
  for (const s of statuses) {
    const host = new URL(s.uri).host;
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

/**
 * Reads one file of raw platform API JSON as the API returned it. Mastodon: a Status, a list of
 * statuses, or a Context. Bluesky: getPostThread, getAuthorFeed, getPosts or searchPosts output.
 * Facebook: a {data, paging} page of posts or of comments. Anything else is rejected with a reason.
 */
export function readPlatformJson(format: PlatformJsonFormat, doc: unknown): PlatformJson {
  if (format === 'mastodon') {
    const isStatus = (x: unknown): x is MStatus =>
      isObj(x) && typeof x.uri === 'string' && typeof x.content === 'string' && isObj(x.account);
    let statuses: MStatus[] | undefined;
    if (isStatus(doc)) statuses = [doc];
    else if (Array.isArray(doc) && doc.every(isStatus)) statuses = doc;
    else if (isObj(doc) && Array.isArray(doc.ancestors) && Array.isArray(doc.descendants))
      statuses = [...(doc.ancestors as MStatus[]), ...(doc.descendants as MStatus[])];
    if (!statuses) return { kind: 'reject', reason: 'not a Mastodon Status, list of statuses or Context' };
    return {
      kind: 'posts',
      posts: statuses.length ? normalizeStatuses(statuses, serverOf(statuses)) : [],
      adapterVersion: MASTODON_ADAPTER_VERSION,
      unavailable: [],
      anonymous: 0,
    };
  }
  if (format === 'bluesky') {
    if (!isObj(doc)) return { kind: 'reject', reason: 'not a Bluesky API response object' };
    if (isObj(doc.thread)) {
      const t = normalizeThread(doc.thread as BThreadNode);
      return {
        kind: 'posts',
        posts: t.posts,
        adapterVersion: BLUESKY_ADAPTER_VERSION,
        unavailable: t.unavailable,
        anonymous: 0,
      };
    }
    if (Array.isArray(doc.feed))
      return {
        kind: 'posts',
        posts: normalizeFeed(doc.feed as BFeedItem[]),
        adapterVersion: BLUESKY_ADAPTER_VERSION,
        unavailable: [],
        anonymous: 0,
      };
    if (Array.isArray(doc.posts))
      return {
        kind: 'posts',
        posts: (doc.posts as BPostView[]).map((p) => normalizePostView(p)),
        adapterVersion: BLUESKY_ADAPTER_VERSION,
        unavailable: [],
        anonymous: 0,
      };
    return { kind: 'reject', reason: 'not getPostThread, getAuthorFeed, getPosts or searchPosts output' };
  }
  if (!isObj(doc) || !Array.isArray(doc.data)) return { kind: 'reject', reason: 'not a Graph API {data, paging} page' };
  const items = doc.data as Record<string, unknown>[];
  if (items.some((i) => typeof i.created_time !== 'string'))
    return { kind: 'reject', reason: 'a Graph API page of something other than posts or comments' };
  const comments = items.filter(
    (i) =>
      typeof i.id !== 'string' ||
      'parent' in i ||
      'comment_count' in i ||
      String(i.permalink_url ?? '').includes('comment_id='),
  );
  if (comments.length === items.length && items.length) {
    const n = normalizeFbComments(items as unknown as FbComment[]);
    return {
      kind: 'posts',
      posts: n.posts,
      adapterVersion: FACEBOOK_ADAPTER_VERSION,
      unavailable: [],
      anonymous: n.anonymous,
    };
  }
  return {
    kind: 'posts',
    posts: normalizeFbPosts(items as unknown as FbPost[]),
    adapterVersion: FACEBOOK_ADAPTER_VERSION,
    unavailable: [],
    anonymous: 0,
  };
}
