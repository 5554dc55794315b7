import type { Platform } from '../model/index.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Returns the stored cursor of a stream, or undefined before its first poll. */
export async function getCursor(
  db: Db,
  platform: Platform,
  scope: string,
  stream: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('cursors')
    .select('value')
    .where('platform', '=', platform)
    .where('scope', '=', scope)
    .where('stream', '=', stream)
    .executeTakeFirst();
  return row?.value;
}

/** Stores a stream's cursor; call it in the transaction that stores the posts it covers. */
export async function setCursor(
  db: Db,
  platform: Platform,
  scope: string,
  stream: string,
  value: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('cursors')
    .values({ platform, scope, stream, value, updated_at: now })
    .onConflict((oc) => oc.columns(['platform', 'scope', 'stream']).doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** A stored cursor with the time it was written. */
export interface StoredCursor {
  scope: string;
  stream: string;
  value: string;
  updated_at: string;
}

/** Every cursor of a platform. */
export async function cursorsOf(db: Db, platform: Platform): Promise<StoredCursor[]> {
  return db
    .selectFrom('cursors')
    .select(['scope', 'stream', 'value', 'updated_at'])
    .where('platform', '=', platform)
    .execute();
}

/** Forgets when bios were last fetched on every platform, so the next poll fetches them. */
export async function clearBiosCursors(db: Db): Promise<void> {
  // The platform's (one daemon) and every account's (workers on PostgreSQL, poller/poll.ts).
  await db.deleteFrom('cursors').where('stream', '=', 'bios').execute();
}
