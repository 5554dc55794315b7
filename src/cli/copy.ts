import type { Command } from 'commander';
import { CommandFailure, UsageError } from '../config/errors.js';
import { isPostgresUrl, shownDatabase } from '../model/index.js';
import { compareTables, copyTables } from '../storage/copy.js';
import { hasSchema, migrateToLatest, openStore, pendingMigrations } from '../storage/db.js';
import { openPgStore } from '../storage/pg.js';
import { withContext, type Io } from './command.js';

/**
 * `webcare copy --from data/webcare.db --to postgres://...` (#17): moves a SQLite database into
 * PostgreSQL (migrated first), then compares every table on both sides. Running it again copies
 * only what is missing; a copy that differs is exit 1, naming the table.
 */
export function registerCopy(program: Command, io: Io): void {
  program
    .command('copy')
    .description('copy a SQLite database into PostgreSQL and verify the copy (counts and a checksum per table)')
    .requiredOption('--from <file>', 'the SQLite database to copy')
    .requiredOption('--to <url>', 'the PostgreSQL database (postgres://user@host:port/name)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { from: string; to: string; format: string }, cmd: Command) => {
      if (!isPostgresUrl(opts.to)) throw new UsageError(`--to ${opts.to}: expected a postgres:// URL`);
      if (isPostgresUrl(opts.from)) throw new UsageError(`--from ${shownDatabase(opts.from)}: expected a SQLite file`);
      if (!['text', 'json'].includes(opts.format))
        throw new UsageError(`--format ${opts.format}: expected text or json`);
      await withContext(cmd, async () => {
        const source = openStore(opts.from, { readonly: true });
        try {
          if (!hasSchema(source)) throw new UsageError(`--from ${opts.from}: not a webcare database`);
          const pending = pendingMigrations(source);
          if (pending.length)
            throw new UsageError(
              `--from ${opts.from}: written by an older webcare (migration ${pending[0]} missing): run webcare migrate --db ${opts.from} first`,
            );
          const target = await openPgStore(opts.to);
          try {
            await migrateToLatest(target.db);
            const t0 = Date.now();
            const copied = await copyTables(source, target.db, (t) => {
              if (opts.format === 'text')
                io.out(`${t.table}: ${t.rows} ${t.rows === 1 ? 'row' : 'rows'}, ${t.copied} copied now\n`);
            });
            const checks = await compareTables(source, target.db);
            const differ = checks.filter((c) => c.source.rows !== c.target.rows || c.source.sha256 !== c.target.sha256);
            const seconds = (Date.now() - t0) / 1000;
            if (opts.format === 'json')
              io.out(JSON.stringify({ to: shownDatabase(opts.to), tables: copied, checks, seconds }, null, 2) + '\n');
            else if (!differ.length)
              io.out(
                `verified: ${checks.length} tables equal in ${shownDatabase(opts.to)} (row counts and SHA-256 of the rows) in ${seconds.toFixed(1)} s\n`,
              );
            if (differ.length) {
              const d = differ[0]!;
              throw new CommandFailure(
                `${d.table}: the copy differs (${d.source.rows} rows in ${opts.from}, ${d.target.rows} in ${shownDatabase(opts.to)}` +
                  `${d.source.rows === d.target.rows ? ', same count, other content' : ''})` +
                  (differ.length > 1 ? `; ${differ.length - 1} more tables differ` : ''),
              );
            }
          } finally {
            await target.close();
          }
        } finally {
          await source.close();
        }
      });
    });
}
