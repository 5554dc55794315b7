import type { Platform } from '../model/index.js';
import type { MonitoredIndex } from './monitored.js';
import { nameHash, type AuthorHasher } from './privacy.js';

/**
 * The raw payload of a post as stored (METHOD.md 7): what the API returned, without anything that
 * names or identifies a citizen. Each platform's payload is kept field by field from a list of what
 * is known to be safe (post ids, conversation and reply-to ids, times, languages, counts, the
 * payload's types); everything else is left out, so a field the API adds later never carries a
 * citizen's name in. Free text (the post's own words, with @handles and names in it) is left out
 * too: posts.text holds it, under the retention period. Citizens' user ids become the keyed hash
 * of the author_id column; names, handles, display names, profile URLs and avatars are removed; the
 * words of a citizen's name are kept only as keyed hashes (`webcare_names`), which the retention
 * step uses to find the name in the organisation's replies. Monitored accounts keep their fields.
 */

/** Marks a scrubbed payload, with the version of these rules. */
export const RAW_SCRUBBED = 'webcare_scrubbed';
export const RAW_SCRUB_VERSION = 1;

export interface RawScrubContext {
  platform: Platform;
  /** The post's author is a monitored account: its own account fields stay as they are. */
  authorIsOrg: boolean;
  /** What the author_id column holds (the keyed hash for a citizen). */
  authorId: string;
  /** What the reply_to_user_id column holds. */
  replyToUserId: string | null;
  /**
   * A user id as it appears in the payload (Mastodon: an account's local id): a monitored
   * account's as it is, a citizen's as its keyed hash, or undefined when it cannot be hashed the
   * way the columns are (then it is removed).
   */
  userId(id: string): string | undefined;
  isOrgUser(id: string): boolean;
  /** Whether a handle (Mastodon: acct as in the payload) is a monitored account's. */
  isOrgHandle(handle: string): boolean;
  /** Keyed hash of one word of a citizen's name; without it names are only removed. */
  nameHash?(word: string): string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => Boolean(x) && typeof x === 'object' && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';

/** Copies the listed fields that have the given primitive type. */
function copy(from: Obj, to: Obj, keys: readonly string[], type: 'string' | 'number' | 'boolean'): void {
  for (const k of keys) if (typeof from[k] === type) to[k] = from[k];
}

/** Only the numbers of a flat object (counts, offsets). */
function numbers(x: unknown): Obj | undefined {
  if (!isObj(x)) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(x)) if (typeof v === 'number') out[k] = v;
  return out;
}

function set(to: Obj, key: string, value: unknown): void {
  if (value !== undefined) to[key] = value;
}

// Words of a display name that are not (parts of) a name: left out of the name hashes.
const NOT_NAME_WORDS = new Set(
  'de van der den het een en in op uit te ter ten von la le du the and of mama papa mevrouw meneer gemeente official'.split(
    ' ',
  ),
);

/** The words of a citizen's display name worth finding later ("Anna de Vries 🌷" -> Anna, Vries). */
export function nameWords(name: string): string[] {
  const words = name.normalize('NFC').match(/[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2 && !NOT_NAME_WORDS.has(w.toLowerCase())))];
}

class Scrubber {
  readonly names = new Set<string>();
  constructor(readonly c: RawScrubContext) {}

  name(display: unknown): void {
    if (!isStr(display) || !this.c.nameHash) return;
    for (const w of nameWords(display)) this.names.add(this.c.nameHash(w));
  }

  /** X API v2 tweet. */
  tweet(t: Obj): Obj {
    const c = this.c;
    const out: Obj = {};
    copy(t, out, ['id', 'conversation_id', 'created_at', 'lang', 'reply_settings'], 'string');
    copy(t, out, ['possibly_sensitive'], 'boolean');
    if (Array.isArray(t.edit_history_tweet_ids)) out.edit_history_tweet_ids = t.edit_history_tweet_ids.filter(isStr);
    set(out, 'public_metrics', numbers(t.public_metrics));
    if (isStr(t.author_id)) out.author_id = c.authorId;
    if (isStr(t.in_reply_to_user_id))
      set(out, 'in_reply_to_user_id', c.userId(t.in_reply_to_user_id) ?? c.replyToUserId ?? undefined);
    if (Array.isArray(t.referenced_tweets))
      out.referenced_tweets = t.referenced_tweets.filter(isObj).map((r) => {
        const ref: Obj = {};
        copy(r, ref, ['type', 'id'], 'string');
        return ref;
      });
    const mentions = isObj(t.entities) && Array.isArray(t.entities.mentions) ? t.entities.mentions : undefined;
    if (mentions)
      out.entities = {
        mentions: mentions.filter(isObj).map((m) => {
          const org = (isStr(m.username) && c.isOrgHandle(m.username)) || (isStr(m.id) && c.isOrgUser(m.id));
          const kept: Obj = numbers({ start: m.start, end: m.end })!;
          if (isStr(m.id)) set(kept, 'id', org ? m.id : c.userId(m.id));
          if (org && isStr(m.username)) kept.username = m.username;
          if (!org) this.name(m.name); // twarc's flattened mentions carry the user
          return kept;
        }),
      };
    // A flattened tweet inlines its author and the user it replies to.
    if (!c.authorIsOrg && isObj(t.author)) this.name(t.author.name);
    if (isObj(t.in_reply_to_user) && !(isStr(t.in_reply_to_user.id) && c.isOrgUser(t.in_reply_to_user.id)))
      this.name(t.in_reply_to_user.name);
    return out;
  }

  /** Mastodon status; `own` is the post's status itself (not a status it reblogs). */
  status(s: Obj, own = true): Obj {
    const c = this.c;
    const out: Obj = {};
    copy(s, out, ['id', 'uri', 'created_at', 'edited_at', 'in_reply_to_id', 'language', 'visibility'], 'string');
    copy(s, out, ['sensitive'], 'boolean');
    copy(s, out, ['replies_count', 'reblogs_count', 'favourites_count'], 'number');
    const a = isObj(s.account) ? s.account : undefined;
    const org = own ? c.authorIsOrg : Boolean(a && this.orgAccount(a));
    if (a) {
      if (org) out.account = a;
      else {
        out.account = {};
        if (isStr(a.id)) set(out.account as Obj, 'id', own ? c.authorId : c.userId(a.id));
        this.name(a.display_name);
      }
    }
    if (org && isStr(s.url)) out.url = s.url;
    if (isStr(s.in_reply_to_account_id))
      set(
        out,
        'in_reply_to_account_id',
        c.userId(s.in_reply_to_account_id) ?? (own ? (c.replyToUserId ?? undefined) : undefined),
      );
    if (Array.isArray(s.mentions))
      out.mentions = s.mentions.filter(isObj).map((m) => {
        if (this.orgAccount(m)) {
          const kept: Obj = {};
          copy(m, kept, ['id', 'username', 'acct', 'url'], 'string');
          return kept;
        }
        const kept: Obj = {};
        if (isStr(m.id)) set(kept, 'id', c.userId(m.id));
        return kept;
      });
    if (isObj(s.reblog)) out.reblog = this.status(s.reblog, false);
    return out;
  }

  private orgAccount(a: Obj): boolean {
    return (isStr(a.acct) && this.c.isOrgHandle(a.acct)) || (isStr(a.id) && this.c.isOrgUser(a.id));
  }

  /** Bluesky post view. */
  postView(p: Obj): Obj {
    const c = this.c;
    const out: Obj = {};
    copy(p, out, ['uri', 'cid', 'indexedAt'], 'string');
    copy(p, out, ['replyCount', 'repostCount', 'likeCount', 'quoteCount'], 'number');
    if (isObj(p.author)) {
      if (c.authorIsOrg) out.author = p.author;
      else {
        out.author = isStr(p.author.did) ? { did: c.authorId } : {};
        this.name(p.author.displayName);
      }
    }
    if (isObj(p.record)) {
      const r = p.record;
      const rec: Obj = {};
      copy(r, rec, ['$type', 'createdAt'], 'string');
      if (Array.isArray(r.langs)) rec.langs = r.langs.filter(isStr);
      if (isObj(r.reply)) {
        const reply: Obj = {};
        for (const k of ['root', 'parent'] as const) {
          const ref = r.reply[k];
          if (!isObj(ref)) continue;
          const kept: Obj = {};
          copy(ref, kept, ['uri', 'cid'], 'string');
          reply[k] = kept;
        }
        rec.reply = reply;
      }
      if (Array.isArray(r.facets))
        rec.facets = r.facets.filter(isObj).map((f) => {
          const facet: Obj = {};
          set(facet, 'index', numbers(f.index));
          if (Array.isArray(f.features))
            facet.features = f.features.filter(isObj).map((feature) => {
              const kept: Obj = {};
              copy(feature, kept, ['$type'], 'string');
              if (isStr(feature.did)) set(kept, 'did', c.userId(feature.did));
              return kept;
            });
          return facet;
        });
      if (isObj(r.embed) && isStr(r.embed.$type)) rec.embed = { $type: r.embed.$type };
      out.record = rec;
    }
    if (isObj(p.embed) && isStr(p.embed.$type)) out.embed = { $type: p.embed.$type };
    return out;
  }

  /** Facebook Graph API post or comment. */
  graph(p: Obj): Obj {
    const c = this.c;
    const out: Obj = {};
    copy(p, out, ['id', 'created_time'], 'string');
    copy(p, out, ['comment_count', 'like_count'], 'number');
    if (isObj(p.parent) && isStr(p.parent.id)) out.parent = { id: p.parent.id };
    const from = isObj(p.from) ? p.from : undefined;
    if (from) {
      if (c.authorIsOrg) out.from = from;
      else {
        out.from = isStr(from.id) ? { id: c.authorId } : {};
        this.name(from.name);
      }
    }
    // A comment's permalink names the page, the post and the comment; a profile's post may name its author.
    if (isStr(p.permalink_url) && (c.authorIsOrg || !(from && isStr(from.id) && p.permalink_url.includes(from.id))))
      out.permalink_url = p.permalink_url;
    const tags = Array.isArray(p.message_tags)
      ? p.message_tags
      : isObj(p.message_tags)
        ? Object.values(p.message_tags).flat() // older API versions: keyed by offset
        : undefined;
    if (tags)
      out.message_tags = tags.filter(isObj).map((t) => {
        const org = isStr(t.id) && c.isOrgUser(t.id);
        const kept: Obj = numbers({ offset: t.offset, length: t.length })!;
        copy(t, kept, ['type'], 'string');
        if (isStr(t.id)) set(kept, 'id', c.userId(t.id));
        if (org && isStr(t.name)) kept.name = t.name;
        if (!org) this.name(t.name);
        return kept;
      });
    return out;
  }
}

/**
 * The payload as stored: see the module comment. An already scrubbed payload comes back as it is;
 * one that is not an object keeps nothing but the mark.
 */
export function scrubRaw(raw: unknown, c: RawScrubContext): Record<string, unknown> {
  if (isObj(raw) && typeof raw[RAW_SCRUBBED] === 'number') return raw;
  const s = new Scrubber(c);
  let out: Obj = {};
  if (isObj(raw)) {
    if (c.platform === 'x') out = s.tweet(raw);
    else if (c.platform === 'mastodon') out = s.status(raw);
    else if (c.platform === 'bluesky') out = s.postView(raw);
    else out = s.graph(raw);
    // The pipeline's own notes: a post cut to size, a thread that may be incomplete.
    copy(raw, out, ['cut'], 'boolean');
    copy(raw, out, ['text_length'], 'number');
    for (const [k, v] of Object.entries(raw))
      if (k.startsWith('webcare_') && (typeof v === 'boolean' || typeof v === 'number')) out[k] = v;
  }
  if (s.names.size) out.webcare_names = [...s.names].sort();
  out[RAW_SCRUBBED] = RAW_SCRUB_VERSION;
  return out;
}

/** What scrubbing a post's payload needs to know about it and its columns. */
export interface ScrubPostInfo {
  platform: Platform;
  authorIsOrg: boolean;
  /** The author_id and reply_to_user_id columns, as stored. */
  authorId: string;
  replyToUserId: string | null;
  /** Mastodon: the server whose local account ids the payload carries, when known. */
  server?: string;
}

/** The context for scrubRaw from the monitored index and the hasher (the same hashes as the columns). */
export function scrubContext(info: ScrubPostInfo, index: MonitoredIndex, hash: AuthorHasher): RawScrubContext {
  const { platform, server } = info;
  // Mastodon account ids are local to a server: the columns hash "server:id".
  const key = (id: string): string | undefined =>
    platform !== 'mastodon' ? id : server ? `${server}:${id}` : undefined;
  const isOrgUser = (id: string): boolean => {
    const k = key(id);
    return Boolean(k && index.orgOfUserId(platform, k));
  };
  return {
    platform,
    authorIsOrg: info.authorIsOrg,
    authorId: info.authorId,
    replyToUserId: info.replyToUserId,
    isOrgUser,
    userId(id) {
      const k = key(id);
      if (!k) return undefined;
      return index.orgOfUserId(platform, k) ? id : hash(platform, k);
    },
    isOrgHandle(handle) {
      const full = platform === 'mastodon' && server && !handle.includes('@') ? `${handle}@${server}` : handle;
      return Boolean(index.orgOfHandle(platform, full));
    },
    nameHash: (word) => nameHash(hash, platform, word),
  };
}

/** The server a Mastodon author id ("server:local id") names. */
export function serverOfAccountKey(authorId: string): string | undefined {
  const i = authorId.lastIndexOf(':');
  return i > 0 ? authorId.slice(0, i) : undefined;
}

/**
 * The server whose local ids a stored Mastodon status carries, read from the status itself: the
 * host of an account it names without a domain (a local account). Undefined when none is local.
 */
export function serverOfStatus(raw: unknown): string | undefined {
  if (!isObj(raw)) return undefined;
  const accounts = [raw.account, ...(Array.isArray(raw.mentions) ? raw.mentions : [])];
  for (const a of accounts) {
    if (!isObj(a) || !isStr(a.acct) || a.acct.includes('@') || !isStr(a.url)) continue;
    try {
      return new URL(a.url).host;
    } catch {
      continue;
    }
  }
  return undefined;
}
