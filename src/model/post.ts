import type { Platform } from './platform.js';

/** How a post relates to what it references. */
export type PostKind = 'post' | 'reply' | 'comment' | 'repost' | 'quote';

/** A normalized post from any platform or archive. Ids are strings: snowflakes exceed 2^53. */
export interface Post {
  platform: Platform;
  id: string;
  authorId: string;
  authorHandle?: string;
  createdAt: string; // ISO-8601 UTC
  text: string;
  kind: PostKind;
  replyToId?: string;
  replyToUserId?: string;
  threadRootId?: string;
  mentions: string[]; // handles, lowercase, without '@'
  lang?: string;
  url?: string;
  /** True when only seen as a referenced post (e.g. X includes.tweets), not fetched itself. */
  referencedOnly?: boolean;
}
