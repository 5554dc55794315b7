import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { resetErrors } from '../storage/accounts.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';

/** `webcare accounts list|reset-errors`: the schedule state of monitored accounts. */
export function registerAccounts(program: Command, io: Io): void {
  const accounts = program.command('accounts').description('monitored accounts and their schedule state');
  accounts
    .command('list')
    .description('accounts with next check, retry time and errors')
    .addOption(formatOption())
    .option('--errors', 'only accounts with errors')
    .action(async (opts: { format: Format; errors?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const store = await ctx.store();
        let q = store.db.selectFrom('accounts').select(['org_id', 'platform', 'handle', 'platform_user_id', 'next_check_at', 'retry_at', 'error_count', 'last_error', 'retired_at']).orderBy('org_id');
        if (opts.errors) q = q.where('error_count', '>', 0);
        const rows = await q.execute();
        io.out(render(opts.format, rows, ['org_id', 'platform', 'handle', 'error_count', 'retry_at', 'last_error', 'retired_at']));
      });
    });
  accounts
    .command('reset-errors')
    .description('put accounts that hit the error limit back in rotation')
    .argument('[org]', 'only this organisation')
    .action(async (org: string | undefined, _opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (org && !ctx.settings.organisations.some((o) => o.id === org)) throw new UsageError(`${org}: no such organisation (see webcare orgs)`);
        const store = await ctx.store();
        io.out(`reset ${await resetErrors(store.db, org)} accounts\n`);
      });
    });
}
