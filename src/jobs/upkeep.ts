import type { Kysely } from 'kysely';
import { purgeCitizenText } from '../storage/retention.js';
import { expirePending } from '../poller/expire.js';
import { keepSettledWeeks } from '../poller/request-weeks.js';
import { hasherFor, nameHash, type AuthorHasher } from '../poller/privacy.js';
import type { Database } from '../storage/schema/index.js';

/**
 * The daily upkeep: pending -> unanswered, privacy retention (METHOD.md 7), then the counts of weeks
 * that can no longer change are kept (#16, poller/request-weeks.ts). Returns the counts.
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
): Promise<{ expired: number; purged: number; weeks: number }> {
  const done = {
    expired: await expirePending(db, now, windowDays, zone),
    purged: await purgeCitizenText(
      db,
      now,
      retentionDays,
      hash ? { nameHash: (platform, word) => nameHash(hash, platform, word), idHash: hash } : {},
    ),
  };
  return { ...done, weeks: keepSettledWeeks(db, now, windowDays, zone).kept };
}
