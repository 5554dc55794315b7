import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { isPostgresUrl, PLATFORMS, type Platform } from '../model/index.js';
import { reclassify } from '../poller/reclassify.js';
import { pipelineDeps } from '../poller/setup.js';
import { parseInstant } from '../reports/period.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';
import { progress } from './progress.js';

interface ReclassifyOptions {
  since?: string;
  recompute?: boolean;
  platform?: Platform;
  format: Format;
  quiet?: boolean;
}

/**
 * `webcare reclassify [--since WHEN]`: re-reads stored posts (texts not yet purged) with the current
 * classifier, response reader and phrase lists, and reports how many requests and outcomes changed.
 */
export function registerReclassify(program: Command, io: Io): void {
  program
    .command('reclassify')
    .description('re-run request classification and response reading over stored posts; report what changed')
    .option('--since <when>', 'only threads with posts from this date or this long ago (2026-11-01, 30d)')
    .addOption(new Option('--platform <platform>', 'one platform').choices([...PLATFORMS]))
    .option('--recompute', "apply the config's method parameters (answer window, norm) instead of the stored ones")
    .addOption(formatOption())
    .option('--quiet', 'no progress line on stderr (errors and the summary still print)')
    .action(async (opts: ReclassifyOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const now = ctx.clock.now();
        const since = opts.since ? parseInstant('--since', opts.since, now, ctx.settings.config.timezone) : new Date(0);
        // Re-reading needs stored posts: a mistyped path must not create an empty database.
        if (!isPostgresUrl(ctx.settings.database) && !existsSync(ctx.settings.database)) {
          throw new UsageError(`${ctx.settings.database}: no database yet (run webcare import, poll or run first)`);
        }
        const store = await ctx.store();
        // Without --recompute the stored parameters stay: re-reading never changes the method by accident.
        if (opts.recompute) await ctx.adoptConfiguredMethod();
        const m = ctx.settings.config.method;
        const params = { answer_window_days: m.answer_window_days, norm_working_days: m.norm_working_days };
        // pipelineDeps also knows the organisations earlier imports added (--account).
        const deps = await pipelineDeps(ctx, store);
        // Threads re-read so far; how many there are is not counted first (that would read them twice).
        const shown = progress(io, 'reclassify', { unit: 'threads', quiet: opts.quiet });
        const r = await reclassify(deps, since, opts.platform ? [opts.platform] : PLATFORMS, (n) =>
          shown.tick(n),
        ).finally(() => shown.done());
        const changed = Object.values(r.changed).reduce((a, b) => a + b, 0);
        if (opts.format === 'json') {
          const doc = { since: since.toISOString(), parameters: params, ...r, outcomes_changed: changed };
          io.out(JSON.stringify(doc, null, 2) + '\n');
          return;
        }
        const rows = Object.entries(r.changed)
          .sort((a, b) => b[1] - a[1])
          .map(([change, n]) => ({ change, requests: n }));
        io.out(
          `${r.threads} threads re-read; requests: ${r.added} new, ${r.removed} no longer requests; ` +
            `${changed} outcomes changed (answer window ${params.answer_window_days} days, ` +
            `norm ${params.norm_working_days} working days)\n`,
        );
        if (rows.length) io.out(render(opts.format, rows, ['change', 'requests']));
      });
    });
}
