import { sql, type Kysely, type Transaction } from 'kysely';
import type { Platform } from '../model/index.js';
import { newSaveResult, STATE_COLUMNS, written, type SaveResult } from './request-changes.js';
import type { RequestBase, StaleRequests, TimesOf } from './requests.js';
import type { Database, PostsTable, RequestsTable } from './schema/index.js';

// The ingest's hot path on PostgreSQL (#17). SQLite runs it on prepared statements, row by row,
// which costs nothing there (storage/posts.ts, storage/requests.ts); on a server every statement is
// a round trip, so here the rows go as multi-row INSERT ... ON CONFLICT and lists travel as arrays.

type Db = Kysely<Database> | Transaction<Database>;
type PostRow = PostsTable;

// Rows per statement: PostgreSQL takes at most 65,535 parameters; requests have 35 columns.
const ROWS = 500;
const chunks = <T>(xs: readonly T[], n = ROWS): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const anyOf = (values: readonly string[]) => sql<string>`any(${[...values]}::text[])`;

/**
 * upsertPosts on PostgreSQL, with SQLite's row-by-row result: the first row of an id is inserted
 * unless stored; any later full row of a stored referenced-only post completes it.
 */
export async function pgUpsertPosts(
  db: Db,
  rows: readonly PostRow[],
  completedCols: readonly string[],
): Promise<{ inserted: number; completed: number }> {
  let inserted = 0;
  let completed = 0;
  // In key order: two workers inserting overlapping posts then lock their rows in the same order.
  const byKey = [...rows].sort((a, b) => cmp(a.platform, b.platform) || cmp(a.id, b.id));
  for (const chunk of chunks(byKey)) {
    const first = new Map<string, PostRow>();
    for (const r of chunk) if (!first.has(`${r.platform}|${r.id}`)) first.set(`${r.platform}|${r.id}`, r);
    const got = await db
      .insertInto('posts')
      .values([...first.values()])
      .onConflict((oc) => oc.columns(['platform', 'id']).doNothing())
      .returning(['platform', 'id'])
      .execute();
    inserted += got.length;
    const fresh = new Set(got.map((r) => `${r.platform}|${r.id}`));
    // The full rows that may complete a stored referenced-only copy: all but a first row inserted now.
    const complete = chunk.filter(
      (r) =>
        r.referenced_only === 0 && !(fresh.has(`${r.platform}|${r.id}`) && first.get(`${r.platform}|${r.id}`) === r),
    );
    for (const r of complete) {
      const set = Object.fromEntries(completedCols.map((c) => [c, r[c as keyof PostRow]]));
      const res = await db
        .updateTable('posts')
        .set({ ...set, referenced_only: 0 })
        .where('platform', '=', r.platform)
        .where('id', '=', r.id)
        .where('referenced_only', '=', 1)
        .executeTakeFirst();
      completed += Number(res.numUpdatedRows);
    }
  }
  return { inserted, completed };
}

/** adoptOrgPosts on PostgreSQL: one update per organisation post still stored without its organisation. */
export async function pgAdoptOrgPosts(db: Db, rows: readonly PostRow[]): Promise<number> {
  let changed = 0;
  for (const r of rows) {
    if (!r.org_id) continue;
    const res = await db
      .updateTable('posts')
      .set({ org_id: r.org_id, author_is_org: 1, author_id: r.author_id, author_handle: r.author_handle, url: r.url })
      .where('platform', '=', r.platform)
      .where('id', '=', r.id)
      .where('org_id', 'is', null)
      .executeTakeFirst();
    changed += Number(res.numUpdatedRows);
  }
  return changed;
}

/** threadPostsForAnalysis on PostgreSQL: the roots travel as one array per query. */
export async function pgThreadPosts(
  db: Db,
  platform: Platform,
  roots: readonly string[],
  columns: readonly string[],
): Promise<PostRow[]> {
  const out = new Map<string, PostRow>();
  const cols = sql.raw(columns.join(', '));
  for (const chunk of chunks(roots, 2000)) {
    for (const by of [sql`thread_root_id`, sql`id`]) {
      const { rows } = await sql<PostRow>`select ${cols}, null as raw from posts
        where platform = ${platform} and ${by} = ${anyOf(chunk)}`.execute(db);
      for (const r of rows) out.set(r.id, r);
    }
  }
  return [...out.values()];
}

/** postsWithRequest on PostgreSQL. */
export async function pgPostsWithRequest(db: Db, platform: Platform, postIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunks(postIds, 5000)) {
    const { rows } = await sql<{ post_id: string }>`select distinct post_id from requests
      where platform = ${platform} and post_id = ${anyOf(chunk)}`.execute(db);
    for (const r of rows) out.add(r.post_id);
  }
  return out;
}

/** The stored state of these requests by "platform|post_id|org_id" (saveRequests compares with it). */
async function pgStoredRequests<K extends keyof RequestsTable>(
  db: Db,
  rows: readonly Pick<RequestsTable, 'platform' | 'post_id' | 'org_id'>[],
  columns: readonly K[],
): Promise<Map<string, Pick<RequestsTable, K>>> {
  const out = new Map<string, Pick<RequestsTable, K>>();
  const byPlatform = new Map<Platform, string[]>();
  for (const r of rows) {
    if (!byPlatform.has(r.platform)) byPlatform.set(r.platform, []);
    byPlatform.get(r.platform)!.push(r.post_id);
  }
  for (const [platform, ids] of byPlatform)
    for (const chunk of chunks([...new Set(ids)], 5000)) {
      const { rows: got } = await sql<Pick<RequestsTable, K | 'post_id' | 'org_id'>>`select post_id, org_id,
        ${sql.raw(columns.join(', '))} from requests where platform = ${platform} and post_id = ${anyOf(chunk)}`.execute(
        db,
      );
      for (const g of got) out.set(`${platform}|${g.post_id}|${g.org_id}`, g);
    }
  return out;
}

/** Inserts new request rows, many per statement. */
async function pgInsertRequests(db: Db, rows: readonly RequestsTable[]): Promise<void> {
  for (const chunk of chunks(rows, 300)) await db.insertInto('requests').values(chunk).execute();
}

/** Removes requests that are no longer requests; returns how many rows went. */
async function pgRemoveRequests(
  db: Db,
  platform: Platform,
  orgId: string,
  postIds: readonly string[],
): Promise<number> {
  let n = 0;
  for (const chunk of chunks(postIds, 5000)) {
    const res = await db
      .deleteFrom('requests')
      .where('platform', '=', platform)
      .where('org_id', '=', orgId)
      .where('post_id', '=', anyOf(chunk))
      .executeTakeFirst();
    n += Number(res.numDeletedRows);
  }
  return n;
}

/**
 * saveRequests on PostgreSQL: the stored state read in one query, the new rows inserted many per
 * statement, with SQLite's row-by-row result. PostgreSQL keeps no weeks yet, so there are none to drop.
 */
export async function pgSaveRequests(
  db: Db,
  rows: readonly RequestBase[],
  stale: StaleRequests[],
  timesOf: TimesOf,
): Promise<SaveResult> {
  const result = newSaveResult();
  for (const s of stale) result.removed += await pgRemoveRequests(db, s.platform, s.orgId, s.postIds);
  const stored = await pgStoredRequests(db, rows, STATE_COLUMNS);
  const inserts = new Map<string, RequestsTable>();
  for (const base of rows) {
    const key = `${base.platform}|${base.post_id}|${base.org_id}`;
    // A row twice in one call: the second is compared with the first, as SQLite's row-by-row writes do.
    const existing = inserts.get(key) ?? stored.get(key);
    const w = written(existing, base, timesOf, result);
    if (!w) continue;
    if (!existing || inserts.has(key)) inserts.set(key, w);
    else {
      const { platform, post_id, org_id, ...changes } = w;
      await db
        .updateTable('requests')
        .set(changes)
        .where('platform', '=', platform)
        .where('post_id', '=', post_id)
        .where('org_id', '=', org_id)
        .execute();
      stored.set(key, w);
    }
  }
  await pgInsertRequests(db, [...inserts.values()]);
  return result;
}
