import { existsSync, readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { readRegistryFile } from '../config/registry.js';
import { isPlatform, PLATFORMS, type Platform } from '../model/index.js';
import { UsageError } from '../config/errors.js';
import { accountStates, resetErrors } from '../storage/accounts.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';
import { progress } from './progress.js';

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
        const rows = await accountStates(store.db, Boolean(opts.errors));
        io.out(
          render(opts.format, rows, [
            'org_id',
            'platform',
            'handle',
            'error_count',
            'retry_at',
            'last_error',
            'retired_at',
          ]),
        );
      });
    });
  accounts
    .command('discover')
    .description(
      'find the official accounts of organisations (Wikidata, naming patterns, social.overheid.nl), verified',
    )
    .option('--org <id>', 'one organisation')
    .option('--all', 'every organisation (the default)')
    .addOption(new Option('--platform <platform>', 'only this platform').choices([...PLATFORMS]))
    .option('--write <file>', 'where the reviewable registry goes', 'config/organisations/discovered.yaml')
    .option('--quiet', 'no progress line on stderr (errors and the summary still print)')
    .action(async (opts: { org?: string; platform?: Platform; write: string; quiet?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const orgs = opts.org
          ? ctx.settings.organisations.filter((o) => o.id === opts.org)
          : ctx.settings.organisations;
        if (!orgs.length) throw new UsageError(`--org ${opts.org}: no such organisation (see webcare orgs)`);
        const platforms = opts.platform ? [opts.platform] : [...PLATFORMS];
        // The source under way: a few steps of very uneven length, so no rate, and every step is drawn.
        const shown = progress(io, 'discover', { unit: 'steps done', rate: false, intervalMs: 0, quiet: opts.quiet });
        let steps = 0;
        // Loaded when the command runs: the other commands do not pay for its libraries in start-up time and memory.
        const { discover } = await import('../discover/discover.js');
        const { writeDiscovered } = await import('../discover/write.js');
        const result = await discover(orgs, platforms, ctx.settings, ctx.clock.now(), ctx.logger, (step) =>
          shown.tick(steps++, { note: `${step}...` }),
        ).finally(() => shown.done());
        if (!result.reached.length) {
          for (const n of result.notes) io.err(`note: ${n}\n`);
          throw new Error(
            `accounts discover: no source could be reached (${result.unreachable.join(', ')}); nothing written`,
          );
        }
        writeDiscovered(opts.write, result, result.platformsChecked, ctx.clock.now());
        const found = result.organisations.filter((o) => Object.keys(o.found).length).length;
        io.out(
          `${found} of ${orgs.length} organisations with accounts found (${result.checked} candidates checked on ${result.platformsChecked.join(', ') || 'no platform'}); written to ${opts.write}\n`,
        );
        for (const n of result.notes) io.out(`note: ${n}\n`);
      });
    });
  accounts
    .command('diff')
    .description('what a discovered registry file changes against the current registry')
    .option('--file <file>', 'the discovered registry', 'config/organisations/discovered.yaml')
    .addOption(formatOption())
    .action(async (opts: { file: string; format: Format }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (!existsSync(opts.file))
          throw new UsageError(`${opts.file}: not found (run webcare accounts discover first)`);
        const checked = (readFileSync(opts.file, 'utf8').match(/^# platforms checked: (.*)$/m)?.[1] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(isPlatform);
        const { diffRegistries } = await import('../discover/write.js');
        const rows = diffRegistries(ctx.settings.organisations, readRegistryFile(opts.file), checked);
        io.out(
          rows.length
            ? render(opts.format, rows as unknown as Record<string, unknown>[], [
                'org',
                'platform',
                'change',
                'configured',
                'discovered',
              ])
            : 'no changes\n',
        );
      });
    });
  accounts
    .command('reset-errors')
    .description('put accounts that hit the error limit back in rotation')
    .argument('[org]', 'only this organisation')
    .action(async (org: string | undefined, _opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (org && !ctx.settings.organisations.some((o) => o.id === org))
          throw new UsageError(`${org}: no such organisation (see webcare orgs)`);
        const store = await ctx.store();
        io.out(`reset ${await resetErrors(store.db, org)} accounts\n`);
      });
    });
}
