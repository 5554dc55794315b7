import type { Kysely, Transaction } from 'kysely';
import type { Platform } from '../model/index.js';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

const CHUNK = 400;

/** The post ids the given aliases stand for (only those that are known). */
export async function lookupAliases(
  db: Db,
  platform: Platform,
  aliases: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(aliases)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('post_aliases')
      .select(['alias', 'post_id'])
      .where('platform', '=', platform)
      .where('alias', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.alias, r.post_id);
  }
  return out;
}

/** The thread root of each given post that is stored (its own id when it has none). */
export async function storedThreadRoots(
  db: Db,
  platform: Platform,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('posts')
      .select(['id', 'thread_root_id'])
      .where('platform', '=', platform)
      .where('id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r.thread_root_id ?? r.id);
  }
  return out;
}

/**
 * Records aliases and re-links the stored posts that were waiting for them, in one transaction: a
 * reply stored with a parent known only by an alias gets the parent's id, and every post whose
 * thread root is one of `roots`' keys (a post that turned out to be a reply, an alias, a stale
 * placeholder) gets the root it maps to, so the thread analysis reads them together. Idempotent;
 * returns how many stored posts changed. `roots` must map to final roots (never to another key).
 */
export async function linkPosts(
  db: Kysely<Database>,
  platform: Platform,
  aliases: readonly { alias: string; postId: string }[],
  roots: ReadonlyMap<string, string>,
): Promise<number> {
  if (!aliases.length && !roots.size) return 0;
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    const rows = aliases.map((a) => ({ platform, alias: a.alias, post_id: a.postId }));
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('post_aliases')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.columns(['platform', 'alias']).doNothing())
        .execute();
    }
    for (const a of aliases) {
      const r = await trx
        .updateTable('posts')
        .set({ reply_to_id: a.postId })
        .where('platform', '=', platform)
        .where('reply_to_id', '=', a.alias)
        .executeTakeFirst();
      changed += Number(r.numUpdatedRows);
    }
    for (const [from, to] of roots) {
      if (from === to) continue;
      const r = await trx
        .updateTable('posts')
        .set({ thread_root_id: to })
        .where('platform', '=', platform)
        .where('thread_root_id', '=', from)
        .executeTakeFirst();
      changed += Number(r.numUpdatedRows);
    }
    return changed;
  });
}
