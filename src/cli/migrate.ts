import type { Command } from 'commander';
import { migrateToLatest, openStore } from '../storage/db.js';
import { withContext, type Io } from './command.js';

/** `webcare migrate`: creates or upgrades the database schema; a second run is a no-op. */
export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(async (_opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const store = openStore(ctx.settings.database);
        try {
          const applied = await migrateToLatest(store.db);
          io.out(
            applied.length
              ? `${ctx.settings.database}: applied ${applied.join(', ')}\n`
              : `${ctx.settings.database}: up to date\n`,
          );
        } finally {
          await store.close();
        }
      });
    });
}
