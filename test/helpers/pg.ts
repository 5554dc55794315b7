import pg from 'pg';

// PostgreSQL for tests (#17). CI (.ci/run) starts the server, makes a database for the run and
// sets WEBCARE_TEST_PG to it: then a server that does not answer fails the tests. Elsewhere the
// local default is tried, and without a server the PostgreSQL tests are skipped with one line.
const REQUIRED = process.env.WEBCARE_TEST_PG;
const SERVER = REQUIRED ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let made = 0;

export type FreshPg = { url: string; drop(): Promise<void> } | { skip: string };

/** A new, empty database on the test server (dropped by `drop`), or why the tests are skipped. */
export async function freshPgDatabase(): Promise<FreshPg> {
  const admin = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    if (REQUIRED) throw new Error(`WEBCARE_TEST_PG: PostgreSQL does not answer: ${(err as Error).message}`);
    return { skip: `no PostgreSQL at ${SERVER} (${(err as Error).message}): the PostgreSQL tests are skipped` };
  }
  const name = `wc_test_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
