import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema/index.js';
import { isPostgres } from './db.js';

// The small SQL forms that differ between SQLite and PostgreSQL (#17), in one place. `db` is a
// store's query builder or a transaction on it.

/**
 * A column as a filter that must not choose the index (SQLite's unary `+`): a plain reference on
 * PostgreSQL, whose planner weighs the ranges itself (and has no unary plus on text).
 */
export const unindexed = (db: object, column: string): RawBuilder<string> =>
  isPostgres(db) ? sql<string>`${sql.ref(column)}` : sql<string>`+${sql.ref(column)}`;

/** True where a column holds no time SQLite can read; PostgreSQL has no julianday(): not an ISO instant. */
export const noInstant = (db: object, column: string): RawBuilder<boolean> =>
  isPostgres(db)
    ? sql<boolean>`not (${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}')`
    : sql<boolean>`julianday(${sql.ref(column)}) is null`;

/** True where a text column contains `part`. */
export const contains = (db: object, column: string, part: string): RawBuilder<boolean> =>
  isPostgres(db)
    ? sql<boolean>`strpos(${sql.ref(column)}, ${part}) > 0`
    : sql<boolean>`instr(${sql.ref(column)}, ${part}) > 0`;

/** The length of a JSON array stored as text. */
export const jsonLength = (db: object, column: string): RawBuilder<number> =>
  isPostgres(db)
    ? sql<number>`json_array_length(${sql.ref(column)}::json)`
    : sql<number>`json_array_length(${sql.ref(column)})`;

/**
 * Checks the foreign keys of the open transaction at its commit, not per statement (renaming a
 * post and the requests that refer to it). PostgreSQL defers the constraints declared deferrable
 * (migration 0013).
 */
export async function deferForeignKeys(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await (isPostgres(db) ? sql`set constraints all deferred` : sql`PRAGMA defer_foreign_keys = ON`).execute(db);
}

/**
 * Holds a lock on each of these names until the transaction ends, taken in one order by every
 * transaction (so two never wait for each other): two workers that store posts of one thread on
 * PostgreSQL read and write its requests one after the other (#17). SQLite has one writer at a time.
 */
export async function serialisedAll(trx: Transaction<Database>, names: readonly string[]): Promise<void> {
  if (!names.length || !isPostgres(trx)) return;
  // The sorted subquery feeds the locks in order (a function beside ORDER BY may run before the sort).
  await sql`select pg_advisory_xact_lock(h) from (
      select distinct hashtext(k) as h from unnest(${[...names]}::text[]) as k order by h) as sorted`.execute(trx);
}
