import { postInstant } from '../../model/index.js';
import type { Post, PostKind } from '../../model/index.js';
import type { NormalizedPost } from '../normalized.js';
import { problemOf, tweetSchema, userSchema } from './schema.js';
import type { XPage, XReference, XTweet, XUser } from './types.js';

/** Bumped when normalized output changes, so stored posts say which code made them. */
export const X_ADAPTER_VERSION = 'x-1';

export type { NormalizedPost } from '../normalized.js';

function kindOf(t: XTweet): PostKind {
  const refs = t.referenced_tweets ?? [];
  if (refs.some((r) => r.type === 'retweeted')) return 'repost';
  if (refs.some((r) => r.type === 'replied_to') || t.in_reply_to_user_id) return 'reply';
  if (refs.some((r) => r.type === 'quoted')) {
    // A quote with no words of its own (only the link to the quoted post) counts as a repost.
    const own = t.text
      .replace(/https?:\/\/\S+/g, '')
      .replace(/@\w+/g, '')
      .trim();
    return own ? 'quote' : 'repost';
  }
  return 'post';
}

function toPost(t: XTweet, users: Map<string, XUser>, referencedOnly: boolean): Post | undefined {
  if (typeof t.id !== 'string' || typeof t.text !== 'string') return undefined;
  // No time, no post: a tweet stored at 1970 would become an old unanswered request.
  const createdAt = postInstant(t.created_at);
  if (!createdAt) return undefined;
  const author = t.author_id ? users.get(t.author_id) : undefined;
  const parent = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
  const post: Post = {
    platform: 'x',
    id: t.id,
    authorId: t.author_id ?? 'unknown',
    createdAt,
    text: t.text,
    kind: kindOf(t),
    mentions: (t.entities?.mentions ?? []).map((m) => m.username.toLowerCase()),
    url: `https://x.com/${author?.username ?? 'i'}/status/${t.id}`,
  };
  if (author) post.authorHandle = author.username;
  if (parent) post.replyToId = parent;
  if (t.in_reply_to_user_id) post.replyToUserId = t.in_reply_to_user_id;
  if (t.conversation_id) post.threadRootId = t.conversation_id;
  if (t.lang) post.lang = t.lang;
  if (referencedOnly) post.referencedOnly = true;
  return post;
}

/**
 * Normalizes one X API v2 response page (search, timeline, lookup or a stream message, where
 * `data` is one object): its tweets, plus the referenced tweets that only came in
 * `includes.tweets` (marked referencedOnly), and the users it names. A tweet or user whose fields
 * do not have the API's types is left out and named in `rejected` ("data[3].created_at: ...").
 */
export function normalizePage(page: XPage): { posts: NormalizedPost[]; users: XUser[]; rejected: string[] } {
  const rejected: string[] = [];
  const valid = <T>(list: unknown, schema: typeof tweetSchema | typeof userSchema, at: string): T[] => {
    const items = Array.isArray(list) ? list : list ? [list] : [];
    return items.filter((item, i) => {
      const problem = problemOf(schema, item, `${at}[${i}]`);
      if (problem) rejected.push(problem);
      return !problem;
    }) as T[];
  };
  if (page.data !== undefined && page.data !== null && typeof page.data !== 'object') rejected.push('data: not tweets');
  const includes = page.includes && typeof page.includes === 'object' ? page.includes : {};
  const users = new Map(valid<XUser>(includes.users, userSchema, 'includes.users').map((u) => [u.id, u]));
  const posts: NormalizedPost[] = [];
  const seen = new Set<string>();
  for (const t of valid<XTweet>(page.data, tweetSchema, 'data')) {
    const p = toPost(t, users, false);
    if (p) posts.push({ post: p, raw: t });
    else rejected.push(`data: tweet ${t.id}: created_at not a valid time`);
    seen.add(t.id);
  }
  for (const t of valid<XTweet>(includes.tweets, tweetSchema, 'includes.tweets')) {
    if (seen.has(t.id)) continue;
    const p = toPost(t, users, true);
    if (p) posts.push({ post: p, raw: t });
  }
  return { posts, users: [...users.values()], rejected };
}

/** A twarc2 flattened tweet (author, referenced tweets and users inlined) as the page it came from. */
export function flatToPage(flat: Record<string, unknown>): XPage {
  type Flat = Omit<XTweet, 'referenced_tweets'> & {
    author?: XUser;
    in_reply_to_user?: XUser;
    referenced_tweets?: (XTweet & { type: XReference['type']; author?: XUser })[];
    __twarc?: unknown;
  };
  const { author, in_reply_to_user, referenced_tweets, __twarc: _stamp, ...tweet } = flat as unknown as Flat;
  const users: XUser[] = [author, in_reply_to_user].filter((u): u is XUser => Boolean(u?.id));
  const tweets: XTweet[] = [];
  // A malformed reference list is left for the schema check of normalizePage to name.
  const refs = (Array.isArray(referenced_tweets) ? referenced_tweets : []).map((r) => {
    const { type, author: refAuthor, ...rest } = r;
    if (refAuthor?.id) users.push(refAuthor);
    if (typeof rest.text === 'string') tweets.push(rest as XTweet);
    return { type, id: r.id };
  });
  return {
    // A malformed reference list stays in, for the schema check of normalizePage to name it.
    data: [
      {
        ...(tweet as XTweet),
        ...(refs.length ? { referenced_tweets: refs } : {}),
        ...(referenced_tweets !== undefined && !Array.isArray(referenced_tweets) ? { referenced_tweets } : {}),
      },
    ],
    includes: { users, tweets },
  };
}
