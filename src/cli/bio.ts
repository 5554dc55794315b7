import type { Command } from 'commander';
import { parseBio } from '../analysis/bio/parse-bio.js';
import { statedHoursText } from '../reports/fmt.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';
import { textsFrom } from './input.js';

/** `webcare bio [TEXT...]`: the bio fields of METHOD.md 5 per profile text. */
export function registerBio(program: Command, io: Io): void {
  program
    .command('bio')
    .description(
      'parse bios: deflection, channels, not monitored, invitation, hours, promise (arguments or stdin lines)',
    )
    .argument('[text...]', 'bio texts')
    .option('--handle <handle>', "the account's own handle, so naming itself is not deflection")
    .addOption(formatOption())
    .action(async (texts: string[], opts: { format: Format; handle?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const book = ctx.phrases();
        const rows: Record<string, unknown>[] = [];
        for await (const text of textsFrom(texts, io)) {
          const b = parseBio(text, book, opts.handle?.replace(/^@/, ''));
          if (opts.format === 'json') io.out(JSON.stringify(b) + '\n');
          else
            rows.push({
              deflects: b.deflects,
              channels: b.channels.join(','),
              notMonitored: b.notMonitored,
              invites: b.invitesQuestions,
              hours: statedHoursText(b.hours),
              promise: b.promise,
              text,
            });
        }
        if (opts.format !== 'json')
          io.out(
            render(opts.format, rows, ['deflects', 'channels', 'notMonitored', 'invites', 'hours', 'promise', 'text']),
          );
      });
    });
}
