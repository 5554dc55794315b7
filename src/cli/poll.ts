import { Option, type Command } from 'commander';
import { CommandFailure, UsageError } from '../config/errors.js';
import { isPlatform, PLATFORMS, type Platform } from '../model/index.js';
import type { PlatformResult } from '../poller/poll.js';
import { DatabaseError } from '../storage/db.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';

/** True when a platform's poll did not do its work: it failed, was rate limited, or hit errors. */
function failed(r: PlatformResult): boolean {
  return r.status === 'failed' || r.status === 'rate-limited' || r.errors > 0;
}

/**
 * `webcare poll --once`: one poll cycle, exactly the code the daemon's tick runs. Every platform is
 * polled even when another fails; the exit code is 1 when any failed, with which on stderr.
 */
export function registerPoll(program: Command, io: Io): void {
  program
    .command('poll')
    .description('run one poll cycle now (the same code as the daemon tick); exit 1 when a platform failed')
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
        const results: PlatformResult[] = [];
        // One platform at a time, so an error pollOnce does not turn into schedule state (a database
        // error, a bug) still leaves the other platforms polled.
        for (const platform of opts.platform ? [opts.platform] : PLATFORMS) {
          try {
            // Loaded when the command runs: the other commands do not pay for its libraries in start-up time and memory.
            const { pollOnce } = await import('../poller/poll.js');
            results.push(...(await pollOnce(ctx, store, { platform, org: opts.org, trigger: 'cli' })));
          } catch (err) {
            if (err instanceof DatabaseError) throw err;
            const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
            results.push({
              platform,
              status: 'failed',
              note: detail,
              accounts: 0,
              requestsFound: 0,
              requestsMade: 0,
              postsRead: 0,
              usersRead: 0,
              postsStored: 0,
              errors: 1,
              lastError: detail,
            });
          }
        }
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
        const bad = results.filter(failed);
        if (bad.length) {
          const which = bad.map((r) => {
            const accounts = r.accounts ? `, ${r.accounts} accounts to retry` : '';
            return `${r.platform} ${r.status}${accounts}: ${r.note ?? r.lastError ?? 'unknown error'}`;
          });
          throw new CommandFailure(
            `poll: ${bad.length} of ${results.length} platforms failed: ${which.join('; ')} (see webcare accounts list --errors)`,
          );
        }
      });
    });
}
