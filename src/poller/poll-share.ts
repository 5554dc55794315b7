import type { Context } from '../context.js';
import type { Platform } from '../model/index.js';
import { dueAccounts, type DueAccount } from '../storage/accounts.js';
import type { Store } from '../storage/db.js';
import { claimableCount, claimAccounts } from '../storage/leases.js';
import type { PlatformResult, PollOptions } from './poll.js';

// A poll cycle's rounds: one daemon polls every due account in one round; a worker among several
// on PostgreSQL (#17) claims its share and claims again until no due account is left unclaimed.

/** How a worker takes its part of a poll cycle. */
export interface WorkerShare {
  name: string;
  /** How long a claim holds (shorter than the poll interval: the next tick finds them due again). */
  leaseMs: number;
  /** How many workers share the cycle (the claim is the due accounts divided by them). */
  workers: () => Promise<number>;
}

/** Adds one round's counts to the platform's result; its status and last error win. */
export function addRound(result: PlatformResult, part: PlatformResult): void {
  for (const k of [
    'accounts',
    'requestsFound',
    'requestsMade',
    'postsRead',
    'usersRead',
    'postsStored',
    'errors',
  ] as const)
    result[k] += part[k];
  if (part.failedAccounts) result.failedAccounts = (result.failedAccounts ?? 0) + part.failedAccounts;
  if (part.lastError !== null) result.lastError = part.lastError;
  if (part.status !== 'ok') result.status = part.status;
  if (part.note !== undefined) result.note = part.note;
}

/** The accounts to poll next: every due one, or this worker's share of the unclaimed ones. */
export async function nextDue(
  ctx: Context,
  store: Store,
  platform: Platform,
  opts: PollOptions,
): Promise<DueAccount[]> {
  const now = ctx.clock.now();
  if (!opts.worker) return dueAccounts(store.db, platform, now, opts.org);
  const open = await claimableCount(store.db, platform, now, opts.org);
  if (!open) return [];
  const limit = Math.ceil(open / Math.max(1, await opts.worker.workers()));
  return claimAccounts(store.db, platform, {
    worker: opts.worker.name,
    now,
    leaseMs: opts.worker.leaseMs,
    limit,
    ...(opts.org ? { orgId: opts.org } : {}),
  });
}
