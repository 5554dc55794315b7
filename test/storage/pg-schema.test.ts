import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { migrateToLatest, openStore, rawConnection, type Store } from '../../src/storage/db.js';
import { openPgStore } from '../../src/storage/pg.js';
import type { Database } from '../../src/storage/schema/index.js';
import { cli, tempDir } from '../helpers/cli.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { exited, spawnWebcare } from '../helpers/spawn.js';

// #17, first step: `webcare migrate --db postgres://...` builds on PostgreSQL the schema that the
// SQLite migrations build, and records the same migrations; the other commands refuse a
// PostgreSQL URL in one line (exit 2) without printing its password.
const fresh = await freshPgDatabase();
if ('skip' in fresh) console.warn(`pg-schema.test.ts: ${fresh.skip}`);
const url = 'url' in fresh ? fresh.url : '';
const tmp = tempDir();
let lite: Store;

beforeAll(async () => {
  lite = openStore(`${tmp.dir}/lite.db`);
  await migrateToLatest(lite.db);
});
afterAll(async () => {
  await lite.close();
  tmp.cleanup();
  if ('drop' in fresh) await fresh.drop();
});

// SQLite's declared types and what the PostgreSQL baseline declares for them.
const TYPES: Record<string, string> = { text: 'text', integer: 'int8', real: 'float8', blob: 'bytea' };

async function tables(db: Kysely<Database>) {
  const all = await db.introspection.getTables();
  return Object.fromEntries(
    all
      .filter((t) => !t.name.startsWith('kysely_') && t.name !== 'sqlite_sequence')
      .map((t) => [
        t.name,
        t.columns.map((c) => ({
          name: c.name,
          type: c.dataType.toLowerCase(),
          nullable: c.isNullable,
          auto: c.isAutoIncrementing,
          // An identity column (PostgreSQL) numbers rows as SQLite's autoincrement does, without a default.
          default: c.hasDefaultValue && !c.isAutoIncrementing,
        })),
      ]),
  );
}

describe.skipIf('skip' in fresh)('PostgreSQL: webcare migrate', () => {
  it('applies every migration once, under the names SQLite records, then says it is up to date', async () => {
    const first = await cli(['migrate', '--db', url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${url}: applied ${Object.keys(MIGRATIONS).join(', ')}\n`);
    const again = await cli(['migrate', '--db', url]);
    expect([again.code, again.stdout]).toEqual([0, `${url}: up to date\n`]);
  });

  it('builds the tables, columns, keys and indexes the SQLite migrations build', async () => {
    const pg = await openPgStore(url);
    try {
      const want = await tables(lite.db);
      const got = await tables(pg.db);
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      const pkOf = (name: string) =>
        (rawConnection(lite).prepare(`pragma table_info(${name})`).all() as { name: string; pk: number }[])
          .filter((c) => c.pk > 0)
          .sort((x, y) => x.pk - y.pk)
          .map((c) => c.name);
      // SQLite lets a key that is not an integer be null, PostgreSQL never. SQLite's introspection
      // calls every `integer primary key` auto-numbered (a rowid); only those declared
      // autoincrement are identity columns on PostgreSQL.
      for (const [name, columns] of Object.entries(want))
        expect(got[name], name).toEqual(
          columns.map((c) => ({
            ...c,
            type: TYPES[c.type] ?? c.type,
            nullable: c.nullable && !pkOf(name).includes(c.name),
            auto: c.auto && !isRowid(name, c.name),
          })),
        );
      // Primary keys, column for column.
      for (const name of Object.keys(want)) {
        const { rows } = await sql<{ column_name: string }>`
          select a.attname as column_name from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = ${name}::regclass and i.indisprimary
          order by array_position(i.indkey, a.attnum)`.execute(pg.db);
        expect(
          rows.map((r) => r.column_name),
          `${name} primary key`,
        ).toEqual(pkOf(name));
      }
      // Every index SQLite has by name (its unique constraints are indexes on PostgreSQL).
      const liteIndexes = rawConnection(lite)
        .prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'")
        .pluck()
        .all() as string[];
      const { rows } = await sql<{
        indexname: string;
      }>`select indexname from pg_indexes where schemaname = 'public'`.execute(pg.db);
      const pgIndexes = new Set(rows.map((r) => r.indexname));
      expect(liteIndexes.filter((i) => !pgIndexes.has(i))).toEqual([]);
      expect(pgIndexes.has('accounts_platform_handle')).toBe(true);
    } finally {
      await pg.close();
    }
  });

  it('keeps instants in ms (past 2^31) and reads them back as numbers', async () => {
    const pg = await openPgStore(url);
    try {
      const ms = Date.parse('2026-11-30T00:00:00Z');
      await pg.db
        .insertInto('request_week_sets')
        .values({
          start_ms: ms,
          end_ms: ms + 7 * 86_400_000,
          settled_ms: ms,
          window_ms: 30 * 86_400_000,
          kept_at: 'x',
          cut_ms: null,
          until_ms: null,
        })
        .execute();
      const row = await pg.db.selectFrom('request_week_sets').selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({
        start_ms: ms,
        end_ms: ms + 7 * 86_400_000,
        settled_ms: ms,
        window_ms: 2_592_000_000,
        kept_at: 'x',
        cut_ms: null,
        until_ms: null,
      });
      // Handles are unique whatever their case, as SQLite's collate nocase makes them.
      await pg.db.insertInto('organisations').values({ id: 'aa', name: 'Aa', updated_at: 'x' }).execute();
      const account = { org_id: 'aa', platform: 'x', created_at: 'x' } as const;
      await pg.db
        .insertInto('accounts')
        .values({ ...account, handle: 'Gemeente' })
        .execute();
      await expect(
        pg.db
          .insertInto('accounts')
          .values({ ...account, handle: 'gemeente' })
          .execute(),
      ).rejects.toThrow(/accounts_platform_handle/);
    } finally {
      await pg.close();
    }
  });

  it('refuses a database a newer webcare migrated, and every other command, in one line without the password', async () => {
    const withPassword = url.replace('postgres@', 'postgres:s3cret@');
    const stats = await cli(['sql', 'select 1', '--db', withPassword]);
    expect(stats.code).toBe(2);
    expect(stats.stderr).not.toContain('s3cret');
    expect(stats.stderr).toMatch(
      /^webcare: postgres:\/\/postgres:\*\*\*@.*: `webcare sql` needs a SQLite file so far; every command but `webcare sql` runs on PostgreSQL\n$/,
    );
    // A config whose method differs from the stored one: the warning names the database, masked.
    const other = tmp.file('window14.yaml', 'method:\n  answer_window_days: 14\n');
    const writer = spawnWebcare(['rollup', '--db', url], { WEBCARE_HASH_KEY: 'k' }); // stores the default method
    expect(await exited(writer)).toBe(0);
    const warned = spawnWebcare(['stats', '--db', withPassword, '--config', other, '--format', 'json']);
    let log = '';
    warned.stderr!.on('data', (d) => (log += d));
    expect(await exited(warned)).toBe(0);
    expect(log).toContain('postgres:***@');
    expect(log).toContain('its figures were computed with answer_window_days 30');
    expect(log).not.toContain('s3cret');
    const dump = await cli(['config', '--dump', '--db', withPassword]);
    expect(dump.code).toBe(0);
    expect(dump.stdout).toContain(`database: ${withPassword.replace('s3cret', '***')}\n`);
    expect(dump.stdout).not.toContain('s3cret');
    const pg = await openPgStore(url);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-future', 'x')`.execute(pg.db);
    await pg.close();
    const newer = await cli(['migrate', '--db', url]);
    expect([newer.code, newer.stderr]).toEqual([
      2,
      `webcare: ${url}: written by a newer webcare (migration 9999-future): upgrade webcare\n`,
    ]);
    const down = await cli(['migrate', '--db', 'postgres://postgres:s3cret@127.0.0.1:1/none']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^webcare: error: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: cannot read the database: cannot connect to PostgreSQL: .*\n$/,
    );
  });
});

/** An `integer primary key` without autoincrement: SQLite's rowid, a plain key on PostgreSQL. */
function isRowid(table: string, column: string): boolean {
  const ddl = rawConnection(lite).prepare('select sql from sqlite_master where name = ?').pluck().get(table) as string;
  return !/autoincrement/i.test(ddl) && new RegExp(`"?${column}"? integer primary key`, 'i').test(ddl);
}
