import { postInstant, type Post } from '../../model/index.js';
import type { NormalizedPost } from '../normalized.js';
import type { FbComment, FbPost } from './types.js';

export const FACEBOOK_ADAPTER_VERSION = 'facebook-1';

/** Ids from a comment permalink: ".../{page}/posts/{post}/?comment_id=C[&reply_comment_id=R]". */
export function permalinkIds(url: string | undefined): {
  page?: string;
  post?: string;
  comment?: string;
  reply?: string;
} {
  if (!url) return {};
  const m = url.match(/facebook\.com\/([^/?]+)\/posts\/([^/?]+)/);
  const q = new URL(url, 'https://www.facebook.com').searchParams;
  return {
    page: m?.[1],
    post: m?.[2],
    comment: q.get('comment_id') ?? undefined,
    reply: q.get('reply_comment_id') ?? undefined,
  };
}

/** Graph API times ("2026-11-02T09:00:00+0000") as ISO UTC; undefined when missing or invalid (never 1970). */
function isoTime(t: string | undefined): string | undefined {
  return typeof t === 'string' ? postInstant(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : undefined;
}

/** Page posts (feed, published or visitor posts). `pageId` marks the page's own posts when `from` is absent. */
export function normalizeFbPosts(posts: readonly FbPost[], pageId?: string): NormalizedPost[] {
  return posts.flatMap((p) => {
    const createdAt = isoTime(p.created_time);
    if (!createdAt) return []; // a post without a valid time is left out, never stored at 1970
    const author = p.from?.id ?? pageId ?? p.id.split('_')[0]!;
    const post: Post = {
      platform: 'facebook',
      id: p.id,
      authorId: author,
      authorHandle: author,
      createdAt,
      text: p.message ?? '',
      kind: 'post',
      mentions: [],
      threadRootId: p.id,
      url: p.permalink_url ?? `https://www.facebook.com/${p.id}`,
    };
    return [{ post, raw: p }];
  });
}

/**
 * Comments of one page post (filter=stream: all levels, flat). Without a page token the Graph API
 * leaves out comment ids and commenters: the ids are then taken from `permalink_url`, and a comment
 * without `from` gets an author of its own (never merged with others) and is counted as anonymous.
 */
export function normalizeFbComments(
  comments: readonly FbComment[],
  postId?: string,
): { posts: NormalizedPost[]; anonymous: number } {
  let anonymous = 0;
  const posts: NormalizedPost[] = [];
  for (const c of comments) {
    const ids = permalinkIds(c.permalink_url);
    const root = postId ?? (ids.page && ids.post ? `${ids.page}_${ids.post}` : undefined);
    const rootPost = root?.split('_').pop() ?? ids.post;
    const own = c.id ?? ((ids.reply ?? ids.comment) ? `${rootPost}_${ids.reply ?? ids.comment}` : undefined);
    const createdAt = isoTime(c.created_time);
    if (!own || !createdAt) continue;
    const parent = c.parent?.id ?? (ids.reply && ids.comment ? `${rootPost}_${ids.comment}` : root);
    if (!c.from) anonymous++;
    const post: Post = {
      platform: 'facebook',
      id: own,
      authorId: c.from?.id ?? `anonymous:${own}`,
      createdAt,
      text: c.message ?? '',
      kind: 'comment',
      mentions: [],
      url: c.permalink_url ?? `https://www.facebook.com/${own}`,
    };
    if (c.from?.id) post.authorHandle = c.from.id;
    if (root) post.threadRootId = root;
    if (parent) post.replyToId = parent;
    posts.push({ post, raw: c });
  }
  return { posts, anonymous };
}
