import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { rawConnection, statement, type Store } from './db.js';
import type { Database } from './schema/index.js';

// `webcare copy` (#17): a SQLite database into PostgreSQL, table by table in key order, in batches
// that each commit on their own, so a copy cut off halfway is finished by running it again (rows
// already there are left as they are). At the end every table is read back on both sides in the same
// order and compared by count and a SHA-256 of its rows.

/** The tables in the order their foreign keys need, each with its primary key (the copy's order). */
export const COPIED: readonly { table: keyof Database & string; key: readonly string[]; identity?: boolean }[] = [
  { table: 'organisations', key: ['id'] },
  { table: 'accounts', key: ['id'], identity: true },
  { table: 'cursors', key: ['platform', 'scope', 'stream'] },
  { table: 'posts', key: ['platform', 'id'] },
  { table: 'bios', key: ['id'], identity: true },
  { table: 'poll_runs', key: ['id'], identity: true },
  { table: 'method_settings', key: ['id'] },
  { table: 'requests', key: ['platform', 'post_id', 'org_id'] },
  { table: 'post_aliases', key: ['platform', 'alias'] },
  { table: 'privacy', key: ['id'] },
  { table: 'alert_requests', key: ['platform', 'post_id', 'org_id', 'webhook'] },
  { table: 'alert_summaries', key: ['slot', 'webhook'] },
  { table: 'job_runs', key: ['job', 'slot'] },
  // Kept weeks (request_weeks, request_week_sets) are not copied: they are derived from the requests
  // and kept valid by SQLite triggers PostgreSQL does not have yet. Nor are the workers and their
  // rate-limit waits (migration 0014): they describe the processes running now, not the data.
];

type Row = Record<string, unknown>;

/** The column names of a table, in SQLite's order. */
function columnsOf(source: Store, table: string): string[] {
  return (rawConnection(source).prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** Rows of the SQLite table after `after` (a key, or none for the first), in key order. */
function sqliteBatch(source: Store, t: (typeof COPIED)[number], after: unknown[] | undefined, n: number): Row[] {
  const keys = t.key.join(', ');
  const where = after ? `where (${keys}) > (${t.key.map(() => '?').join(', ')})` : '';
  // Prepared once per connection (storage/db.ts statement), not once per batch.
  const st = statement(rawConnection(source), `select * from ${t.table} ${where} order by ${keys} limit ?`);
  return st.raw(false).all(...(after ?? []), n) as Row[];
}

/** The same from PostgreSQL (its text in the C collation orders as SQLite does). */
async function pgBatch(db: Kysely<Database>, t: (typeof COPIED)[number], after: unknown[] | undefined, n: number) {
  const keys = sql.join(t.key.map((k) => sql.ref(k)));
  const where = after ? sql`where (${keys}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
  const { rows } = await sql<Row>`select * from ${sql.table(t.table)} ${where} order by ${keys} limit ${n}`.execute(db);
  return rows;
}

// One row as the checksum reads it: values in column order, bytes as hex.
const canonical = (row: Row, columns: readonly string[]) =>
  JSON.stringify(
    columns.map((c) => (row[c] instanceof Uint8Array ? `x${Buffer.from(row[c]).toString('hex')}` : row[c])),
  );

export interface CopiedTable {
  table: string;
  rows: number;
  copied: number;
}

/**
 * Copies every table of `source` (SQLite) into `target` (PostgreSQL, migrated to the same schema),
 * skipping rows whose key is there already; sets the identity counters past the copied ids.
 */
export async function copyTables(
  source: Store,
  target: Kysely<Database>,
  onTable?: (t: CopiedTable) => void,
): Promise<CopiedTable[]> {
  const out: CopiedTable[] = [];
  for (const t of COPIED) {
    const columns = columnsOf(source, t.table);
    // PostgreSQL takes at most 65,535 parameters per statement.
    const n = Math.max(1, Math.floor(30_000 / columns.length));
    const done: CopiedTable = { table: t.table, rows: 0, copied: 0 };
    for (let after: unknown[] | undefined, rows = sqliteBatch(source, t, after, n); rows.length;) {
      const r = await target
        .insertInto(t.table)
        .values(rows as never)
        .onConflict((oc) => oc.columns(t.key as never).doNothing())
        .executeTakeFirst();
      done.rows += rows.length;
      done.copied += Number(r.numInsertedOrUpdatedRows ?? 0);
      const last = rows[rows.length - 1]!;
      after = t.key.map((k) => last[k]);
      rows = sqliteBatch(source, t, after, n);
    }
    if (t.identity)
      await sql`select setval(pg_get_serial_sequence(${t.table}, 'id'), coalesce(max(id), 1), max(id) is not null)
        from ${sql.table(t.table)}`.execute(target);
    out.push(done);
    onTable?.(done);
  }
  return out;
}

export interface TableCheck {
  table: string;
  source: { rows: number; sha256: string };
  target: { rows: number; sha256: string };
}

/** Reads every copied table on both sides in key order: row counts and a SHA-256 of the rows. */
export async function compareTables(source: Store, target: Kysely<Database>): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const t of COPIED) {
    const columns = columnsOf(source, t.table);
    const n = 5000;
    const sides = { source: { rows: 0, hash: createHash('sha256') }, target: { rows: 0, hash: createHash('sha256') } };
    for (const [side, read] of [
      ['source', (after: unknown[] | undefined) => Promise.resolve(sqliteBatch(source, t, after, n))],
      ['target', (after: unknown[] | undefined) => pgBatch(target, t, after, n)],
    ] as const) {
      for (let after: unknown[] | undefined, rows = await read(after); rows.length; rows = await read(after)) {
        for (const row of rows) sides[side].hash.update(canonical(row, columns) + '\n');
        sides[side].rows += rows.length;
        const last = rows[rows.length - 1]!;
        after = t.key.map((k) => last[k]);
      }
    }
    out.push({
      table: t.table,
      source: { rows: sides.source.rows, sha256: sides.source.hash.digest('hex') },
      target: { rows: sides.target.rows, sha256: sides.target.hash.digest('hex') },
    });
  }
  return out;
}
