import type { Command } from 'commander';
import { createContext, type Clock, type Context } from '../context.js';

export interface GlobalOptions {
  config?: string;
  db?: string;
}

/** Where a command writes its output; tests capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stdin: process.stdin,
  isTTY: Boolean(process.stdout.isTTY),
};

let clockOverride: Clock | undefined;

/**
 * Runs the in-process CLI at a fixed instant (tests of figures that depend on today: fixtures are
 * dated, and the real clock moves on); undefined restores the system clock.
 */
export function setCliClock(clock: Clock | undefined): void {
  clockOverride = clock;
}

/** Runs `fn` with a context built from the global options, and always tears it down. */
export async function withContext<T>(cmd: Command, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const ctx = createContext({ configPath: g.config, dbPath: g.db, ...(clockOverride ? { clock: clockOverride } : {}) });
  try {
    return await fn(ctx);
  } finally {
    await ctx.destroy();
  }
}
