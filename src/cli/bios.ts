import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { csvOptionsOf, formatOption, render, withCsvFlags, type Format } from './format.js';
import { latestBios } from '../storage/report-queries.js';
import { parseInstant } from '../reports/period.js';
import {
  BIO_HISTORY_COLUMNS,
  BIO_TABLE_COLUMNS,
  bioListJson,
  bioTableRow,
  bioVersionJson,
} from '../reports/bio-row.js';
import { bioHistory } from '../storage/report-queries.js';
import { withContext, type Io } from './command.js';
import { asOfOf, readStore } from './query-options.js';

interface BiosOptions {
  format: Format;
  deflecting?: boolean;
  notMonitored?: boolean;
  changedSince?: string;
  history?: string;
  asOf?: string;
  csvExcel?: boolean;
  rawCsv?: boolean;
}

/** `webcare bios`: the latest bio of every account with its parsed fields; filters and history. */
export function registerBios(program: Command, io: Io): void {
  withCsvFlags(program.command('bios'))
    .description('account bios: deflection, not monitored, stated hours; --history shows every version')
    .addOption(formatOption())
    .option('--deflecting', 'only bios that send people elsewhere')
    .option('--not-monitored', 'only bios that say the account is not monitored')
    .option('--changed-since <when>', 'only bios that changed since (7d, 2026-11-01)')
    .option('--history <org>', "every stored version of this organisation's bios")
    .option('--as-of <when>', 'the bios as they were at this instant (2026-11-24T07:00, 7d)')
    .action(async (opts: BiosOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const store = await readStore(ctx);
        if (opts.history) {
          if (!ctx.settings.organisations.some((o) => o.id === opts.history)) {
            throw new UsageError(`--history ${opts.history}: no such organisation`);
          }
          const out = (await bioHistory(store.db, opts.history)).map(bioVersionJson);
          // json: the whole list as one document
          io.out(render(opts.format, out, BIO_HISTORY_COLUMNS, out, csvOptionsOf(opts)));
          return;
        }
        const zone = ctx.settings.config.timezone;
        const asOf = asOfOf(ctx, opts);
        const since = opts.changedSince
          ? parseInstant('--changed-since', opts.changedSince, asOf, zone).toISOString()
          : undefined;
        const bios = (await latestBios(store.db, asOf)).filter(
          (b) =>
            (!opts.deflecting || b.fields.deflects) &&
            (!opts.notMonitored || b.fields.notMonitored) &&
            (!since || (b.fetchedAt >= since && b.previousText !== null)),
        );
        if (opts.format === 'json') {
          io.out(JSON.stringify(bios.map(bioListJson), null, 2) + '\n');
          return;
        }
        // The table cuts long bios to keep its lines short; CSV keeps every character.
        const rows = bios.map((b) => bioTableRow(b, opts.format === 'table' ? 60 : undefined));
        io.out(
          rows.length
            ? render(opts.format, rows, BIO_TABLE_COLUMNS, rows, csvOptionsOf(opts))
            : 'no bios in this selection\n',
        );
      });
    });
}
