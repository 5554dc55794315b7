import type { Platform } from '../model/index.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import { DatabaseError, isPostgres } from './db.js';
import { redactSecrets } from './redact.js';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A database whose citizen ids were hashed with another key than the one given (METHOD.md 7): the
 * user's to fix, like a database written by a newer webcare, so it is a DatabaseError of that kind
 * (exit 2, this one line; commands that go on after other errors still stop on a DatabaseError).
 */
export class HashKeyMismatch extends DatabaseError {
  constructor(
    path: string,
    readonly fingerprint: string,
  ) {
    super(
      path,
      'newer',
      `${path}: citizen ids were hashed with another key (fingerprint ${fingerprint}); ` +
        'set WEBCARE_HASH_KEY to the key this database was written with',
    );
    this.name = 'HashKeyMismatch';
  }
}

/** What the database records about its privacy handling (METHOD.md 7). */
export interface PrivacyState {
  keyFingerprint: string;
  scrubVersion: number;
}

/** The recorded hash-key fingerprint and clean-up state, or undefined when no command has hashed yet. */
export async function readPrivacy(db: Db): Promise<PrivacyState | undefined> {
  const r = await db
    .selectFrom('privacy')
    .select(['key_fingerprint', 'scrub_version'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return r ? { keyFingerprint: r.key_fingerprint, scrubVersion: r.scrub_version } : undefined;
}

/**
 * Records the hash key's fingerprint unless one is recorded already; returns the fingerprint now
 * in force (the earlier one when two writers raced).
 */
export async function recordKeyFingerprint(db: Db, fingerprint: string, now: Date): Promise<string> {
  await db
    .insertInto('privacy')
    .values({ id: 1, key_fingerprint: fingerprint, scrub_version: 0, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await readPrivacy(db))!.keyFingerprint;
}

/** Records how far the one-time clean-up of older rows has got. */
export async function setScrubVersion(db: Db, version: number): Promise<void> {
  await db.updateTable('privacy').set({ scrub_version: version }).where('id', '=', 1).execute();
}

/** A stored raw payload with what scrubbing it needs (the author and reply-to columns as stored). */
export interface StoredRaw {
  platform: Platform;
  id: string;
  author_id: string;
  author_is_org: 0 | 1;
  reply_to_user_id: string | null;
  raw: string;
}
/** A post's key, where a page of raw payloads ends. */
export type PostKey = Pick<StoredRaw, 'platform' | 'id'>;

/**
 * Up to `limit` posts with a raw payload after `after`, in key order (keyset paging on the primary
 * key, on both dialects: PostgreSQL has no rowid).
 */
export async function rawsAfter(db: Db, after: PostKey | null, limit: number): Promise<StoredRaw[]> {
  let q = db
    .selectFrom('posts')
    .select(['platform', 'id', 'author_id', 'author_is_org', 'reply_to_user_id', 'raw'])
    .where('raw', 'is not', null);
  if (after) q = q.where(sql<boolean>`(platform, id) > (${after.platform}, ${after.id})`);
  const rows = await q.orderBy('platform').orderBy('id').limit(limit).execute();
  return rows as StoredRaw[];
}

/** Replaces the raw payloads of these posts. */
export async function updateRaws(db: Db, rows: readonly (PostKey & { raw: string | null })[]): Promise<void> {
  for (const r of rows)
    await db
      .updateTable('posts')
      .set({ raw: r.raw })
      .where('platform', '=', r.platform)
      .where('id', '=', r.id)
      .execute();
}

/**
 * Redacts secrets in the error messages stored before they were redacted on the way in
 * (accounts.last_error, poll_runs.last_error). Returns how many messages changed.
 */
export async function redactStoredErrors(db: Db): Promise<number> {
  let changed = 0;
  for (const a of await db
    .selectFrom('accounts')
    .select(['id', 'last_error'])
    .where('last_error', 'is not', null)
    .execute()) {
    const clean = redactSecrets(a.last_error!);
    if (clean === a.last_error) continue;
    await db.updateTable('accounts').set({ last_error: clean }).where('id', '=', a.id).execute();
    changed++;
  }
  for (const r of await db
    .selectFrom('poll_runs')
    .select(['id', 'last_error'])
    .where('last_error', 'is not', null)
    .execute()) {
    const clean = redactSecrets(r.last_error!);
    if (clean === r.last_error) continue;
    await db.updateTable('poll_runs').set({ last_error: clean }).where('id', '=', r.id).execute();
    changed++;
  }
  return changed;
}

/**
 * Makes this connection overwrite deleted content with zeros (SQLite secure_delete), so a purged
 * text or payload does not stay behind in the free space of the database file.
 */
export async function zeroDeletedContent(db: Db): Promise<void> {
  // PostgreSQL has no such setting: a purged row's old version stays until VACUUM reuses its space.
  if (isPostgres(db)) return;
  await sql`pragma secure_delete = on`.execute(db);
}

/**
 * Copies the WAL into the database file and empties it, so the earlier versions of purged rows
 * leave the -wal file too. Returns false when a reader kept the checkpoint from completing (the
 * next one finishes it). Outside a transaction only.
 */
export async function truncateWal(db: Db): Promise<boolean> {
  if (isPostgres(db)) return true; // the server manages its own write-ahead log
  const r = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return Number(r.rows[0]?.busy ?? 0) === 0;
}

/**
 * Rewrites the database file with only what is stored now (SQLite VACUUM), then empties the WAL:
 * what earlier versions left in the file's free space (texts purged before deleted content was
 * zeroed) is gone. Takes as long as copying the database; fails when another connection is reading.
 */
export async function rewriteFile(db: Db): Promise<void> {
  if (isPostgres(db)) return; // no file of ours to rewrite: the server's VACUUM FULL is the operator's
  await sql`vacuum`.execute(db);
  await truncateWal(db);
}
