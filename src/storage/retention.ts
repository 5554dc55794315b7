import { type Kysely, type Transaction } from 'kysely';
import type { Platform } from '../model/index.js';
import { DAY_MS } from '../model/time.js';
import { noInstant } from './dialect.js';
import { idNamesAuthor, renamePosts } from './post-ids.js';
import { threadPosts, type PostRow } from './posts.js';
import { truncateWal, zeroDeletedContent } from './privacy.js';
import { scrubMentions, scrubOrgText } from './scrub-text.js';
import type { Database } from './schema/index.js';

// The retention step of METHOD.md 7 (the daily upkeep): what is cleared, scrubbed and renamed once
// a post's retention period has passed.

type Db = Kysely<Database> | Transaction<Database>;

/** The keyed hash of one word of a citizen's name on a platform (poller/privacy.ts nameHash). */
export type NameHasher = (platform: string, word: string) => string;

/** A post's link once the retention period has passed: none that names its citizen author. */
function purgedUrl(r: PostRow): string | null {
  if (!r.url) return null;
  if (r.platform === 'x') return `https://x.com/i/status/${r.id}`;
  // A profile's post links to "permalink.php?story_fbid=..&id=<author>"; a comment's names only the page.
  if (r.platform === 'facebook')
    return /permalink\.php|profile\.php|[?&]id=/.test(r.url) ? `https://www.facebook.com/${r.id}` : r.url;
  return null; // Mastodon and Bluesky links name the account ("@anna", the handle)
}

/** The keyed name hashes a stored payload carries (raw-scrub.ts `webcare_names`). */
function namesIn(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const doc = JSON.parse(raw) as { webcare_names?: unknown };
    return Array.isArray(doc.webcare_names) ? doc.webcare_names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * An organisation's payload after the retention period: the name hashes go; a payload stored
 * before payloads were scrubbed (no mark) goes entirely, as it may name citizens.
 */
function purgedOrgRaw(raw: string | null): string | null {
  if (!raw) return raw;
  try {
    const doc = JSON.parse(raw) as Record<string, unknown>;
    if (typeof doc.webcare_scrubbed !== 'number') return null;
    if (!('webcare_names' in doc)) return raw;
    delete doc.webcare_names;
    return JSON.stringify(doc);
  } catch {
    return null;
  }
}

/**
 * Privacy retention (METHOD.md 7). Citizen posts past the retention period lose their text, raw
 * payload, mentions and (Mastodon, Bluesky) their link, which names the account; ids, times,
 * classification and outcome remain. "Past" counts from the earlier of created_at and fetched_at,
 * so a post with an unparseable or far-future time goes when its fetch is that old (and one with
 * no valid time at all goes at once). The organisation's posts in those threads, and its own
 * posts past the period, keep their text without citizens in it: every @mention of an account
 * that is not monitored becomes "@burger", the name after a greeting ("Hoi Anna") and every word
 * of a citizen name known by its keyed hash (`nameHash`; none without it) becomes "[naam]", and
 * their mentions keep the monitored accounts only. Post ids stay as they are: Mastodon and Bluesky
 * ids hold the account's name or DID. The connection zeroes deleted content from then on, and
 * the WAL is emptied after a purge (unless the caller's transaction is open). Returns how many
 * citizen posts were purged.
 */
export async function purgeCitizenText(
  db: Db,
  now: Date,
  retentionDays: number,
  opts: { nameHash?: NameHasher; idHash?: NameHasher } = {},
): Promise<number> {
  // What the purge removes is overwritten in the file, and its earlier versions leave the WAL.
  await zeroDeletedContent(db);
  if (db.isTransaction) return purge(db, now, retentionDays, opts);
  const purged = await db.transaction().execute((trx) => purge(trx, now, retentionDays, opts));
  if (purged) await truncateWal(db);
  return purged;
}

async function purge(
  db: Db,
  now: Date,
  retentionDays: number,
  opts: { nameHash?: NameHasher; idHash?: NameHasher },
): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const due = (org: 0 | 1) =>
    db
      .selectFrom('posts')
      .select(['platform', 'id', (eb) => eb.fn.coalesce('thread_root_id', 'id').as('root')])
      .where('author_is_org', '=', org)
      .where('text_purged_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('created_at', '<', cutoff),
          eb('fetched_at', '<', cutoff),
          eb.and([noInstant(db, 'created_at'), noInstant(db, 'fetched_at')]),
        ]),
      )
      .execute();
  const citizens = await due(0);
  const orgPosts = await due(1);
  if (!citizens.length && !orgPosts.length) return 0;
  const dueIds = new Set([...citizens, ...orgPosts].map((r) => `${r.platform}\u0000${r.id}`));
  const roots = new Map<Platform, Set<string>>();
  for (const r of [...citizens, ...orgPosts]) {
    if (!roots.has(r.platform)) roots.set(r.platform, new Set());
    roots.get(r.platform)!.add(r.root);
  }
  const handles = new Map<string, Set<string>>();
  for (const a of await db.selectFrom('accounts').select(['platform', 'handle']).execute()) {
    if (!handles.has(a.platform)) handles.set(a.platform, new Set());
    const h = a.handle.toLowerCase();
    handles.get(a.platform)!.add(h);
    // A Mastodon mention of a local account is written without its server ("@gemeente").
    if (a.platform === 'mastodon' && h.includes('@')) handles.get(a.platform)!.add(h.split('@')[0]!);
  }
  let purged = 0;
  // Citizen post ids that name their author (Mastodon username, Bluesky DID): renamed to a keyed hash.
  const renames = new Map<Platform, Map<string, string>>();
  for (const [platform, set] of roots) {
    const isOrgHandle = (h: string) => handles.get(platform)?.has(h.toLowerCase()) ?? false;
    const all = [...set];
    for (let i = 0; i < all.length; i += 200) {
      const chunk = all.slice(i, i + 200);
      const rows = await threadPosts(db, platform, chunk);
      const byThread = new Map<string, PostRow[]>();
      for (const r of rows) {
        const root = r.thread_root_id ?? r.id;
        if (!byThread.has(root)) byThread.set(root, []);
        byThread.get(root)!.push(r);
      }
      // Each thread once, with all its posts: a root that sits in another thread is that thread's.
      const inChunk = new Set(chunk);
      for (const [root, thread] of byThread) {
        if (!inChunk.has(root)) continue;
        const isDue = (r: PostRow) => dueIds.has(`${r.platform}\u0000${r.id}`);
        const citizenDue = thread.some((r) => !r.author_is_org && isDue(r));
        // The words of the names of every citizen in the thread, as their keyed hashes.
        const names = new Set(thread.flatMap((r) => namesIn(r.raw)));
        const hasher = opts.nameHash;
        const isName = hasher && names.size ? (w: string) => names.has(hasher(platform, w)) : undefined;
        for (const r of thread) {
          if (!r.author_is_org) {
            if (!isDue(r)) continue;
            await db
              .updateTable('posts')
              .set({ text: null, raw: null, mentions: '[]', url: purgedUrl(r), text_purged_at: at })
              .where('platform', '=', platform)
              .where('id', '=', r.id)
              .execute();
            if (opts.idHash && idNamesAuthor(platform, r.id)) {
              if (!renames.has(platform)) renames.set(platform, new Map());
              renames.get(platform)!.set(r.id, `purged:${opts.idHash(platform, `post:${r.id}`)}`);
            }
            purged++;
            continue;
          }
          if (!isDue(r) && !citizenDue) continue;
          await db
            .updateTable('posts')
            .set({
              text: r.text === null ? null : scrubOrgText(r.text, { isOrgHandle, ...(isName ? { isName } : {}) }),
              mentions: scrubMentions(r.mentions, isOrgHandle),
              raw: purgedOrgRaw(r.raw),
              text_purged_at: r.text_purged_at ?? at,
            })
            .where('platform', '=', platform)
            .where('id', '=', r.id)
            .execute();
        }
      }
    }
  }
  for (const [platform, map] of renames) await renamePosts(db, platform, map);
  for (const [platform, map] of renames) await renamePosts(db, platform, map);
  return purged;
}
