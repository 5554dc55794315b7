import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db.js';

// Shipped migration: never edit; add a new numbered file instead.
// #17: the dashboard keeps figures until the data changes. SQLite says so itself (PRAGMA
// data_version); on PostgreSQL every statement that writes a table the figures read moves a
// sequence (a sequence takes no row lock: workers writing at once never wait for each other).
const TABLES = ['organisations', 'accounts', 'posts', 'requests', 'bios', 'method_settings', 'post_aliases'];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create sequence webcare_data_version`.execute(db);
  await sql`create function webcare_data_changed() returns trigger language plpgsql as $$
    begin perform nextval('webcare_data_version'); return null; end $$`.execute(db);
  for (const t of TABLES)
    await sql`create trigger ${sql.raw(`${t}_data_version`)} after insert or update or delete or truncate
      on ${sql.table(t)} for each statement execute function webcare_data_changed()`.execute(db);
}
