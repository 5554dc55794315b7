import type { Command } from 'commander';
import { migrateToLatest, openStore } from '../storage/db.js';
import { isPostgresUrl, shownDatabase } from '../model/index.js';
import { openPgStore } from '../storage/pg.js';
import { withContext, type Io } from './command.js';

/** `webcare migrate`: creates or upgrades the database schema; a second run is a no-op. */
export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(async (_opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const { database } = ctx.settings;
        // A file path is SQLite (the default); a postgres:// URL is PostgreSQL (#17).
        const store = isPostgresUrl(database) ? await openPgStore(database) : openStore(database);
        const shown = shownDatabase(database);
        try {
          const applied = await migrateToLatest(store.db);
          io.out(applied.length ? `${shown}: applied ${applied.join(', ')}\n` : `${shown}: up to date\n`);
        } finally {
          await store.close();
        }
      });
    });
}
