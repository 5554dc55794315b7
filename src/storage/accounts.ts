import type { Kysely } from 'kysely';
import type { Database } from './schema/index.js';

/** Accounts with more errors in a row than this leave the rotation until reset (webcare accounts reset-errors). */
export const MAX_ERRORS = 10;

export interface DueAccount { id: number; org_id: string; handle: string; platform_user_id: string | null }

/** Active accounts of a platform that are due at `now` (next_check_at, retry_at, error count). */
export async function dueAccounts(db: Kysely<Database>, platform: string, now: Date, orgId?: string): Promise<DueAccount[]> {
  const t = now.toISOString();
  let q = db
    .selectFrom('accounts')
    .select(['id', 'org_id', 'handle', 'platform_user_id'])
    .where('platform', '=', platform)
    .where('retired_at', 'is', null)
    .where('error_count', '<', MAX_ERRORS)
    .where((eb) => eb.or([eb('next_check_at', 'is', null), eb('next_check_at', '<=', t)]))
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', t)]));
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('id').execute();
}

/** After a good poll: errors cleared, next check at `next`. */
export async function markSuccess(db: Kysely<Database>, ids: number[], now: Date, next: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('accounts').set({ error_count: 0, retry_at: null, last_success_at: now.toISOString(), next_check_at: next.toISOString() }).where('id', 'in', ids).execute();
}

/** After a failure: count it, keep the message, and wait until `retryAt`. */
export async function markFailure(db: Kysely<Database>, ids: number[], now: Date, message: string, retryAt: Date, countsAsError: boolean): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('accounts')
    .set((eb) => ({
      error_count: countsAsError ? eb('error_count', '+', 1) : eb.ref('error_count'),
      last_error: message,
      last_error_at: now.toISOString(),
      retry_at: retryAt.toISOString(),
    }))
    .where('id', 'in', ids)
    .execute();
}

/** Puts accounts over the error limit back in rotation; returns how many were reset. */
export async function resetErrors(db: Kysely<Database>, orgId?: string): Promise<number> {
  let q = db.updateTable('accounts').set({ error_count: 0, retry_at: null, last_error: null });
  if (orgId) q = q.where('org_id', '=', orgId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
