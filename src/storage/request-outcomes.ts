import type { Outcome, Platform, ResponseKind } from '../model/index.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

// The outcomes stored with requests: what the daily upkeep reads and writes (pending -> unanswered)
// and the daemon's gauge counts.

/** A pending request with the facts its outcome follows from (the upkeep decides with analysis/outcome). */
export interface PendingRow {
  platform: Platform;
  post_id: string;
  org_id: string;
  created_at: string;
  response_at: string | null;
  response_kind: ResponseKind | null;
  answer_at: string | null;
  redirect_at: string | null;
}

/** Pending requests created before `before` (candidates whose answer window may have passed). */
export async function pendingBefore(db: Db, before: Date): Promise<PendingRow[]> {
  return db
    .selectFrom('requests')
    .select(['platform', 'post_id', 'org_id', 'created_at', 'response_at', 'response_kind', 'answer_at', 'redirect_at'])
    .where('outcome', '=', 'pending')
    .where('created_at', '<', before.toISOString())
    .execute();
}

/** Stores new outcomes of requests (the upkeep moving pending to unanswered); returns how many changed. */
export async function setOutcomes(
  db: Db,
  changes: readonly { platform: Platform; post_id: string; org_id: string; outcome: Outcome }[],
  now: Date,
): Promise<number> {
  let n = 0;
  for (const c of changes) {
    const res = await db
      .updateTable('requests')
      .set({ outcome: c.outcome, updated_at: now.toISOString() })
      .where('platform', '=', c.platform)
      .where('post_id', '=', c.post_id)
      .where('org_id', '=', c.org_id)
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}

/** Number of stored requests per outcome (the daemon's gauge). */
export async function countByOutcome(db: Db): Promise<{ outcome: Outcome; n: number }[]> {
  const rows = await db
    .selectFrom('requests')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('outcome')
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, n: Number(r.n) }));
}
