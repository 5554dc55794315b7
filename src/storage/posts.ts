import type { Kysely, Transaction } from 'kysely';
import type { PostsTable, Database } from './schema/index.js';

export type PostRow = PostsTable;
type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores posts keyed on (platform, id). A stored post is left as it is, except that a post first
 * seen only as a referenced post is completed when the post itself arrives. Returns the number of
 * new rows and how many referenced-only rows were completed. Idempotent: the same rows twice change nothing.
 */
export async function upsertPosts(db: Db, rows: readonly PostRow[]): Promise<{ inserted: number; completed: number }> {
  let inserted = 0;
  let completed = 0;
  for (const row of rows) {
    const res = await db.insertInto('posts').values(row).onConflict((oc) => oc.columns(['platform', 'id']).doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
      inserted++;
    } else if (row.referenced_only === 0) {
      const res = await db
        .updateTable('posts')
        .set({
          text: row.text,
          raw: row.raw,
          source: row.source,
          fetched_at: row.fetched_at,
          reply_to_id: row.reply_to_id,
          reply_to_user_id: row.reply_to_user_id,
          thread_root_id: row.thread_root_id,
          mentions: row.mentions,
          referenced_only: 0,
        })
        .where('platform', '=', row.platform)
        .where('id', '=', row.id)
        .where('referenced_only', '=', 1)
        .executeTakeFirst();
      completed += Number(res.numUpdatedRows);
    }
  }
  return { inserted, completed };
}

/** Returns the number of posts stored. */
export async function countPosts(db: Db): Promise<number> {
  const r = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** All stored posts of the given threads (by thread root id, or the root post itself), read through the indexes. */
export async function threadPosts(db: Db, platform: string, roots: readonly string[]): Promise<PostRow[]> {
  const out = new Map<string, PostRow>();
  for (let i = 0; i < roots.length; i += 400) {
    const chunk = roots.slice(i, i + 400);
    // Two queries, not one with OR: each uses its index (posts_thread, the primary key) instead of a scan.
    for (const r of await db.selectFrom('posts').selectAll().where('platform', '=', platform).where('thread_root_id', 'in', chunk).execute()) out.set(r.id, r);
    for (const r of await db.selectFrom('posts').selectAll().where('platform', '=', platform).where('id', 'in', chunk).execute()) out.set(r.id, r);
  }
  return [...out.values()];
}
