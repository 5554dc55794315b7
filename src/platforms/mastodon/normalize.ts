import { postInstant, type Post } from '../../model/index.js';
import { htmlToText, type NormalizedPost } from '../normalized.js';
import type { MAccount, MMention, MStatus } from './types.js';

export const MASTODON_ADAPTER_VERSION = 'mastodon-1';

/**
 * The placeholder id of a status known only by its local id on `server` (the API address there):
 * a reply whose parent is neither in the payload nor resolvable to its canonical URI points here,
 * and the importer keeps every stored status's local id under this name as an alias, so that a
 * later file from the same server resolves it (post_aliases).
 */
export function localStatusRef(server: string, localId: string): string {
  return `https://${server}/api/v1/statuses/${localId}`;
}

/** True for a placeholder made by localStatusRef (any server). */
export function isLocalStatusRef(id: string): boolean {
  return /^https:\/\/[^/]+\/api\/v1\/statuses\/[^/]+$/.test(id);
}

/**
 * Statuses from one server, normalized. Ids are the statuses' URIs, which are the same on every
 * server (local ids are not). A parent is found by its local id among the statuses given; else
 * its author (`in_reply_to_account_id`, looked up among every account the payload names) gives
 * the canonical URI when that account is local to the server ("https://server/users/name/statuses/id",
 * the host taken from the account's `url`). Only a parent by a remote (or unknown) author that is
 * not in the payload stays unresolved: it gets its local placeholder (localStatusRef), which the
 * importer resolves through the local ids of statuses stored earlier.
 * `rootUri` names the thread root when known (the status whose context this is); otherwise the
 * root is the top of the chain found in the payload, or, when that top is itself a reply, its
 * parent's id (the importer replaces it by the parent's own root once the parent is stored).
 */
export function normalizeStatuses(statuses: readonly MStatus[], server: string, rootUri?: string): NormalizedPost[] {
  const byLocalId = new Map(statuses.map((s) => [s.id, s]));
  const accounts = accountsOf(statuses);
  const parentUri = (s: MStatus): string | undefined => {
    if (!s.in_reply_to_id) return undefined;
    const known = byLocalId.get(s.in_reply_to_id);
    if (known) return known.uri;
    const author = s.in_reply_to_account_id ? accounts.get(s.in_reply_to_account_id) : undefined;
    if (author && !author.acct.includes('@'))
      return `https://${hostOf(author, server)}/users/${author.username}/statuses/${s.in_reply_to_id}`;
    return localStatusRef(server, s.in_reply_to_id);
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

/** Every account a payload names (authors, reblogged authors, mentions), by local id on its server. */
function accountsOf(statuses: readonly MStatus[]): Map<string, MAccount | MMention> {
  const out = new Map<string, MAccount | MMention>();
  const add = (a: MAccount | MMention | undefined) => {
    if (a?.id && typeof a.acct === 'string' && typeof a.username === 'string' && !out.has(a.id)) out.set(a.id, a);
  };
  for (const s of statuses) {
    add(s.account);
    add(s.reblog?.account);
    for (const m of [...(s.mentions ?? []), ...(s.reblog?.mentions ?? [])]) add(m);
  }
  return out;
}

/** The host of a local account's pages (its `url`), else the server the payload came from. */
function hostOf(a: { url?: string | null }, server: string): string {
  try {
    return a.url ? new URL(a.url).host : server;
  } catch {
    return server;
  }
}

/**
 * The local ids of the statuses of a payload (and of the statuses they reblog) as placeholders of
 * `server`, each with the canonical URI it stands for.
 */
export function statusAliases(statuses: readonly MStatus[], server: string): { alias: string; uri: string }[] {
  const out = new Map<string, string>();
  for (const s of statuses)
    for (const x of [s, s.reblog]) if (x?.id && typeof x.uri === 'string') out.set(localStatusRef(server, x.id), x.uri);
  return [...out].map(([alias, uri]) => ({ alias, uri }));
}

/**
 * Why a status's time cannot be used (`created_at: missing`, `created_at: not a valid time ("...")`),
 * or undefined when it can: such a status must be rejected, never stored at 1970.
 */
export function statusTimeProblem(s: { created_at?: unknown }): string | undefined {
  if (postInstant(s.created_at)) return undefined;
  return s.created_at === undefined || s.created_at === null
    ? 'created_at: missing'
    : `created_at: not a valid time (${JSON.stringify(s.created_at).slice(0, 40)})`;
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
