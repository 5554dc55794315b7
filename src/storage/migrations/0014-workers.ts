import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db.js';

// Shipped migration: never edit; add a new numbered file instead.
// #17: many `webcare run` workers on one database share the polling without a coordinator.
// - accounts.lease_owner / lease_until: a worker claims its due accounts for one poll cycle; a dead
//   worker's accounts are taken over when the lease has passed.
// - job_runs: each firing of a daily or weekly job (bios, upkeep, digest, alerts) is claimed once
//   across the workers, keyed on its scheduled slot.
// - workers: who is polling, seen when (the share of the due accounts each claims, /metrics).
// - platform_waits: a rate-limit wait one worker was told, kept for all of them.
// Written once for both dialects: text in PostgreSQL's C collation (byte order, as SQLite) and
// bigint for integers, as the PostgreSQL baseline declares them.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const text = pg ? sql`text collate "C"` : sql`text`;
  const int = pg ? sql`bigint` : sql`integer`;
  await db.schema.alterTable('accounts').addColumn('lease_owner', text).execute();
  await db.schema.alterTable('accounts').addColumn('lease_until', text).execute();
  await db.schema
    .createTable('job_runs')
    .addColumn('job', text, (c) => c.notNull())
    .addColumn('slot', text, (c) => c.notNull())
    .addColumn('worker', text, (c) => c.notNull())
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('finished_at', text)
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'slot'])
    .execute();
  await db.schema
    .createTable('workers')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('host', text, (c) => c.notNull())
    .addColumn('pid', int, (c) => c.notNull())
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('seen_at', text, (c) => c.notNull())
    .addColumn('stopped_at', text)
    .execute();
  await db.schema
    .createTable('platform_waits')
    .addColumn('platform', text, (c) => c.primaryKey())
    .addColumn('until', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('worker', text, (c) => c.notNull())
    .execute();
}
