import type { Kysely, Transaction } from 'kysely';
import type { BioFields } from '../model/index.js';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores a bio version only when its text differs from the account's latest stored version.
 * Returns true when a row was added.
 */
export async function insertBioIfChanged(
  db: Db,
  bio: { accountId: number; fetchedAt: string; text: string; parsed: BioFields; parserVersion: number },
): Promise<boolean> {
  const latest = await db
    .selectFrom('bios')
    .select('text')
    .where('account_id', '=', bio.accountId)
    .orderBy('fetched_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest && latest.text === bio.text) return false;
  const res = await db
    .insertInto('bios')
    .values({
      account_id: bio.accountId,
      fetched_at: bio.fetchedAt,
      text: bio.text,
      parsed: JSON.stringify(bio.parsed),
      parser_version: bio.parserVersion,
    })
    .onConflict((oc) => oc.columns(['account_id', 'fetched_at']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
