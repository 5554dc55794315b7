import { afterEach, beforeAll } from 'vitest';
import { migrateToLatest, openStore, type Store } from '../../src/storage/db.js';
import { openPgStore } from '../../src/storage/pg.js';
import { tempDir } from './cli.js';
import { freshPgDatabase } from './pg.js';

/**
 * The two database dialects a parametrised suite runs on (#17): `describe.each(DIALECTS)`. Each
 * `fresh()` is a new, migrated database: a SQLite file, or a PostgreSQL database made for it (and
 * dropped by `done`). Without a server (locally, not in CI) the PostgreSQL case is left out.
 */
export interface Dialect {
  name: 'SQLite' | 'PostgreSQL';
  /** A new empty database: its URL or file path (not migrated). */
  database(): Promise<{ database: string; done(): Promise<void> }>;
  /** A new migrated database, opened. */
  fresh(): Promise<{ store: Store; done(): Promise<void> }>;
}

const tmp = tempDir();
let files = 0;

const sqlite: Dialect = {
  name: 'SQLite',
  database() {
    return Promise.resolve({ database: `${tmp.dir}/d${files++}.db`, done: () => Promise.resolve() });
  },
  async fresh() {
    const store = openStore(`${tmp.dir}/d${files++}.db`);
    await migrateToLatest(store.db);
    return { store, done: () => store.close() };
  },
};

// Probed once per test file: a server that does not answer is a skip locally, a failure in CI.
const probe = await freshPgDatabase();
if ('drop' in probe) await probe.drop();

const postgres: Dialect = {
  name: 'PostgreSQL',
  async database() {
    const made = await freshPgDatabase();
    if ('skip' in made) throw new Error(made.skip);
    return { database: made.url, done: () => made.drop() };
  },
  async fresh() {
    const { database, done } = await this.database();
    const store = await openPgStore(database);
    await migrateToLatest(store.db);
    return {
      store,
      async done() {
        await store.close();
        await done();
      },
    };
  },
};

/** SQLite, and PostgreSQL unless there is no server (then one line says so; in CI that fails instead). */
export const DIALECTS: readonly Dialect[] = 'skip' in probe ? [sqlite] : [sqlite, postgres];
if ('skip' in probe) console.warn(`the PostgreSQL half of this suite is left out: ${probe.skip}`);

/**
 * Fresh stores for a file whose suites run once per dialect: `use(d)` inside each
 * `describe.each(DIALECTS)` block, `fresh()` in a test or hook; each store is closed (and its
 * PostgreSQL database dropped) after the test that made it.
 */
export function storesPerDialect(): { use(d: Dialect): void; fresh(): Promise<Store> } {
  let dialect: Dialect | undefined;
  let done: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => {
    await done();
    done = () => Promise.resolve();
  });
  return {
    use(d) {
      beforeAll(() => {
        dialect = d;
      });
    },
    async fresh() {
      if (!dialect) throw new Error('storesPerDialect: use(dialect) in the describe block first');
      const made = await dialect.fresh();
      done = made.done;
      return made.store;
    },
  };
}
