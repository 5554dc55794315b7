import type { Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// METHOD.md 4 (method 2): office hours per account override the organisation's (a webcare account
// staffed until 22:00 beside the main account's office hours). JSON WeeklyHours, null = the organisation's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('hours', 'text').execute();
}
