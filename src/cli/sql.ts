import type { Command } from 'commander';
import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { UsageError } from '../config/errors.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';

// Statements that read but can still change state or reach other files.
const REFUSED = /^\s*(attach|detach|vacuum|reindex|analyze|pragma\s+\w+\s*=|pragma\s+\w+\s*\()/i;

/** `webcare sql "SELECT ..."`: runs one statement on a read-only connection; anything that writes is refused (exit 2). */
export function registerSql(program: Command, io: Io): void {
  program
    .command('sql')
    .description('run one read-only SQL statement on the database')
    .argument('<statement>', 'a SELECT (or WITH ... SELECT) statement')
    .addOption(formatOption())
    .action(async (statement: string, opts: { format: Format }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const path = ctx.settings.database;
        if (!existsSync(path)) throw new UsageError(`${path}: no database yet`);
        if (REFUSED.test(statement)) throw new UsageError('sql: only read-only statements are allowed (this one can change the database or reach another file)');
        const db = new SQLite(path, { readonly: true, fileMustExist: true });
        try {
          let stmt: SQLite.Statement;
          try {
            stmt = db.prepare(statement);
          } catch (err) {
            throw new UsageError(`sql: ${(err as Error).message}`);
          }
          if (!stmt.readonly) throw new UsageError('sql: only read-only statements are allowed (INSERT, UPDATE, DELETE, CREATE, DROP ... are refused)');
          if (!stmt.reader) throw new UsageError('sql: the statement returns no rows');
          const rows = stmt.all() as Record<string, unknown>[];
          const columns = stmt.columns().map((c) => c.name);
          io.out(opts.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : render(opts.format, rows, columns));
        } finally {
          db.close();
        }
      });
    });
}
