import type { Command } from 'commander';
import { dumpSettings } from '../config/redact.js';
import { withContext, type Io } from './command.js';

/** `webcare config --dump`: validates the config and prints the effective values, secrets redacted. */
export function registerConfig(program: Command, io: Io): void {
  program
    .command('config')
    .description('validate the config; --dump prints the effective config with secrets redacted')
    .option('--dump', 'print the effective config')
    .action(async (opts: { dump?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        io.out(
          opts.dump
            ? dumpSettings(ctx.settings)
            : `config ok: ${ctx.settings.configFile ?? 'defaults'}, ${ctx.settings.organisations.length} organisations\n`,
        );
      });
    });
}
