import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import type { Context } from '../context.js';
import { setHttpFallback } from '../jobs/http.js';
import { subsystem } from '../logger.js';
import { digestJob } from '../reports/digest-job.js';
import { isPostgresUrl } from '../model/index.js';
import { openStore, type Store } from '../storage/db.js';
import { openPgStore } from '../storage/pg.js';
import { bindProblem } from '../web/security.js';
import { withContext, type Io } from './command.js';

/** After the daemon stopped, how long a stray handle (a platform request past the grace) may keep the process up. */
const EXIT_AFTER_STOP_MS = 2_000;

/** The dashboard `webcare run` serves with http.dashboard: its read-only store and how to stop it. */
interface RunDashboard {
  close(): Promise<void>;
}

/**
 * With `http.dashboard: true`, serves the dashboard (webcare serve) through the daemon's HTTP server
 * beside /healthz and /metrics, on its own read-only connection opened after the daemon migrated the
 * database; the token rule of `serve` applies to http.host (checked before the daemon starts).
 */
async function startDashboard(ctx: Context): Promise<RunDashboard> {
  const { token } = ctx.settings.config.http;
  let store: Store | undefined;
  try {
    store = isPostgresUrl(ctx.settings.database)
      ? await openPgStore(ctx.settings.database) // its own pool: the daemon's stays for the polling
      : openStore(ctx.settings.database, { readonly: true });
    const { dashboardHandler } = await import('../web/handler.js');
    const logger = subsystem(ctx.logger, 'web');
    const dashboard = await dashboardHandler({ settings: ctx.settings, store, clock: ctx.clock, logger, token });
    setHttpFallback(dashboard.handler);
    logger.info({ token_required: Boolean(token) }, 'dashboard served beside /healthz and /metrics');
    const opened = store;
    return {
      async close() {
        setHttpFallback(undefined);
        await dashboard.close();
        await opened.close();
      },
    };
  } catch (err) {
    setHttpFallback(undefined);
    await store?.close();
    throw err;
  }
}

/** `webcare run`: the daemon, until SIGTERM or SIGINT. */
export function registerRun(program: Command, _io: Io): void {
  program
    .command('run')
    .description('run the daemon: scheduled polls, bios, upkeep and digest; /healthz and /metrics (and the dashboard)')
    .option(
      '--worker <name>',
      "this worker's name among several on one PostgreSQL database (default: WEBCARE_WORKER, else host:pid)",
    )
    .action(async (opts: { worker?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const http = ctx.settings.config.http;
        // The dashboard's token rule, before anything starts: other machines never see it without the token.
        const problem = http.dashboard
          ? bindProblem(http.host, http.token, `http.dashboard on http.host ${http.host}`)
          : undefined;
        if (problem) throw new UsageError(problem);
        // The daemon takes the lock, binds the port and opens the database itself, in that order,
        // and undoes all of it when one step fails (exit 2 with the cause in one line).
        // Loaded when the command runs: the other commands do not pay for its libraries in start-up time and memory.
        const { Daemon } = await import('../jobs/daemon.js');
        const worker = opts.worker ?? process.env.WEBCARE_WORKER;
        const daemon = new Daemon(ctx, undefined, { digest: digestJob }, undefined, worker ? { worker } : {});
        // A stray rejection is logged, never fatal: the daemon runs for months.
        const onRejection = (err: unknown) => ctx.logger.error({ err }, 'unhandled rejection');
        // Listen before starting, so a signal during start-up also stops cleanly.
        let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
        const stopped = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
        process.on('unhandledRejection', onRejection);
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        let dashboard: RunDashboard | undefined;
        try {
          await daemon.start();
          if (http.dashboard) {
            try {
              dashboard = await startDashboard(ctx);
            } catch (err) {
              await daemon.stop(); // all or nothing, as the daemon's own start
              throw err;
            }
          }
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
          await dashboard?.close();
        }
      });
    });
}
