import { Option, type Command } from 'commander';
import { measureGroups } from '../reports/groups.js';
import { rankWithTies, topWithTies, type Metric } from '../reports/rank.js';
import { metaFooter, reportMeta } from '../reports/meta.js';
import { withContext, type Io } from './command.js';
import { csvOptionsOf, render } from './format.js';
import { MAX_COUNT, wholeNumber } from './numbers.js';
import {
  aggregateContext,
  reportInstant,
  filtersOf,
  readStore,
  withQueryOptions,
  type QueryOptions,
} from './query-options.js';
import { GROUP_TABLE_COLUMNS, groupJson, groupRow, groupTableRow } from '../reports/group-row.js';

interface TopOptions extends QueryOptions {
  metric: Metric;
  limit: number;
  worst?: boolean;
}

/** `webcare top`: the best (or --worst) organisations by a metric. */
export function registerTop(program: Command, io: Io): void {
  withQueryOptions(
    program
      .command('top')
      .description('organisations ranked by score, response rate, median response time or unanswered requests')
      .addOption(
        new Option('--metric <metric>', 'rank by')
          .choices(['score', 'response_rate', 'median_response', 'unanswered', 'no_response'])
          .default('score'),
      )
      .option('--limit <n>', 'how many', wholeNumber('--limit', 1, MAX_COUNT), 10)
      .option('--worst', 'worst first'),
  ).action(async (opts: TopOptions, cmd: Command) => {
    await withContext(cmd, async (ctx) => {
      const store = await readStore(ctx, opts.org);
      const asOf = await reportInstant(ctx, store, opts, io);
      const actx = await aggregateContext(ctx, store, opts.platform, asOf);
      const groups = await measureGroups(store.db, ctx.settings, filtersOf(ctx, opts), asOf, 'org', actx);
      const filters = filtersOf(ctx, opts);
      const meta = reportMeta(ctx.settings, asOf, groups, { until: filters.until, open: true });
      const worst = Boolean(opts.worst);
      const all = rankWithTies(groups, opts.metric, worst);
      // Every organisation that shares the last rank shown is shown: a tie is never cut by name.
      const ranked = topWithTies(all.ranked, opts.limit);
      // Organisations without a value (no score: too few requests) are listed apart, never ranked last.
      const unranked = all.unranked.map((g) => g.key);
      if (opts.format === 'json') {
        const organisations = ranked.map((r) => ({ rank: r.rank, ...groupJson(groupRow(r.group)) }));
        const doc = {
          ...meta,
          metric: opts.metric,
          worst,
          organisations,
          unranked,
        };
        io.out(JSON.stringify(doc, null, 2) + '\n');
      } else if (!ranked.length) {
        io.out('no organisation has enough data for this ranking\n');
      } else {
        const rows = ranked.map((r) => ({ '#': r.rank, ...groupTableRow(r.group) }));
        io.out(render(opts.format, rows, ['#', ...GROUP_TABLE_COLUMNS], rows, csvOptionsOf(opts)));
        if (opts.format === 'table') io.out(metaFooter(meta));
        if (opts.format === 'table' && unranked.length) {
          io.out(
            `not ranked (fewer than ${ctx.settings.config.method.min_closed_requests} requests past their horizon): ${unranked.length} organisations\n`,
          );
        }
      }
    });
  });
}
