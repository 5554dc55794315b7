import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db.js';

// Shipped migration: never edit; add a new numbered file instead.
// #17: renaming a post (storage/post-ids.ts) changes its id and the requests that refer to it in
// one transaction, with the foreign keys checked at commit. SQLite defers them per transaction
// (PRAGMA defer_foreign_keys); PostgreSQL only defers a constraint declared deferrable.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table requests alter constraint requests_v2_post deferrable initially immediate`.execute(db);
}
