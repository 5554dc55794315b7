import { Option, type Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { isPlatform, PLATFORMS, type Platform } from '../model/index.js';
import { pollOnce } from '../poller/poll.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';

/** `webcare poll --once`: one poll cycle, exactly the code the daemon's tick runs. */
export function registerPoll(program: Command, io: Io): void {
  program
    .command('poll')
    .description('run one poll cycle now (the same code as the daemon tick)')
    .option('--once', 'one cycle, then exit (the default; the daemon is `webcare run`)')
    .addOption(new Option('--platform <platform>', 'only this platform').choices([...PLATFORMS]))
    .option('--org <id>', 'only the accounts of this organisation')
    .addOption(formatOption())
    .action(async (opts: { platform?: Platform; org?: string; format: Format }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (opts.platform && !isPlatform(opts.platform)) throw new UsageError(`--platform ${opts.platform}: unknown`);
        if (opts.org && !ctx.settings.organisations.some((o) => o.id === opts.org))
          throw new UsageError(`--org ${opts.org}: no such organisation (see webcare orgs)`);
        const store = await ctx.store();
        const results = await pollOnce(ctx, store, { platform: opts.platform, org: opts.org, trigger: 'cli' });
        const rows = results.map((r) => ({
          platform: r.platform,
          status: r.status,
          accounts: r.accounts,
          requests: r.requestsMade,
          posts_read: r.postsRead,
          stored: r.postsStored,
          found: r.requestsFound,
          note: r.note ?? '',
        }));
        io.out(
          render(opts.format, rows, [
            'platform',
            'status',
            'accounts',
            'requests',
            'posts_read',
            'stored',
            'found',
            'note',
          ]),
        );
      });
    });
}
