import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { UsageError } from '../config/errors.js';
import { ConsoleRefusal, runReadOnly } from '../storage/sql-console.js';
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
        if (REFUSED.test(statement))
          throw new UsageError(
            'sql: only read-only statements are allowed (this one can change the database or reach another file)',
          );
        let result;
        try {
          result = runReadOnly(path, statement);
        } catch (err) {
          if (!(err instanceof ConsoleRefusal)) throw err;
          if (err.reason === 'invalid') throw new UsageError(`sql: ${err.message}`);
          if (err.reason === 'writes') {
            throw new UsageError(
              'sql: only read-only statements are allowed (INSERT, UPDATE, DELETE, CREATE, DROP ... are refused)',
            );
          }
          throw new UsageError('sql: the statement returns no rows');
        }
        const { rows, columns } = result;
        io.out(opts.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : render(opts.format, rows, columns));
      });
    });
}
