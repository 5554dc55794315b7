import { idNamesAuthor, renamePosts } from './post-ids.js';
import type { Platform } from '../model/index.js';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import { DAY_MS } from '../model/time.js';
import { assertInTransaction, rawConnection, type Store } from './db.js';
import { truncateWal, zeroDeletedContent } from './privacy.js';
import { scrubMentions, scrubOrgText } from './scrub-text.js';
import type { PostsTable, Database } from './schema/index.js';

export type PostRow = PostsTable;
type Db = Kysely<Database> | Transaction<Database>;

const COLUMNS = [
  'platform',
  'id',
  'author_id',
  'author_handle',
  'author_is_org',
  'org_id',
  'kind',
  'text',
  'created_at',
  'reply_to_id',
  'reply_to_user_id',
  'thread_root_id',
  'mentions',
  'lang',
  'url',
  'referenced_only',
  'raw',
  'source',
  'fetched_at',
  'adapter_version',
  'text_purged_at',
] as const;

// What a full post adds to a copy first seen only as a referenced post.
const COMPLETED = [
  'text',
  'raw',
  'source',
  'fetched_at',
  'reply_to_id',
  'reply_to_user_id',
  'thread_root_id',
  'mentions',
];

interface PostStatements {
  insert: SQLite.Statement;
  complete: SQLite.Statement;
  adopt: SQLite.Statement;
}
const prepared = new WeakMap<SQLite.Database, PostStatements>();

// Hot path of every import and poll: statements are prepared once per connection, not per row.
function statements(sqlite: SQLite.Database): PostStatements {
  let st = prepared.get(sqlite);
  if (!st) {
    st = {
      insert: sqlite.prepare(
        `insert into posts (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => `@${c}`).join(', ')}) on conflict (platform, id) do nothing`,
      ),
      complete: sqlite.prepare(
        `update posts set ${COMPLETED.map((c) => `${c} = @${c}`).join(', ')}, referenced_only = 0 ` +
          'where platform = @platform and id = @id and referenced_only = 1',
      ),
      adopt: sqlite.prepare(
        'update posts set org_id = @org_id, author_is_org = 1, author_id = @author_id, author_handle = @author_handle, ' +
          'url = @url where platform = @platform and id = @id and org_id is null',
      ),
    };
    prepared.set(sqlite, st);
  }
  return st;
}

/**
 * Stores posts keyed on (platform, id). A stored post is left as it is, except that a post first
 * seen only as a referenced post is completed when the post itself arrives. Returns the number of
 * new rows and how many referenced-only rows were completed. Idempotent: the same rows twice change
 * nothing. Runs on the raw connection, inside whatever transaction is open on it.
 */
export function upsertPosts(store: Store, rows: readonly PostRow[]): { inserted: number; completed: number } {
  const st = statements(rawConnection(store));
  let inserted = 0;
  let completed = 0;
  for (const row of rows) {
    if (st.insert.run(row).changes > 0) inserted++;
    else if (row.referenced_only === 0) completed += st.complete.run(row).changes;
  }
  return { inserted, completed };
}

/** Returns the number of posts stored. */
export async function countPosts(db: Db): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** All stored posts of the given threads (by thread root id, or the root post itself), read through the indexes. */
export async function threadPosts(db: Db, platform: Platform, roots: readonly string[]): Promise<PostRow[]> {
  const out = new Map<string, PostRow>();
  for (let i = 0; i < roots.length; i += 400) {
    const chunk = roots.slice(i, i + 400);
    // Two queries, not one with OR: each uses its index (posts_thread, the primary key) instead of a scan.
    for (const r of await db
      .selectFrom('posts')
      .selectAll()
      .where('platform', '=', platform)
      .where('thread_root_id', 'in', chunk)
      .execute())
      out.set(r.id, r);
    for (const r of await db
      .selectFrom('posts')
      .selectAll()
      .where('platform', '=', platform)
      .where('id', 'in', chunk)
      .execute())
      out.set(r.id, r);
  }
  return [...out.values()];
}

/**
 * Posts stored before their author was monitored (e.g. an earlier import without --account) become
 * the organisation's posts. Must run in the ingest transaction; returns how many rows changed.
 */
export function adoptOrgPosts(store: Store, rows: readonly PostRow[]): number {
  assertInTransaction(store, 'adoptOrgPosts');
  const st = statements(rawConnection(store));
  let changed = 0;
  for (const r of rows) {
    if (!r.org_id) continue;
    const { org_id, author_id, author_handle, url, platform, id } = r;
    changed += st.adopt.run({ org_id, author_id, author_handle, url, platform, id }).changes;
  }
  return changed;
}

/** Number of stored full posts that reply to something (the import summary's "replies"). */
export async function countReplies(db: Db): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('referenced_only', '=', 0)
    .where((eb) => eb.or([eb('reply_to_id', 'is not', null), eb('reply_to_user_id', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

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
          eb.and([eb(sql`julianday(created_at)`, 'is', null), eb(sql`julianday(fetched_at)`, 'is', null)]),
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
