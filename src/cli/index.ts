import { Command, CommanderError } from 'commander';
import { CommandFailure, UserError } from '../config/errors.js';
import { DatabaseError } from '../storage/db.js';
import { OutputClosed, processIo, watchProcessPipes, type Io } from './command.js';
import { registerAccounts } from './accounts.js';
import { registerBio } from './bio.js';
import { registerBios } from './bios.js';
import { registerDemo } from './demo.js';
import { registerDigest } from './digest.js';
import { registerExport } from './export.js';
import { registerRequests } from './requests.js';
import { registerSql } from './sql.js';
import { registerStats } from './stats.js';
import { registerTop } from './top.js';
import { registerClassify } from './classify.js';
import { registerConfig } from './config.js';
import { registerCopy } from './copy.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerOrgs } from './orgs.js';
import { registerPoll } from './poll.js';
import { registerReclassify } from './reclassify.js';
import { registerRollup } from './rollup.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';

const VERSION = '0.1.0';

/** Builds the `webcare` command tree; every command is a thin layer over the daemon's functions. */
export function buildProgram(io: Io = processIo): Command {
  // Usage errors in the house style: one line, "webcare: ..." (commander's own is two lines, "error: ...").
  const output = {
    writeOut: (s: string) => io.out(s),
    writeErr: (s: string) => io.err(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(`webcare: ${s.replace(/^error: /, '').trimEnd()} (see webcare --help)\n`),
  };
  const program = new Command('webcare')
    .description('webcare-monitor: do public bodies answer the people who ask them something on social media?')
    .version(VERSION)
    .option('--config <file>', 'config file (env WEBCARE_CONFIG; default config/webcare.yaml)')
    .option('--db <file|url>', 'SQLite file or postgres:// URL (env WEBCARE_DB; default data/webcare.db)')
    .exitOverride()
    .configureOutput(output);
  for (const register of [
    registerMigrate,
    registerCopy,
    registerOrgs,
    registerConfig,
    registerClassify,
    registerBio,
    registerImport,
    registerPoll,
    registerReclassify,
    registerRollup,
    registerRun,
    registerServe,
    registerAccounts,
    registerStats,
    registerTop,
    registerRequests,
    registerBios,
    registerExport,
    registerSql,
    registerDigest,
    registerDemo,
  ])
    register(program, io);
  const override = (c: Command): void => {
    c.exitOverride().configureOutput(output);
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/**
 * Runs one command line and returns the exit code: 0 ok, 1 failure, 2 bad usage, config or input.
 * Never throws: every error becomes one line on stderr. Output piped into a reader that stops
 * early (`| head -1`) ends the command quietly with 0.
 */
export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) watchProcessPipes();
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof OutputClosed) return 0;
    if (err instanceof CommanderError) {
      // Commander already printed its one-line message; help and version are not errors.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError || err instanceof CommandFailure) {
      io.err(`webcare: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof DatabaseError) {
      // A newer database or one this version cannot use is the user's to fix (upgrade webcare,
      // choose a SQLite file); an unreadable one is a failure.
      io.err(`webcare: ${err.kind === 'unreadable' ? 'error: ' : ''}${err.message}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.err(`webcare: error: ${msg.split('\n')[0]}\n`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) io.err(`${err.stack}\n`);
    return 1;
  }
}
