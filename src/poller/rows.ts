import type { Platform, Post } from '../model/index.js';
import type { NormalizedPost } from '../platforms/normalized.js';
import type { PostRow } from '../storage/posts.js';
import type { MonitoredIndex } from './monitored.js';
import type { AuthorHasher } from './privacy.js';
import { scrubContext, scrubRaw, serverOfAccountKey } from './raw-scrub.js';

export interface Provenance {
  source: string;
  fetchedAt: string;
  adapterVersion: string;
}

/**
 * A normalized post as a database row: monitored accounts keep their ids and handles, citizens are
 * stored as keyed hashes without handle, and the raw payload is stored without citizens' ids,
 * names, handles and texts (raw-scrub.ts; METHOD.md 7). Returns the row and, for a monitored
 * author, its org id and handle (so the caller can learn the account's platform user id).
 */
export function toRow(
  np: NormalizedPost,
  index: MonitoredIndex,
  hash: AuthorHasher,
  prov: Provenance,
): { row: PostRow; org?: { id: string; handle: string } } {
  const p = np.post;
  const platform = p.platform;
  const orgId =
    (p.authorHandle && index.orgOfHandle(platform, p.authorHandle)) || index.orgOfUserId(platform, p.authorId);
  const userId = (id: string) => (index.orgOfUserId(platform, id) ? id : hash(platform, id));
  const row: PostRow = {
    platform,
    id: p.id,
    author_id: orgId ? p.authorId : hash(platform, p.authorId),
    author_handle: orgId ? (p.authorHandle ?? null) : null,
    author_is_org: orgId ? 1 : 0,
    org_id: orgId ?? null,
    kind: p.kind,
    text: p.text,
    created_at: p.createdAt,
    reply_to_id: p.replyToId ?? null,
    reply_to_user_id: p.replyToUserId ? userId(p.replyToUserId) : null,
    thread_root_id: p.threadRootId ?? null,
    mentions: JSON.stringify(p.mentions),
    lang: p.lang ?? null,
    url: orgId ? (p.url ?? null) : citizenUrl(p),
    referenced_only: p.referencedOnly ? 1 : 0,
    raw: null,
    source: prov.source,
    fetched_at: prov.fetchedAt,
    adapter_version: prov.adapterVersion,
    text_purged_at: null,
  };
  const info = {
    platform,
    authorIsOrg: Boolean(orgId),
    authorId: row.author_id,
    replyToUserId: row.reply_to_user_id,
    ...(platform === 'mastodon' ? { server: serverOfAccountKey(p.authorId) } : {}),
  };
  row.raw = JSON.stringify(scrubRaw(np.raw, scrubContext(info, index, hash)));
  return orgId && p.authorHandle ? { row, org: { id: orgId, handle: p.authorHandle } } : { row };
}

/**
 * A citizen post's link without the citizen in it where the platform allows: X links go through
 * /i/status, a Facebook link that names its author (a profile's post) becomes the post id's link.
 * Mastodon and Bluesky links name the account as the post id does; the retention step removes them.
 */
function citizenUrl(p: Post): string | null {
  if (!p.url) return null;
  if (p.platform === 'x') return p.url.replace(/x\.com\/[^/]+\/status/, 'x.com/i/status');
  if (p.platform === 'facebook' && p.url.includes(p.authorId)) return `https://www.facebook.com/${p.id}`;
  return p.url;
}

/** A stored row back as a model post (authors as stored: hashed for citizens). */
export function rowToPost(r: PostRow): Post {
  const post: Post = {
    platform: r.platform as Platform,
    id: r.id,
    authorId: r.author_id,
    createdAt: r.created_at,
    text: r.text ?? '',
    kind: r.kind as Post['kind'],
    mentions: JSON.parse(r.mentions) as string[],
  };
  if (r.author_handle) post.authorHandle = r.author_handle;
  if (r.reply_to_id) post.replyToId = r.reply_to_id;
  if (r.reply_to_user_id) post.replyToUserId = r.reply_to_user_id;
  if (r.thread_root_id) post.threadRootId = r.thread_root_id;
  if (r.lang) post.lang = r.lang;
  if (r.url) post.url = r.url;
  if (r.referenced_only) post.referencedOnly = true;
  return post;
}
