import SQLite from 'better-sqlite3';

/** The rows and column names of one read-only statement. */
export interface ConsoleResult {
  rows: Record<string, unknown>[];
  columns: string[];
}

/** Why a statement was refused: `invalid` (does not compile), `writes`, or `no-rows`. */
export class ConsoleRefusal extends Error {
  constructor(
    readonly reason: 'invalid' | 'writes' | 'no-rows',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs one statement on a new read-only connection to the file at `path` (`webcare sql`).
 * Throws ConsoleRefusal when it does not compile, can write, or returns no rows.
 */
export function runReadOnly(path: string, statement: string): ConsoleResult {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    let stmt: SQLite.Statement;
    try {
      stmt = db.prepare(statement);
    } catch (err) {
      throw new ConsoleRefusal('invalid', (err as Error).message);
    }
    if (!stmt.readonly) throw new ConsoleRefusal('writes', 'the statement can change the database');
    if (!stmt.reader) throw new ConsoleRefusal('no-rows', 'the statement returns no rows');
    const rows = stmt.all() as Record<string, unknown>[];
    return { rows, columns: stmt.columns().map((c) => c.name) };
  } finally {
    db.close();
  }
}
