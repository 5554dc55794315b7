import type { Platform } from '../model/index.js';
import type { Kysely } from 'kysely';
import { redactNullable } from './redact.js';
import type { Database } from './schema/index.js';

/** What a poll cost and stored; finishRun writes it as the snake_case columns of poll_runs. */
export interface RunCounts {
  requestsMade: number;
  postsRead: number;
  usersRead: number;
  postsStored: number;
  errors: number;
  lastError: string | null;
}

/** Starts a poll_runs row; returns its id. */
export async function startRun(db: Kysely<Database>, platform: Platform, trigger: string, now: Date): Promise<number> {
  const r = await db
    .insertInto('poll_runs')
    .values({ platform, trigger, started_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Finishes a poll_runs row with what the poll cost and found (secrets in the last error redacted). */
export async function finishRun(db: Kysely<Database>, id: number, counts: RunCounts, now: Date): Promise<void> {
  await db
    .updateTable('poll_runs')
    .set({
      requests_made: counts.requestsMade,
      posts_read: counts.postsRead,
      users_read: counts.usersRead,
      posts_stored: counts.postsStored,
      errors: counts.errors,
      last_error: redactNullable(counts.lastError),
      finished_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Posts read on a platform since the start of the month of `now` (UTC): the X budget counter. */
export async function postsReadThisMonth(db: Kysely<Database>, platform: Platform, now: Date): Promise<number> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const r = await db
    .selectFrom('poll_runs')
    .select((eb) => eb.fn.sum<number>('posts_read').as('n'))
    .where('platform', '=', platform)
    .where('started_at', '>=', start)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
