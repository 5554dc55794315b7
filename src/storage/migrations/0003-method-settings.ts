import { sql, type Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// The method parameters a database's outcomes were computed with (METHOD.md 4b): one row. Queries
// use them, so the figures do not depend on whether --config is passed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('method_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('method_version', 'integer', (c) => c.notNull())
    .addColumn('reader_version', 'integer', (c) => c.notNull())
    .addColumn('answer_window_days', 'integer', (c) => c.notNull())
    .addColumn('norm_working_days', 'real', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
