import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema/index.js';

/** An open database: the typed query builder for storage/ modules, its path, and how to close it. */
export interface Store {
  db: Kysely<Database>;
  path: string;
  close(): Promise<void>;
}

// The raw better-sqlite3 handle stays inside storage/: the hot writes prepare statements on it once.
const rawHandles = new WeakMap<Store, SQLite.Database>();

/** The raw connection of a store, for storage/ modules (and tests) only; throws for a store not made here. */
export function rawConnection(store: Store): SQLite.Database {
  const raw = rawHandles.get(store);
  if (!raw) throw new Error('not a store opened by openStore');
  return raw;
}

/** Throws unless a transaction is open on the store's connection (writers that must be atomic with others). */
export function assertInTransaction(store: Store, what: string): void {
  if (!rawConnection(store).inTransaction) throw new Error(`${what} must run inside a transaction`);
}

/** Returns true when the database answers a trivial query (health checks). */
export function ping(store: Store): boolean {
  return readProblem(store) === undefined;
}

/** Why the file cannot be read as a database ("file is not a database", ...), or undefined when it can. */
export function readProblem(store: Store): string | undefined {
  try {
    // sqlite_master is read from the file itself, so a text file or a truncated database fails here.
    rawConnection(store).prepare('select count(*) from sqlite_master').get();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Opens (and creates) the SQLite file with WAL, foreign keys and a busy timeout, so CLI reads
 * can run while the daemon writes. readonly opens an existing file for queries only.
 * Throws when the file cannot be opened.
 */
export function openStore(path: string, opts: { readonly?: boolean } = {}): Store {
  if (!opts.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB page cache instead of SQLite's 2 MB default: thread lookups stay in memory as the database grows.
  sqlite.pragma('cache_size = -65536');
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  const store: Store = {
    db,
    path,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes the better-sqlite3 handle too
    },
  };
  rawHandles.set(store, sqlite);
  return store;
}

/** Applies all pending migrations; returns the names applied now. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
