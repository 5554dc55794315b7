import { existsSync } from 'node:fs';
import { isPostgresUrl } from '../model/index.js';
import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { refreshTimes } from '../poller/request-times.js';
import { keepSettledWeeks, PART_FOR_GOOD } from '../poller/request-weeks.js';
import { pipelineDeps } from '../poller/setup.js';
import { countByOutcome } from '../storage/request-outcomes.js';
import { withContext, type Io } from './command.js';
import { formatOption, type Format } from './format.js';
import { progress } from './progress.js';

/**
 * `webcare rollup`: recomputes the stored times of every request (#16; analysis/request-times.ts)
 * with the current method parameters, office hours and holidays. Writers already recompute the rows
 * whose parameters changed when they open the database; this rebuilds all of them, e.g. after a
 * restore, or to check that nothing was stale.
 */
export function registerRollup(program: Command, io: Io): void {
  program
    .command('rollup')
    .description("recompute every request's stored times (norm, horizon, office time) with the current parameters")
    .addOption(formatOption())
    .option('--quiet', 'no progress line on stderr (errors and the summary still print)')
    .action(async (opts: { format: Format; quiet?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (!isPostgresUrl(ctx.settings.database) && !existsSync(ctx.settings.database)) {
          throw new UsageError(`${ctx.settings.database}: no database yet (run webcare import, poll or run first)`);
        }
        const store = await ctx.store();
        // Syncs the configured organisations and hours first, as every writer does.
        const deps = await pipelineDeps(ctx, store);
        const total = (await countByOutcome(store.db)).reduce((s, o) => s + o.n, 0);
        const shown = progress(io, 'rollup', { unit: 'requests', total, quiet: opts.quiet });
        const t0 = Date.now();
        let r: { checked: number; updated: number };
        try {
          r = await refreshTimes(store, deps.times!, { all: true, onProgress: (n) => shown.tick(n) });
        } finally {
          shown.done();
        }
        // Then the weeks that can no longer change (a changed time dropped its week; kept again here).
        const { answer_window_days: windowDays } = ctx.settings.config.method;
        const weeksShown = progress(io, 'rollup weeks', { unit: 'weeks', quiet: opts.quiet });
        let w: { kept: number; already: number; parts: number };
        try {
          w = keepSettledWeeks(
            store.db,
            ctx.clock.now(),
            windowDays,
            ctx.settings.config.timezone,
            (n, total) => weeksShown.tick(n, { fraction: total ? n / total : undefined }),
            PART_FOR_GOOD,
          );
        } finally {
          weeksShown.done();
        }
        const seconds = (Date.now() - t0) / 1000;
        if (opts.format === 'json')
          io.out(
            JSON.stringify({ requests: r.updated, weeks: w.kept + w.already, parts: w.parts, seconds }, null, 2) + '\n',
          );
        else if (isPostgresUrl(ctx.settings.database))
          io.out(
            `stored times of ${r.updated} requests recomputed in ${seconds.toFixed(1)} s ` +
              '(PostgreSQL keeps no weeks yet: its reports count every request)\n',
          );
        else
          io.out(
            `stored times of ${r.updated} requests recomputed, ${w.kept + w.already} settled weeks kept ` +
              `(${w.kept} counted now) and the settled requests of ${w.parts} more in ${seconds.toFixed(1)} s\n`,
          );
      });
    });
}
