import type { Kysely } from 'kysely';
import { purgeCitizenText } from '../storage/posts.js';
import { expirePending } from '../poller/expire.js';
import type { Database } from '../storage/schema/index.js';

/** The daily upkeep: pending -> unanswered, then privacy retention (METHOD.md 7). Returns the counts. */
export async function dailyUpkeep(
  db: Kysely<Database>,
  now: Date,
  windowDays: number,
  zone: string,
  retentionDays: number,
): Promise<{ expired: number; purged: number }> {
  return {
    expired: await expirePending(db, now, windowDays, zone),
    purged: await purgeCitizenText(db, now, retentionDays),
  };
}
