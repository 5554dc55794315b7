import type { Platform } from '../model/index.js';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { redactSecrets } from './redact.js';
import type { Database } from './schema/index.js';

/** Accounts with more errors in a row than this leave the rotation until reset (webcare accounts reset-errors). */
export const MAX_ERRORS = 10;

type Db = Kysely<Database> | Transaction<Database>;

export interface DueAccount {
  id: number;
  org_id: string;
  handle: string;
  platform_user_id: string | null;
}

/**
 * Due at `t` (ISO): not retired, under the error limit, next check and retry passed. One rule for
 * dueAccounts and the workers' claims (storage/leases.ts).
 */
export const dueAt = (t: string): RawBuilder<boolean> =>
  sql<boolean>`retired_at is null and error_count < ${MAX_ERRORS}
    and (next_check_at is null or next_check_at <= ${t}) and (retry_at is null or retry_at <= ${t})`;

/** Active accounts of a platform that are due at `now` (next_check_at, retry_at, error count). */
export async function dueAccounts(
  db: Kysely<Database>,
  platform: Platform,
  now: Date,
  orgId?: string,
): Promise<DueAccount[]> {
  const t = now.toISOString();
  let q = db
    .selectFrom('accounts')
    .select(['id', 'org_id', 'handle', 'platform_user_id'])
    .where('platform', '=', platform)
    .where(dueAt(t));
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('id').execute();
}

/** After a good poll: errors cleared, next check at `next`. */
export async function markSuccess(db: Kysely<Database>, ids: number[], now: Date, next: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('accounts')
    .set({ error_count: 0, retry_at: null, last_success_at: now.toISOString(), next_check_at: next.toISOString() })
    .where('id', 'in', ids)
    .execute();
}

/** After a failure: count it, keep the message (secrets an error body echoed redacted), and wait until `retryAt`. */
export async function markFailure(
  db: Kysely<Database>,
  ids: number[],
  now: Date,
  message: string,
  retryAt: Date,
  countsAsError: boolean,
): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('accounts')
    .set((eb) => ({
      error_count: countsAsError ? eb('error_count', '+', 1) : eb.ref('error_count'),
      last_error: redactSecrets(message),
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

/** Records the platform's own id of an account (learned from a bio or an org post). */
export async function setPlatformUserId(db: Db, accountId: number, platformUserId: string): Promise<void> {
  await db.updateTable('accounts').set({ platform_user_id: platformUserId }).where('id', '=', accountId).execute();
}

/** Records the platform's own id of the account with this handle. */
export async function setPlatformUserIdByHandle(
  db: Db,
  platform: Platform,
  handle: string,
  userId: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ platform_user_id: userId })
    .where('platform', '=', platform)
    .where('handle', '=', handle)
    .execute();
}

/** The highest error count among these accounts (the next backoff step). */
export async function maxErrorCount(db: Db, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.max('error_count').as('n'))
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** An account that is not retired, with what the monitored index needs. */
export interface ActiveAccount {
  id: number;
  org_id: string;
  platform: Platform;
  handle: string;
  platform_user_id: string | null;
}

/** All accounts that are not retired. */
export async function activeAccounts(db: Db): Promise<ActiveAccount[]> {
  return db
    .selectFrom('accounts')
    .select(['id', 'org_id', 'platform', 'handle', 'platform_user_id'])
    .where('retired_at', 'is', null)
    .execute();
}

/** An account's schedule state, as `webcare accounts list` shows it. */
export type AccountScheduleRow = {
  org_id: string;
  platform: Platform;
  handle: string;
  platform_user_id: string | null;
  next_check_at: string | null;
  retry_at: string | null;
  error_count: number;
  last_error: string | null;
  retired_at: string | null;
};

/** Every account with its schedule state, by organisation; `errorsOnly` keeps those with errors. */
export async function accountStates(db: Db, errorsOnly = false): Promise<AccountScheduleRow[]> {
  let q = db
    .selectFrom('accounts')
    .select(['org_id', 'platform', 'handle', 'platform_user_id', 'next_check_at', 'retry_at', 'error_count'])
    .select(['last_error', 'retired_at'])
    .orderBy('org_id');
  if (errorsOnly) q = q.where('error_count', '>', 0);
  return q.execute();
}
