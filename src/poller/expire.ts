import { outcomeAt } from '../analysis/outcome.js';
import { DAY_MS } from '../model/index.js';
import { pendingBefore, setOutcomes } from '../storage/request-outcomes.js';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema/index.js';

/**
 * Stores the outcome of pending requests whose answer window has passed, decided by the one rule
 * (analysis/outcome.ts) the readers use too; the readers do not depend on this having run, it only
 * keeps the stored column current. Returns how many moved.
 */
export async function expirePending(
  db: Kysely<Database>,
  now: Date,
  windowDays: number,
  zone: string,
): Promise<number> {
  // A day of margin: the window counts calendar days in the zone, a day is 23 or 25 hours at daylight saving.
  const rows = await pendingBefore(db, new Date(now.getTime() - (windowDays - 1) * DAY_MS));
  const changes = [];
  for (const r of rows) {
    const { outcome } = outcomeAt(
      {
        createdAt: r.created_at,
        responseAt: r.response_at,
        responseKind: r.response_kind,
        answerAt: r.answer_at,
        redirectAt: r.redirect_at,
      },
      now.getTime(),
      windowDays,
      zone,
    );
    if (outcome !== 'pending') changes.push({ platform: r.platform, post_id: r.post_id, org_id: r.org_id, outcome });
  }
  return setOutcomes(db, changes, now);
}
