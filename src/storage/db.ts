import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect, type MigrationProvider } from 'kysely';
import { MIGRATIONS, migrationProvider, pgMigrationProvider } from './migrations/index.js';
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

// Readers take a Kysely handle; the fast report path (storage/request-times.ts) reads raw rows through it.
const rawByDb = new WeakMap<object, SQLite.Database>();

/** The raw connection behind a query builder opened by openStore, or undefined (e.g. a transaction). */
export function rawOfDb(db: object): SQLite.Database | undefined {
  return rawByDb.get(db);
}

/**
 * A number that changes whenever another connection commits to the database (SQLite's
 * data_version): a reader that caches figures knows from it that they may be out of date.
 * Undefined when the handle has no raw connection.
 */
export function dataVersion(db: object): number | undefined {
  return rawByDb.get(db)?.pragma('data_version', { simple: true }) as number | undefined;
}

/**
 * A mark that changes whenever data the reports read was written, on either dialect: SQLite's
 * data_version, or on PostgreSQL a sequence every writing statement moves (migration 0015) with
 * the current minute (a statement moves it before its transaction commits: a reader in between may
 * keep figures without that write for at most a minute).
 */
export async function changeMark(db: Kysely<Database>, now: Date): Promise<string | undefined> {
  if (!isPostgres(db)) {
    const v = dataVersion(db);
    return v === undefined ? undefined : String(v);
  }
  const { rows } = await sql<{ v: number }>`select last_value as v from webcare_data_version`.execute(db);
  return `${rows[0]?.v ?? 0}@${Math.floor(now.getTime() / 60_000)}`;
}

/**
 * Sets the connection's page cache (MB). Bulk imports write mostly new pages: a smaller cache than
 * the 64 MB a long-running daemon keeps costs them little and keeps their memory flat.
 */
export function setCacheMb(store: Store, mb: number): void {
  if (isPostgres(store.db)) return; // the server's memory is the server's
  rawConnection(store).pragma(`cache_size = -${Math.round(mb * 1024)}`);
}

/** Throws unless a transaction is open on the store's connection (writers that must be atomic with others). */
export function assertInTransaction(store: Store, what: string): void {
  if (!rawConnection(store).inTransaction) throw new Error(`${what} must run inside a transaction`);
}

/**
 * A database that cannot be used: `unreadable` (not a database, truncated, a directory, a server
 * that does not answer: exit 1), `newer` (written by a newer webcare, whose schema this code does
 * not know: exit 2) or `unsupported` (a PostgreSQL database for a command that needs SQLite so far:
 * exit 2). The message is one line that names the file or the URL (without its password).
 */
export class DatabaseError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'unreadable' | 'newer' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
  get exitCode(): number {
    return this.kind === 'unreadable' ? 1 : 2;
  }
}

// Query builders on PostgreSQL (storage/pg.ts): their migrations are PG_MIGRATIONS.
const postgresDbs = new WeakSet<object>();

/** Marks a query builder as one on PostgreSQL (storage/pg.ts only). */
export function markPostgres(db: object): void {
  postgresDbs.add(db);
}

const sqliteDbs = new WeakSet<object>();

/** True when the query builder (a store's, a transaction or a connection on one) talks to PostgreSQL. */
export function isPostgres(db: object): boolean {
  if (postgresDbs.has(db)) return true;
  if (sqliteDbs.has(db) || !(db instanceof Kysely)) return false;
  // A transaction or a connection is a new object each time: its dialect shows in how it writes a
  // parameter ($1 or ?).
  const text = (db as Kysely<Database>).selectFrom('posts').select('id').where('id', '=', '').compile().sql;
  (text.includes('$1') ? postgresDbs : sqliteDbs).add(db);
  return postgresDbs.has(db);
}

/** The error for a file that cannot be read as a database: "<path>: cannot read the database: <why>". */
export function unreadableDatabase(path: string, why: string): DatabaseError {
  return new DatabaseError(path, 'unreadable', `${path}: cannot read the database: ${why}`);
}

// SQLite result codes that mean the file itself is the problem (not the statement).
const FILE_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN)/;

/** True for a better-sqlite3 error that says the database file is damaged or cannot be read. */
export function isFileProblem(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FILE_CODES.test(code);
}

/** Returns true when the database answers a trivial query (health checks). */
export function ping(store: Store): boolean {
  return readProblem(store) === undefined;
}

/** True when the database answers now: a query on PostgreSQL, the file's own table on SQLite (/healthz). */
export async function reachable(store: Store): Promise<boolean> {
  if (!isPostgres(store.db)) return ping(store);
  try {
    await store.db.selectFrom('method_settings').select('id').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}

/** Why the file cannot be read as a database ("file is not a database", ...), or undefined when it can. */
export function readProblem(store: Store): string | undefined {
  if (isPostgres(store.db)) return undefined; // openPgStore checked that the server answers
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
 * Throws DatabaseError naming the file when it cannot be read as a database (a directory, a text
 * file, a truncated database) or when a newer webcare wrote it (a migration this code does not know).
 */
export function openStore(path: string, opts: { readonly?: boolean } = {}): Store {
  const readonly = opts.readonly ?? false;
  let sqlite: SQLite.Database | undefined;
  try {
    if (path !== ':memory:') {
      const st = statSync(path, { throwIfNoEntry: false });
      if (st?.isDirectory()) throw new Error('is a directory, expected a file');
      if (st && !st.isFile()) throw new Error('not a regular file');
      if (!readonly) mkdirSync(dirname(path), { recursive: true });
    }
    sqlite = new SQLite(path, { readonly, fileMustExist: readonly });
    sqlite.pragma('busy_timeout = 5000');
    // 64 MB page cache instead of SQLite's 2 MB default: thread lookups stay in memory as the database grows.
    sqlite.pragma('cache_size = -65536');
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    // sqlite_master is read from the file itself, so a text file or a truncated database fails here.
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (err) {
    sqlite?.close();
    const why = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: string }).code;
    throw unreadableDatabase(
      path,
      code === 'ENOTDIR' || code === 'EEXIST' ? `${dirname(path)} is not a directory` : why,
    );
  }
  const unknown = unknownMigration(sqlite);
  if (unknown) {
    sqlite.close();
    throw new DatabaseError(
      path,
      'newer',
      `${path}: written by a newer webcare (migration ${unknown}): upgrade webcare`,
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  rawByDb.set(db, sqlite);
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

/** The first migration the database records that this code does not know (a newer webcare wrote it). */
function unknownMigration(sqlite: SQLite.Database): string | undefined {
  if (!hasMigrationTable(sqlite)) return undefined;
  const names = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  return names.find((n) => !Object.hasOwn(MIGRATIONS, n));
}

function hasMigrationTable(sqlite: SQLite.Database): boolean {
  return (
    sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !== undefined
  );
}

/** Migrations this code has that the database has not run yet (it was written by an older webcare). */
export function pendingMigrations(store: Store): string[] {
  const sqlite = rawConnection(store);
  if (!hasMigrationTable(sqlite)) return [];
  const done = new Set(sqlite.prepare('select name from kysely_migration').pluck().all() as string[]);
  return Object.keys(MIGRATIONS).filter((n) => !done.has(n));
}

/** True when webcare's migrations ran on this database (an empty or foreign SQLite file has none). */
export function hasSchema(store: Store): boolean {
  return hasMigrationTable(rawConnection(store));
}

/** Applies all pending migrations; returns the names applied now. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (!isPostgres(db)) return migrate(db, migrationProvider);
  // Workers starting together (#17) would each create kysely's own tables at once: one at a time,
  // on one connection that holds a session lock while it migrates.
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('webcare migrate'))`.execute(conn);
    try {
      return await migrate(conn, pgMigrationProvider);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('webcare migrate'))`.execute(conn);
    }
  });
}

async function migrate(db: Kysely<Database>, provider: MigrationProvider): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    if (isFileProblem(error)) throw error; // a damaged file, not a failed migration: the caller names the file
    const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${why}` : `migrations failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

const cached = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * The connection's prepared statement of this text, prepared once: a count statement is a large
 * program, and one prepared per week or per page stays in native memory until the garbage collector
 * finalises it (an import keeping 400 weeks grew by 50 MB). Callers that read set raw or pluck (or
 * neither) on every use: the mode stays on the shared statement.
 */
export function statement(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let map = cached.get(sqlite);
  if (!map) cached.set(sqlite, (map = new Map()));
  let st = map.get(text);
  if (st) {
    map.delete(text);
    map.set(text, st); // most recently used last
    return st;
  }
  st = sqlite.prepare(text);
  map.set(text, st);
  if (map.size > 128) map.delete(map.keys().next().value!);
  return st;
}
