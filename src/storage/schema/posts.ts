import type { Platform, PostKind } from '../../model/index.js';

/** posts: everything fetched, keyed on (platform, id); raw payload kept with provenance. */
export interface PostsTable {
  platform: Platform;
  id: string; // TEXT: X and Mastodon ids exceed 2^53
  author_id: string; // keyed hash for citizens (METHOD.md section 7)
  author_handle: string | null;
  author_is_org: 0 | 1;
  org_id: string | null; // the organisation the author account belongs to
  kind: PostKind;
  text: string | null; // null once the retention period removed a citizen's text
  created_at: string;
  reply_to_id: string | null;
  reply_to_user_id: string | null;
  thread_root_id: string | null;
  mentions: string; // JSON array of handles
  lang: string | null;
  url: string | null;
  referenced_only: 0 | 1; // 1 = only seen as a referenced post
  raw: string | null; // JSON payload as received
  source: string; // e.g. "x:search", "import:twarc:file.jsonl"
  fetched_at: string;
  adapter_version: string;
  text_purged_at: string | null;
}
