import type { Post } from '../../model/index.js';
import { htmlToText, type NormalizedPost } from '../normalized.js';
import type { MAccount, MStatus } from './types.js';

export const MASTODON_ADAPTER_VERSION = 'mastodon-1';

/**
 * Statuses from one server, normalized. Ids are the statuses' URIs, which are the same on every
 * server (local ids are not). A parent is found by its local id among the statuses given, or built
 * from the mentioned local account ("https://server/users/name/statuses/id"); only a remote parent
 * that is not in the payload stays unresolved (its API address on the queried server is kept).
 * `rootUri` names the thread root when known (the status whose context this is).
 */
export function normalizeStatuses(statuses: readonly MStatus[], server: string, rootUri?: string): NormalizedPost[] {
  const origin = `https://${server}`;
  const byLocalId = new Map(statuses.map((s) => [s.id, s]));
  const parentUri = (s: MStatus): string | undefined => {
    if (!s.in_reply_to_id) return undefined;
    const known = byLocalId.get(s.in_reply_to_id);
    if (known) return known.uri;
    const author =
      s.mentions?.find((m) => m.id === s.in_reply_to_account_id) ??
      (s.in_reply_to_account_id === s.account.id ? s.account : undefined);
    if (author && !author.acct.includes('@')) return `${origin}/users/${author.username}/statuses/${s.in_reply_to_id}`;
    return `${origin}/api/v1/statuses/${s.in_reply_to_id}`;
  };
  const rootOf = (s: MStatus): string => {
    if (rootUri) return rootUri;
    let cur = s;
    for (let i = 0; i < 100 && cur.in_reply_to_id; i++) {
      const up = byLocalId.get(cur.in_reply_to_id);
      if (!up) return parentUri(cur)!;
      cur = up;
    }
    return cur.uri;
  };
  return statuses.map((s) => {
    const reblog = Boolean(s.reblog);
    const post: Post = {
      platform: 'mastodon',
      id: s.uri,
      authorId: accountKey(s.account, server),
      authorHandle: fullAcct(s.account, server),
      createdAt: new Date(s.created_at).toISOString(),
      text: htmlToText(s.content ?? ''),
      kind: reblog ? 'repost' : s.in_reply_to_id ? 'reply' : 'post',
      mentions: (s.mentions ?? []).map((m) => fullAcct(m, server).toLowerCase()),
      url: s.url ?? s.uri,
      threadRootId: s.uri === rootUri ? s.uri : rootOf(s),
    };
    const parent = parentUri(s);
    if (parent && s.uri !== rootUri) post.replyToId = parent;
    if (s.in_reply_to_account_id) post.replyToUserId = `${server}:${s.in_reply_to_account_id}`;
    if (s.language) post.lang = s.language;
    return { post, raw: s };
  });
}

/** "name@server.tld" for any account, also local ones (whose acct has no domain). */
export function fullAcct(a: { acct: string }, server: string): string {
  return a.acct.includes('@') ? a.acct : `${a.acct}@${server}`;
}

/** A stable user key: the account's local id on the queried server. */
export function accountKey(a: MAccount, server: string): string {
  return `${server}:${a.id}`;
}

/** A Mastodon profile as bio text: the note and the profile fields, HTML removed. */
export function accountBio(a: MAccount): string {
  const fields = (a.fields ?? []).map((f) => `${htmlToText(f.name)}: ${htmlToText(f.value)}`);
  return [htmlToText(a.note ?? ''), ...fields].filter(Boolean).join('\n');
}
