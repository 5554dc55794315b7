import { openStore, rawConnection } from '../../src/storage/db.js';

/** Row counts of every table of a database file, to assert that a re-run adds nothing anywhere. */
export async function tableCounts(path: string): Promise<Record<string, number>> {
  const store = openStore(path, { readonly: true });
  try {
    const tables = rawConnection(store)
      .prepare("select name from sqlite_master where type='table' and name not like 'sqlite%' order by name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, Number(rawConnection(store).prepare(`select count(*) from "${t}"`).pluck().get())]),
    );
  } finally {
    await store.close();
  }
}
