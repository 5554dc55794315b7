import {
  normalizeFeed,
  normalizePostView,
  normalizeThread,
  BLUESKY_ADAPTER_VERSION,
} from '../platforms/bluesky/normalize.js';
import type { BFeedItem, BPostView, BThreadNode } from '../platforms/bluesky/types.js';
import { FACEBOOK_ADAPTER_VERSION, normalizeFbComments, normalizeFbPosts } from '../platforms/facebook/normalize.js';
import type { FbComment, FbPost } from '../platforms/facebook/types.js';
import { MASTODON_ADAPTER_VERSION, normalizeStatuses, statusTimeProblem } from '../platforms/mastodon/normalize.js';
import type { MStatus } from '../platforms/mastodon/types.js';
import type { NormalizedPost } from '../platforms/normalized.js';
import { postInstant } from '../model/index.js';

export type PlatformJsonFormat = 'mastodon' | 'bluesky' | 'facebook';

export type PlatformJson =
  | {
      kind: 'posts';
      posts: NormalizedPost[];
      adapterVersion: string;
      unavailable: { uri: string; reason: string }[];
      anonymous: number;
      /**
       * Mastodon: the server the statuses came from (whose local ids they carry); `known` when a
       * local account shows it, not when it is only the most common host among the URIs.
       */
      server?: { host: string; known: boolean };
    }
  | { kind: 'reject'; reason: string };

const isObj = (x: unknown): x is Record<string, unknown> => Boolean(x) && typeof x === 'object' && !Array.isArray(x);

/**
 * The server a Mastodon payload came from: where its local accounts (acct without a domain) live,
 * or else the most common host among the statuses' URIs.
 */
function serverOf(statuses: MStatus[]): { host: string; known: boolean } {
  const local = statuses.flatMap((s) => [s.account, ...(s.mentions ?? [])]).find((a) => !a.acct.includes('@') && a.url);
  if (local?.url) return { host: new URL(local.url).host, known: true };
  const counts = new Map<string, number>();
  for (const s of statuses) {
    const host = new URL(s.uri).host;
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return { host: [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown', known: false };
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
    let statuses: { at: string; status: MStatus }[] | undefined;
    if (isStatus(doc)) statuses = [{ at: '', status: doc }];
    else if (Array.isArray(doc) && doc.every(isStatus)) statuses = doc.map((status, i) => ({ at: `[${i}].`, status }));
    else if (isObj(doc) && Array.isArray(doc.ancestors) && Array.isArray(doc.descendants))
      statuses = [
        ...(doc.ancestors as MStatus[]).map((status, i) => ({ at: `ancestors[${i}].`, status })),
        ...(doc.descendants as MStatus[]).map((status, i) => ({ at: `descendants[${i}].`, status })),
      ];
    if (!statuses) return { kind: 'reject', reason: 'not a Mastodon Status, list of statuses or Context' };
    // A status without a valid time rejects its file (its "line"), never lands at 1970.
    for (const { at, status } of statuses) {
      const problem = statusTimeProblem(status);
      if (problem) return { kind: 'reject', reason: `${at}${problem}` };
    }
    const list = statuses.map((s) => s.status);
    const server = list.length ? serverOf(list) : undefined;
    return {
      kind: 'posts',
      posts: server ? normalizeStatuses(list, server.host) : [],
      adapterVersion: MASTODON_ADAPTER_VERSION,
      unavailable: [],
      anonymous: 0,
      ...(server ? { server } : {}),
    };
  }
  if (format === 'bluesky') {
    if (!isObj(doc)) return { kind: 'reject', reason: 'not a Bluesky API response object' };
    const badTime = blueskyTimeProblem(doc);
    if (badTime) return { kind: 'reject', reason: badTime };
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
        posts: (doc.posts as BPostView[]).map((p) => normalizePostView(p)).filter((p) => p !== undefined),
        adapterVersion: BLUESKY_ADAPTER_VERSION,
        unavailable: [],
        anonymous: 0,
      };
    return { kind: 'reject', reason: 'not getPostThread, getAuthorFeed, getPosts or searchPosts output' };
  }
  if (!isObj(doc) || !Array.isArray(doc.data)) return { kind: 'reject', reason: 'not a Graph API {data, paging} page' };
  const items = doc.data as Record<string, unknown>[];
  if (items.length && items.every((i) => !isObj(i) || i.created_time === undefined))
    return { kind: 'reject', reason: 'a Graph API page of something other than posts or comments' };
  // A post or comment without a valid time rejects its file (its "line"), never lands at 1970.
  for (const [i, item] of items.entries()) {
    const value = isObj(item) ? item.created_time : undefined;
    const iso = typeof value === 'string' ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : undefined;
    if (!postInstant(iso)) return { kind: 'reject', reason: `data[${i}].${timeProblem('created_time', value)}` };
  }
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

/** `field: missing` or `field: not a valid time ("...")`, as in the twarc reader's rejections. */
function timeProblem(field: string, value: unknown): string {
  return value === undefined || value === null
    ? `${field}: missing`
    : `${field}: not a valid time (${JSON.stringify(value).slice(0, 40)})`;
}

/** The first Bluesky post view (thread, feed or posts) whose record has no valid createdAt, as a reason. */
function blueskyTimeProblem(doc: Record<string, unknown>): string | undefined {
  const check = (view: unknown, at: string): string | undefined => {
    if (!isObj(view)) return undefined;
    const value = isObj(view.record) ? view.record.createdAt : undefined;
    return postInstant(value) ? undefined : `${at}.record.${timeProblem('createdAt', value)}`;
  };
  if (isObj(doc.thread)) {
    const seen = new Set<unknown>();
    const walk = (n: unknown, at: string): string | undefined => {
      if (!isObj(n) || seen.has(n)) return undefined;
      seen.add(n);
      const own = check(n.post, `${at}.post`);
      if (own) return own;
      const up = walk(n.parent, `${at}.parent`);
      if (up) return up;
      const replies = Array.isArray(n.replies) ? (n.replies as unknown[]) : [];
      for (const [i, r] of replies.entries()) {
        const bad = walk(r, `${at}.replies[${i}]`);
        if (bad) return bad;
      }
      return undefined;
    };
    return walk(doc.thread, 'thread');
  }
  if (Array.isArray(doc.feed))
    for (const [i, item] of (doc.feed as unknown[]).entries()) {
      const bad = check(isObj(item) ? item.post : undefined, `feed[${i}].post`);
      if (bad) return bad;
    }
  if (Array.isArray(doc.posts))
    for (const [i, view] of (doc.posts as unknown[]).entries()) {
      const bad = check(view, `posts[${i}]`);
      if (bad) return bad;
    }
  return undefined;
}
