import { postInstant, type Post } from '../../model/index.js';
import type { NormalizedPost } from '../normalized.js';
import type { BFeedItem, BPostView, BThreadNode } from './types.js';

export const BLUESKY_ADAPTER_VERSION = 'bluesky-1';
const HANDLE_MENTION = /(?<![\w@])@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi;

/**
 * A post view as a model post. Ids are at:// URIs; thread links come from the record's reply refs.
 * The time is the record's createdAt (the author's claim), else the server's indexedAt; a post with
 * neither valid is left out (undefined), never stored at 1970.
 */
export function normalizePostView(p: BPostView, repost = false, parentAuthor?: string): NormalizedPost | undefined {
  const createdAt = postInstant(p.record.createdAt) ?? postInstant(p.indexedAt);
  if (!createdAt) return undefined;
  const rkey = p.uri.split('/').pop();
  const text = p.record.text ?? '';
  const post: Post = {
    platform: 'bluesky',
    id: p.uri,
    authorId: p.author.did,
    authorHandle: p.author.handle,
    createdAt,
    text,
    kind: repost ? 'repost' : p.record.reply ? 'reply' : 'post',
    // Mention facets carry DIDs only; the handles are in the text.
    mentions: [...text.matchAll(HANDLE_MENTION)].map((m) => m[1]!.toLowerCase()),
    url: `https://bsky.app/profile/${p.author.handle}/post/${rkey}`,
    threadRootId: p.record.reply?.root.uri ?? p.uri,
  };
  if (p.record.reply) post.replyToId = p.record.reply.parent.uri;
  if (parentAuthor) post.replyToUserId = parentAuthor;
  if (p.record.langs?.[0]) post.lang = p.record.langs[0];
  return { post, raw: p };
}

/**
 * Every post of a getPostThread tree (parents and replies), and the posts that could not be shown:
 * blocked and not-found nodes are reported and skipped, the rest of the thread goes on.
 */
export function normalizeThread(root: BThreadNode): {
  posts: NormalizedPost[];
  unavailable: { uri: string; reason: string }[];
} {
  const posts = new Map<string, NormalizedPost>();
  const unavailable: { uri: string; reason: string }[] = [];
  // Iterative, not recursive: a thread nested 50,000 deep overflowed the call stack.
  const seen = new Set<BThreadNode>();
  const stack: { n: BThreadNode | undefined; parentAuthor?: string }[] = [{ n: root }];
  while (stack.length) {
    const { n, parentAuthor } = stack.pop()!;
    if (!n || typeof n !== 'object' || seen.has(n)) continue;
    seen.add(n);
    if (n.blocked || n.$type?.endsWith('#blockedPost')) unavailable.push({ uri: n.uri ?? '?', reason: 'blocked' });
    else if (n.notFound || n.$type?.endsWith('#notFoundPost'))
      unavailable.push({ uri: n.uri ?? '?', reason: 'not found' });
    if (!n.post) continue;
    const parentDid = parentAuthor ?? n.parent?.post?.author.did;
    const np = posts.has(n.post.uri) ? undefined : normalizePostView(n.post, false, parentDid);
    if (np) posts.set(n.post.uri, np);
    const replies = Array.isArray(n.replies) ? n.replies : [];
    for (let i = replies.length - 1; i >= 0; i--) stack.push({ n: replies[i], parentAuthor: n.post.author.did });
    stack.push({ n: n.parent });
  }
  return { posts: [...posts.values()], unavailable };
}

/** getAuthorFeed items (reposts marked as such). */
export function normalizeFeed(items: readonly BFeedItem[]): NormalizedPost[] {
  return items
    .map((i) => normalizePostView(i.post, Boolean(i.reason?.$type?.includes('reasonRepost'))))
    .filter((p) => p !== undefined);
}
