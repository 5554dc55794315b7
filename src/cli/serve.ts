import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import type { Context } from '../context.js';
import { subsystem } from '../logger.js';
import { isPostgresUrl, shownDatabase } from '../model/index.js';
import { readStore } from './query-options.js';
import { hasSchema, pendingMigrations, readProblem, unreadableDatabase, type Store } from '../storage/db.js';
import { bindProblem } from '../web/security.js';
import { withContext, type Io } from './command.js';
import { wholeNumber } from './numbers.js';

interface ServeOptions {
  host: string;
  port: number;
}

/**
 * Opens the database read-only for the dashboard: never creates, migrates or writes it. A missing
 * database or one written by an older webcare is a usage error (exit 2: run webcare migrate); a file
 * that is not a webcare database is a failure naming it; a newer one is refused (exit 2).
 */
export async function openForDashboard(ctx: Context): Promise<Store> {
  const path = ctx.settings.database;
  if (isPostgresUrl(path)) return readStore(ctx); // the reports' check: never migrated, or by an older webcare
  if (!existsSync(path))
    throw new UsageError(`${path}: no database there (give --db, or make one: webcare demo, import, poll or run)`);
  const store = await ctx.store({ readonly: true }); // DatabaseError naming the file: unreadable or newer
  const problem = readProblem(store);
  if (problem !== undefined) throw unreadableDatabase(path, problem);
  if (!hasSchema(store)) throw unreadableDatabase(path, 'no webcare tables in it (run webcare migrate)');
  const pending = pendingMigrations(store);
  if (pending.length)
    throw new UsageError(
      `${path}: written by an older webcare (migration ${pending[0]} missing); the dashboard opens it read-only ` +
        'and never migrates: run webcare migrate first',
    );
  return store;
}

/** The address to print for a host and port ("[::1]" for IPv6). */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** `webcare serve`: the dashboard (pages and JSON/CSV API) over a read-only database, until SIGINT or SIGTERM. */
export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('serve the dashboard read-only: the national map and league, a page per gemeente, a JSON/CSV API')
    .option('--host <host>', 'address to listen on (other than loopback only with http.token)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', wholeNumber('--port', 0, 65535), 8080)
    .action(async (opts: ServeOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const token = ctx.settings.config.http.token;
        const problem = bindProblem(opts.host, token, `webcare serve --host ${opts.host}`);
        if (problem) throw new UsageError(problem);
        const store = await openForDashboard(ctx);
        // Loaded when the command runs: the other commands do not pay for the web framework.
        const { buildDashboard } = await import('../web/app.js');
        const logger = subsystem(ctx.logger, 'web');
        const app = await buildDashboard(
          { settings: ctx.settings, store, clock: ctx.clock, logger, token },
          { warm: true },
        );
        let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
        const stopped = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          try {
            await app.listen({ host: opts.host, port: opts.port });
          } catch (err) {
            throw listenError(err, opts.host, opts.port);
          }
          const port = (app.server.address() as AddressInfo).port;
          io.out(
            `webcare serve: ${urlOf(opts.host, port)} (read-only: ${shownDatabase(store.path)}; ` +
              (token
                ? 'every request needs the token http.token: Authorization: Bearer <token>, or basic auth with it as password'
                : 'no token: this machine only') +
              '); Ctrl-C stops\n',
          );
          const signal = await stopped;
          logger.info({ signal }, 'stopping');
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          await app.close();
        }
      });
    });
}

/** The one-line usage error of a failed bind, naming the option. */
function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UsageError(`--port ${port}: address already in use`);
  if (code === 'EACCES') return new UsageError(`--port ${port}: permission denied (ports below 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL') return new UsageError(`--host ${host}: address not available on this machine`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UsageError(`--host ${host}: cannot resolve this name`);
  return err instanceof Error ? err : new Error(String(err));
}
