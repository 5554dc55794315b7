import type { Kysely, Transaction } from 'kysely';
import type { Database, RequestsTable } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;
export type RequestRow = RequestsTable;

/**
 * Writes the requests of analysed threads, keyed on (platform, post_id): a request seen again gets
 * its newest response and outcome. `stale` lists post ids in those threads that are no longer
 * requests (e.g. now a follow-up); their rows are removed. Returns the number of new requests.
 */
export async function saveRequests(db: Db, rows: readonly RequestRow[], stale: { platform: string; orgId: string; postIds: string[] }[]): Promise<number> {
  for (const s of stale) {
    for (let i = 0; i < s.postIds.length; i += 500) {
      await db
        .deleteFrom('requests')
        .where('platform', '=', s.platform)
        .where('org_id', '=', s.orgId)
        .where('post_id', 'in', s.postIds.slice(i, i + 500))
        .execute();
    }
  }
  let added = 0;
  for (const row of rows) {
    const existing = await db.selectFrom('requests').select(['outcome', 'response_post_id', 'community_post_id', 'kind']).where('platform', '=', row.platform).where('post_id', '=', row.post_id).executeTakeFirst();
    if (!existing) {
      await db.insertInto('requests').values(row).execute();
      added++;
    } else if (
      existing.outcome !== row.outcome || existing.response_post_id !== row.response_post_id ||
      existing.community_post_id !== row.community_post_id || existing.kind !== row.kind
    ) {
      const { platform: _p, post_id: _id, ...changes } = row;
      await db.updateTable('requests').set(changes).where('platform', '=', row.platform).where('post_id', '=', row.post_id).execute();
    }
  }
  return added;
}

/** Moves pending requests older than the answer window to unanswered; returns how many moved. */
export async function expirePending(db: Db, now: Date, windowDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - windowDays * 86_400_000).toISOString();
  const res = await db
    .updateTable('requests')
    .set({ outcome: 'unanswered', updated_at: now.toISOString() })
    .where('outcome', '=', 'pending')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
