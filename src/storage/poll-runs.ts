import type { Platform } from '../model/index.js';
import type { Kysely } from 'kysely';
import type { Database } from './schema/index.js';

export interface RunCounts { requests_made: number; posts_read: number; users_read: number; posts_stored: number; errors: number; last_error: string | null }

/** Starts a poll_runs row; returns its id. */
export async function startRun(db: Kysely<Database>, platform: Platform, trigger: string, now: Date): Promise<number> {
  const r = await db.insertInto('poll_runs').values({ platform, trigger, started_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Finishes a poll_runs row with what the poll cost and found. */
export async function finishRun(db: Kysely<Database>, id: number, counts: RunCounts, now: Date): Promise<void> {
  const { requests_made, posts_read, users_read, posts_stored, errors, last_error } = counts;
  await db.updateTable('poll_runs').set({ requests_made, posts_read, users_read, posts_stored, errors, last_error, finished_at: now.toISOString() }).where('id', '=', id).execute();
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
