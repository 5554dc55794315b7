import type { Command } from 'commander';
import { createContext, type Clock, type Context } from '../context.js';
import { DatabaseError, isFileProblem, unreadableDatabase } from '../storage/db.js';
import { isPostgresUrl, shownDatabase } from '../model/index.js';
import { explainFileError } from './file-errors.js';

export interface GlobalOptions {
  config?: string;
  db?: string;
}

/** Where a command writes its output; tests capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
  /** Standard output is a terminal. */
  isTTY: boolean;
  /** Standard error is a terminal: progress lines go there (src/cli/progress.ts); absent is false. */
  errIsTTY?: boolean;
}

/**
 * Thrown by the process's io.out once the reader of standard output has gone (`webcare export |
 * head -1`: EPIPE): the command stops there and webcare exits 0 without a word.
 */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed by its reader');
    this.name = 'OutputClosed';
  }
}

let stdoutClosed = false;

export const processIo: Io = {
  out: (t) => {
    if (stdoutClosed || process.stdout.destroyed) throw new OutputClosed();
    process.stdout.write(t);
  },
  err: (t) => {
    if (!process.stderr.destroyed) process.stderr.write(t);
  },
  stdin: process.stdin,
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
};

/**
 * Makes EPIPE on `stream` (its reader closed the pipe) call `onClosed` instead of crashing the
 * process with "write EPIPE"; any other write error still throws.
 */
export function quietOnEpipe(stream: NodeJS.EventEmitter, onClosed: () => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    onClosed();
  });
}

let pipesWatched = false;

/** Installs the EPIPE handlers on the process's stdout and stderr, once. */
export function watchProcessPipes(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  quietOnEpipe(process.stdout, () => {
    stdoutClosed = true;
  });
  quietOnEpipe(process.stderr, () => {});
}

let clockOverride: Clock | undefined;

/**
 * Runs the in-process CLI at a fixed instant (tests of figures that depend on today: fixtures are
 * dated, and the real clock moves on); undefined restores the system clock.
 */
export function setCliClock(clock: Clock | undefined): void {
  clockOverride = clock;
}

/** The commands that need a SQLite file so far (docs/postgresql.md); every other one runs on PostgreSQL. */
const SQLITE_ONLY = ['sql'];

/**
 * Runs `fn` with a context built from the global options, and always tears it down. A database
 * that turns out damaged while a command reads it, and a file error on a path the user gave, become
 * one line naming the file (and the option that gave it).
 */
export async function withContext<T>(cmd: Command, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const ctx = createContext({ configPath: g.config, dbPath: g.db, ...(clockOverride ? { clock: clockOverride } : {}) });
  // PostgreSQL (#17): the SQL console (SQLite's own, bounded and read-only) needs a SQLite file; it
  // says so before it looks for a file by that name (never printing the password).
  if (isPostgresUrl(ctx.settings.database) && SQLITE_ONLY.includes(cmd.name())) {
    const shown = shownDatabase(ctx.settings.database);
    throw new DatabaseError(
      shown,
      'unsupported',
      `${shown}: \`webcare ${cmd.name()}\` needs a SQLite file so far; ` +
        `every command but ${SQLITE_ONLY.map((c) => `\`webcare ${c}\``).join(', ')} runs on PostgreSQL`,
    );
  }
  try {
    return await fn(ctx);
  } catch (err) {
    if (isFileProblem(err)) throw unreadableDatabase(ctx.settings.database, (err as Error).message);
    throw explainFileError(err, cmd);
  } finally {
    await ctx.destroy();
  }
}
