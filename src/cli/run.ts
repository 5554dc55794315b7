import type { Command } from 'commander';
import { digestJob } from '../reports/digest-job.js';
import { withContext, type Io } from './command.js';

/** After the daemon stopped, how long a stray handle (a platform request past the grace) may keep the process up. */
const EXIT_AFTER_STOP_MS = 2_000;

/** `webcare run`: the daemon, until SIGTERM or SIGINT. */
export function registerRun(program: Command, _io: Io): void {
  program
    .command('run')
    .description('run the daemon: scheduled polls, bios, upkeep and digest; /healthz and /metrics')
    .action(async (_opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        // The daemon takes the lock, binds the port and opens the database itself, in that order,
        // and undoes all of it when one step fails (exit 2 with the cause in one line).
        // Loaded when the command runs: the other commands do not pay for its libraries in start-up time and memory.
        const { Daemon } = await import('../jobs/daemon.js');
        const daemon = new Daemon(ctx, undefined, { digest: digestJob });
        // A stray rejection is logged, never fatal: the daemon runs for months.
        const onRejection = (err: unknown) => ctx.logger.error({ err }, 'unhandled rejection');
        // Listen before starting, so a signal during start-up also stops cleanly.
        let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
        const stopped = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
        process.on('unhandledRejection', onRejection);
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          await daemon.start();
          void daemon.track('poll', async () => void (await daemon.poll('start')));
          const signal = await stopped;
          ctx.logger.info({ signal }, 'stopping');
          await daemon.stop();
          // Everything the daemon holds is closed now; should anything else keep the event loop
          // alive, the process still ends (with the exit code main.ts sets), as the README promises.
          setTimeout(() => process.exit(), EXIT_AFTER_STOP_MS).unref();
        } finally {
          // A failed start leaves no handler behind: the next SIGTERM ends the process as usual.
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          process.off('unhandledRejection', onRejection);
        }
      });
    });
}
