import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { buildDigest } from '../reports/digest-data.js';
import { defaultDigestDir } from '../reports/digest-job.js';
import { DIGEST_FORMATS, writeDigest, type DigestFormat } from '../reports/digest-write.js';
import { buildMonthly, writeMonthly } from '../reports/monthly.js';
import { calendarMonth, isoWeek, lastFinalWeek } from '../reports/period.js';
import { withContext, type Io } from './command.js';
import { readStore, reportInstant } from './query-options.js';
import { csvOptionsOf, withCsvFlags } from './format.js';
import { assertDirectory } from './input.js';

interface DigestOptions {
  week?: string;
  month?: string;
  asOf?: string;
  out?: string;
  formats: string;
  csvExcel?: boolean;
  rawCsv?: boolean;
}

/** `webcare digest`: the weekly digest as Markdown, HTML (with SVG charts), CSV and JSON. */
export function registerDigest(program: Command, io: Io): void {
  withCsvFlags(program.command('digest'))
    .description('write the weekly digest (default: the last week whose figures are final) or a monthly one')
    .option('--week <YYYY-Www>', 'ISO week, e.g. 2026-W45')
    .option('--month <YYYY-MM>', 'the 30-day outcome counts of a calendar month instead (final 30 days after it)')
    .option('--as-of <when>', 'the digest as it stood at this instant (reproduces an earlier one)')
    .option('--out <dir>', 'output directory (default: digest_dir, else digests/ beside the database)')
    .option('--formats <list>', `comma-separated: ${DIGEST_FORMATS.join(',')}`, DIGEST_FORMATS.join(','))
    .action(async (opts: DigestOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const formats = opts.formats.split(',').map((f) => f.trim()) as DigestFormat[];
        const bad = formats.find((f) => !DIGEST_FORMATS.includes(f));
        if (bad) throw new UsageError(`--formats ${bad}: expected ${DIGEST_FORMATS.join(', ')}`);
        if (opts.week && opts.month) throw new UsageError('--week and --month: give one of them');
        const c = ctx.settings.config;
        const dir = opts.out ?? defaultDigestDir(ctx.settings.database, ctx.settings.config.digest_dir);
        if (opts.out) assertDirectory(opts.out, '--out'); // before any work, not after the digest is built
        const store = await readStore(ctx);
        const asOf = await reportInstant(ctx, store, opts, io);
        // A period that has not started by the report's instant has no figures, not "no requests".
        const notStarted = (option: string, value: string, from: Date) => {
          if (from.getTime() > asOf.getTime())
            throw new UsageError(`${option} ${value}: has not started by ${asOf.toISOString()} (the figures' instant)`);
        };
        if (opts.month) {
          const month = calendarMonth(opts.month, c.timezone);
          notStarted('--month', opts.month, month.from);
          const monthly = await buildMonthly(store.db, ctx.settings, month, asOf);
          const files = writeMonthly(monthly, dir, formats, csvOptionsOf(opts));
          io.out(`monthly digest ${month.label}\n${files.map((f) => `  ${f}`).join('\n')}\n`);
          return;
        }
        const week = opts.week
          ? isoWeek(opts.week, c.timezone)
          : lastFinalWeek(asOf, c.timezone, c.method.score_horizon_days);
        if (opts.week) notStarted('--week', opts.week, week.from);
        const data = await buildDigest(store.db, ctx.settings, week, asOf);
        const files = writeDigest(data, dir, formats, csvOptionsOf(opts));
        const summary = data.empty ? 'no requests this week' : `${data.national.requests} requests`;
        const state = data.final ? 'final' : `PROVISIONAL, final from ${data.finalAt}`;
        io.out(`digest ${week.label}: ${summary} (${state})\n${files.map((f) => `  ${f}`).join('\n')}\n`);
      });
    });
}
