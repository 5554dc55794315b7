import type { Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// Method 2 keeps two times per request: the first response of any kind (response_*) and the first
// response that answers (answer_*). Existing rows get theirs at the next re-read (`webcare reclassify`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('answer_post_id', 'text').execute();
  await db.schema.alterTable('requests').addColumn('answer_at', 'text').execute();
}
