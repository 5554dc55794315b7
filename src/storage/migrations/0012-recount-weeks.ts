import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// #16: the counts of a request answered without a first response (only a hand-edited or foreign
// database holds one) are now those of the reference (censored, not timed at 0; storage/count-sql.ts).
// Weeks and parts kept with the earlier counts are dropped, so the next upkeep, import or
// `webcare rollup` keeps them again; until then reports count those weeks request by request.
// Plain SQL: the same on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from request_weeks`.execute(db);
  await sql`delete from request_week_sets`.execute(db);
}
