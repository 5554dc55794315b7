import type { Kysely } from 'kysely';
import type { Database } from './schema/index.js';

/** The method parameters that decide stored outcomes and the norm. */
export interface StoredMethod {
  methodVersion: number;
  readerVersion: number;
  answerWindowDays: number;
  normWorkingDays: number;
  updatedAt: string;
  /** Every method parameter (the config's `method` block) as JSON; null in databases from before method 2. */
  methodJson: string | null;
}

/** The parameters the database's outcomes were computed with, or undefined before the first write. */
export async function readMethodSettings(db: Kysely<Database>): Promise<StoredMethod | undefined> {
  const r = await db.selectFrom('method_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return undefined;
  return {
    methodVersion: r.method_version,
    readerVersion: r.reader_version,
    answerWindowDays: r.answer_window_days,
    normWorkingDays: r.norm_working_days,
    updatedAt: r.updated_at,
    methodJson: r.method_json,
  };
}

/** Records the parameters outcomes are (re)computed with from now on. */
export async function writeMethodSettings(db: Kysely<Database>, m: StoredMethod): Promise<void> {
  const row = {
    id: 1,
    method_version: m.methodVersion,
    reader_version: m.readerVersion,
    answer_window_days: m.answerWindowDays,
    norm_working_days: m.normWorkingDays,
    updated_at: m.updatedAt,
    method_json: m.methodJson,
  };
  const { id: _id, ...changes } = row;
  await db
    .insertInto('method_settings')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}
