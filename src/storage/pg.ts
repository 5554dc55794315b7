import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { shownDatabase } from '../model/index.js';
import { DatabaseError, markPostgres, unreadableDatabase, type Store } from './db.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema/index.js';

// PostgreSQL (#17): `--db postgres://...` (or WEBCARE_DB, `database:` in the config). So far
// `webcare migrate` runs on it; the other commands refuse it with exit 2 (context.ts).

// bigint (int8) columns come back as strings by default; instants in ms and ids fit a number.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a pool on the PostgreSQL database of `url` and checks that it answers and that no newer
 * webcare migrated it. Throws DatabaseError naming the URL (without its password).
 */
export async function openPgStore(url: string): Promise<Store> {
  const shown = shownDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, types, connectionTimeoutMillis: 5000 });
  // A server that goes away later must not crash the process: the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  markPostgres(db);
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw unreadableDatabase(
      shown,
      `cannot connect to PostgreSQL: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const unknown = await unknownMigration(db);
  if (unknown) {
    await db.destroy();
    throw new DatabaseError(
      shown,
      'newer',
      `${shown}: written by a newer webcare (migration ${unknown}): upgrade webcare`,
    );
  }
  let closed = false;
  return {
    db,
    path: url,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
    },
  };
}

/** True when the database has this table (in the search path). */
async function hasTable(db: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
  return Boolean(rows[0]?.t);
}

/** The migrations the database records, in order (none when it was never migrated). */
async function recordedMigrations(db: Kysely<Database>): Promise<string[]> {
  if (!(await hasTable(db, 'kysely_migration'))) return [];
  const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return names.rows.map((r) => r.name);
}

/** The migrations this code has that the PostgreSQL database has not run (all of them on an empty one). */
export async function pgPendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const done = new Set(await recordedMigrations(db));
  return Object.keys(PG_MIGRATIONS).filter((n) => !done.has(n));
}

async function unknownMigration(db: Kysely<Database>): Promise<string | undefined> {
  return (await recordedMigrations(db)).find((n) => !Object.hasOwn(PG_MIGRATIONS, n));
}

/** True when the PostgreSQL database at `url` has webcare's tables with posts in them (`webcare demo` refuses it). */
export async function pgHoldsPosts(url: string): Promise<boolean> {
  const store = await openPgStore(url);
  try {
    if (!(await hasTable(store.db, 'posts'))) return false;
    return (await store.db.selectFrom('posts').select('id').limit(1).execute()).length > 0;
  } finally {
    await store.close();
  }
}
