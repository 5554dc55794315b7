import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { buildDigest } from '../reports/digest-data.js';
import { defaultDigestDir } from '../reports/digest-job.js';
import { DIGEST_FORMATS, writeDigest, type DigestFormat } from '../reports/digest-write.js';
import { isoWeek, lastCompleteWeek } from '../reports/period.js';
import { withContext, type Io } from './command.js';
import { readStore } from './query-options.js';

/** `webcare digest`: the weekly digest as Markdown, HTML (with SVG charts), CSV and JSON. */
export function registerDigest(program: Command, io: Io): void {
  program
    .command('digest')
    .description('write the weekly digest (default: the last complete ISO week)')
    .option('--week <YYYY-Www>', 'ISO week, e.g. 2026-W45')
    .option('--out <dir>', 'output directory (default: digests/ beside the database)')
    .option('--formats <list>', `comma-separated: ${DIGEST_FORMATS.join(',')}`, DIGEST_FORMATS.join(','))
    .action(async (opts: { week?: string; out?: string; formats: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const formats = opts.formats.split(',').map((f) => f.trim()) as DigestFormat[];
        const bad = formats.find((f) => !DIGEST_FORMATS.includes(f));
        if (bad) throw new UsageError(`--formats ${bad}: expected ${DIGEST_FORMATS.join(', ')}`);
        const zone = ctx.settings.config.timezone;
        const week = opts.week ? isoWeek(opts.week, zone) : lastCompleteWeek(ctx.clock.now(), zone);
        const store = await readStore(ctx);
        const data = await buildDigest(store.db, ctx.settings, week, ctx.clock.now());
        const files = writeDigest(data, opts.out ?? defaultDigestDir(ctx.settings.database), formats);
        const summary = data.empty ? 'no requests this week' : `${data.national.requests} requests`;
        io.out(`digest ${week.label}: ${summary}\n${files.map((f) => `  ${f}`).join('\n')}\n`);
      });
    });
}
