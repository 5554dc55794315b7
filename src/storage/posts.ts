import type { Platform } from '../model/index.js';
import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { assertInTransaction, isPostgres, rawConnection, type Store } from './db.js';
import { pgAdoptOrgPosts, pgThreadPosts, pgUpsertPosts } from './pg-writes.js';
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
 * nothing. On SQLite it runs on the raw connection, inside whatever transaction is open on it; on
 * PostgreSQL on `db`, the transaction it must be part of.
 */
export async function upsertPosts(
  store: Store,
  rows: readonly PostRow[],
  db: Db = store.db,
): Promise<{ inserted: number; completed: number }> {
  if (isPostgres(store.db)) return rows.length ? pgUpsertPosts(db, rows, COMPLETED) : { inserted: 0, completed: 0 };
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

// The ingest reads back the threads of every batch: prepared once, one JSON array of roots per call
// (a query builder compiling an IN list of 400 values per chunk was a tenth of the import's time).
const threadStatements = new WeakMap<SQLite.Database, { byRoot: SQLite.Statement; byId: SQLite.Statement }>();
const THREAD_COLUMN_LIST = COLUMNS.filter((c) => c !== 'raw');
const THREAD_COLUMNS = THREAD_COLUMN_LIST.join(', ');

/**
 * The posts of the given threads as threadPosts reads them, without their raw payloads (the
 * analysis never reads them; they are most of a row's bytes): the ingest's read-back, on the raw
 * connection inside its transaction (on PostgreSQL: on `db`, the transaction).
 */
export async function threadPostsForAnalysis(
  store: Store,
  platform: Platform,
  roots: readonly string[],
  db: Db = store.db,
): Promise<PostRow[]> {
  if (isPostgres(store.db)) return pgThreadPosts(db, platform, roots, THREAD_COLUMN_LIST);
  const sqlite = rawConnection(store);
  let st = threadStatements.get(sqlite);
  if (!st) {
    const select = `select ${THREAD_COLUMNS}, null as raw from posts where platform = ? and`;
    st = {
      byRoot: sqlite.prepare(`${select} thread_root_id in (select value from json_each(?))`),
      byId: sqlite.prepare(`${select} id in (select value from json_each(?))`),
    };
    threadStatements.set(sqlite, st);
  }
  const out = new Map<string, PostRow>();
  for (let i = 0; i < roots.length; i += 2000) {
    const chunk = JSON.stringify(roots.slice(i, i + 2000));
    for (const r of st.byRoot.all(platform, chunk) as PostRow[]) out.set(r.id, r);
    for (const r of st.byId.all(platform, chunk) as PostRow[]) out.set(r.id, r);
  }
  return [...out.values()];
}

/**
 * Posts stored before their author was monitored (e.g. an earlier import without --account) become
 * the organisation's posts. Must run in the ingest transaction (`db` on PostgreSQL); returns how many
 * rows changed.
 */
export async function adoptOrgPosts(store: Store, rows: readonly PostRow[], db: Db = store.db): Promise<number> {
  if (isPostgres(store.db)) return pgAdoptOrgPosts(db, rows);
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
