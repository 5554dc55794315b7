import type { Kysely } from 'kysely';
import { purgeCitizenText } from '../storage/retention.js';
import { expirePending } from '../poller/expire.js';
import { hasherFor, nameHash, type AuthorHasher } from '../poller/privacy.js';
import type { Database } from '../storage/schema/index.js';

/**
 * The daily upkeep: pending -> unanswered, then privacy retention (METHOD.md 7). Returns the counts.
 * `hash` is the citizen-id hasher (by default the one this database's pipeline was wired with):
 * with it the retention step also finds citizens' names in the organisation's replies by their
 * keyed hashes; without it, only handles and names after a greeting are removed from them.
 */
export async function dailyUpkeep(
  db: Kysely<Database>,
  now: Date,
  windowDays: number,
  zone: string,
  retentionDays: number,
  hash: AuthorHasher | undefined = hasherFor(db),
): Promise<{ expired: number; purged: number }> {
  return {
    expired: await expirePending(db, now, windowDays, zone),
    purged: await purgeCitizenText(
      db,
      now,
      retentionDays,
      hash ? { nameHash: (platform, word) => nameHash(hash, platform, word), idHash: hash } : {},
    ),
  };
}
