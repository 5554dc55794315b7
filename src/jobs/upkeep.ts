import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema/index.js';
import { expirePending } from '../storage/requests.js';

/**
 * Privacy upkeep (METHOD.md 7): citizen posts older than the retention period lose their text,
 * raw payload and mentions; ids, times, classification and outcome remain. Returns how many.
 */
export async function purgeCitizenText(db: Kysely<Database>, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const res = await db
    .updateTable('posts')
    .set({ text: null, raw: null, mentions: '[]', text_purged_at: now.toISOString() })
    .where('author_is_org', '=', 0)
    .where('created_at', '<', cutoff)
    .where('text_purged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The daily upkeep: pending -> unanswered, then privacy retention. Returns the counts. */
export async function dailyUpkeep(db: Kysely<Database>, now: Date, windowDays: number, retentionDays: number): Promise<{ expired: number; purged: number }> {
  return { expired: await expirePending(db, now, windowDays), purged: await purgeCitizenText(db, now, retentionDays) };
}
