import type { Command } from 'commander';
import { CommandFailure, UsageError } from '../config/errors.js';
import { isFileProblem, unreadableDatabase } from '../storage/db.js';
import { ConsoleFailure, ConsoleRefusal, runConsole, type ConsoleResult } from '../storage/sql-console.js';
import { withContext, type Io } from './command.js';
import { csvOptionsOf, formatOption, render, withCsvFlags, type Format } from './format.js';
import { MAX_COUNT, wholeNumber } from './numbers.js';
import { readStore } from './query-options.js';

interface SqlOptions {
  format: Format;
  csvExcel?: boolean;
  rawCsv?: boolean;
  timeout: number;
  maxRows: number;
}

/**
 * `webcare sql "SELECT ..."`: runs one statement on a read-only connection, bounded in time
 * (--timeout, default 10 s: the query is killed) and in rows (--max-rows, default 10,000, a note on
 * stderr when cut); anything that writes, attaches or sets a pragma is refused (exit 2).
 */
export function registerSql(program: Command, io: Io): void {
  withCsvFlags(program.command('sql'))
    .description('run one read-only SQL statement on the database (at most --timeout seconds and --max-rows rows)')
    .argument('<statement>', 'a SELECT (or WITH ... SELECT) statement, or a pragma that reads (table_info(posts))')
    .addOption(formatOption())
    .option('--timeout <seconds>', 'stop the statement after this many seconds', wholeNumber('--timeout', 1, 3600), 10)
    .option('--max-rows <n>', 'print at most this many rows', wholeNumber('--max-rows', 1, MAX_COUNT), 10_000)
    .action(async (statement: string, opts: SqlOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        // Missing, unreadable or newer databases are refused here, on a read-only connection.
        const store = await readStore(ctx);
        const path = store.path;
        let result: ConsoleResult;
        try {
          result = await runConsole(path, statement, { timeoutMs: opts.timeout * 1000, maxRows: opts.maxRows });
        } catch (err) {
          throw sqlError(err, path, opts.timeout);
        }
        const { rows, columns } = result;
        io.out(
          opts.format === 'json'
            ? JSON.stringify(rows, null, 2) + '\n'
            : render(opts.format, rows, columns, rows, csvOptionsOf(opts)),
        );
        if (result.truncated) {
          io.err(
            `webcare: sql: stopped at ${opts.maxRows} rows (--max-rows); there are more: add LIMIT or raise --max-rows\n`,
          );
        }
      });
    });
}

/** The one-line error of a refused or failed statement. */
function sqlError(err: unknown, path: string, timeout: number): Error {
  if (err instanceof ConsoleRefusal || err instanceof ConsoleFailure) {
    if (isFileProblem(err)) return unreadableDatabase(path, err.message);
  }
  if (err instanceof ConsoleFailure) return new CommandFailure(`sql: ${err.message}`);
  if (!(err instanceof ConsoleRefusal)) return err instanceof Error ? err : new Error(String(err));
  switch (err.reason) {
    case 'invalid':
      return new UsageError(`sql: ${err.message}`);
    case 'writes':
      return new UsageError(
        'sql: only read-only statements are allowed (INSERT, UPDATE, DELETE, CREATE, DROP ... are refused)',
      );
    case 'reaches':
      return new UsageError(`sql: ${err.message}`);
    case 'timeout':
      return new UsageError(`sql: stopped after ${timeout} s (--timeout)`);
    default:
      return new UsageError('sql: the statement returns no rows');
  }
}
