import type { Command } from 'commander';
import { Daemon } from '../jobs/daemon.js';
import { digestJob } from '../reports/digest-job.js';
import { withContext, type Io } from './command.js';

/** `webcare run`: the daemon, until SIGTERM or SIGINT. */
export function registerRun(program: Command, _io: Io): void {
  program
    .command('run')
    .description('run the daemon: scheduled polls, bios, upkeep and digest; /healthz and /metrics')
    .action(async (_opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const store = await ctx.store();
        const daemon = new Daemon(ctx, store, { digest: digestJob });
        // A stray rejection is logged, never fatal: the daemon runs for months.
        const onRejection = (err: unknown) => ctx.logger.error({ err }, 'unhandled rejection');
        process.on('unhandledRejection', onRejection);
        // Listen before starting, so a signal during start-up also stops cleanly.
        const stopped = new Promise<string>((resolve) => {
          process.once('SIGTERM', () => resolve('SIGTERM'));
          process.once('SIGINT', () => resolve('SIGINT'));
        });
        try {
          await daemon.start();
          void daemon.track('poll', async () => void (await daemon.poll('start')));
          const signal = await stopped;
          ctx.logger.info({ signal }, 'stopping');
          await daemon.stop();
        } finally {
          process.off('unhandledRejection', onRejection);
        }
      });
    });
}
