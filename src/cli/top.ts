import { METHOD_VERSION, READER_VERSION } from '../model/index.js';
import { Option, type Command } from 'commander';
import { aggregate } from '../reports/aggregate.js';
import { rank, type Metric } from '../reports/rank.js';
import { loadRequests } from '../reports/load.js';
import { withContext, type Io } from './command.js';
import { render } from './format.js';
import { aggregateContext, filtersOf, readStore, withQueryOptions, type QueryOptions } from './query-options.js';
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
          .choices(['score', 'response_rate', 'median_response', 'unanswered'])
          .default('score'),
      )
      .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 10)
      .option('--worst', 'worst first'),
  ).action(async (opts: TopOptions, cmd: Command) => {
    await withContext(cmd, async (ctx) => {
      const store = await readStore(ctx, opts.org);
      const reqs = await loadRequests(store.db, ctx.settings, filtersOf(ctx, opts), ctx.clock.now());
      const groups = aggregate(reqs, 'org', await aggregateContext(ctx, store, opts.platform));
      const worst = Boolean(opts.worst);
      const ranked = rank(groups, opts.metric, worst).slice(0, Math.max(1, opts.limit || 10));
      if (opts.format === 'json') {
        const organisations = ranked.map((g, i) => ({ rank: i + 1, ...groupJson(groupRow(g)) }));
        io.out(
          JSON.stringify(
            { method: METHOD_VERSION, reader: READER_VERSION, metric: opts.metric, worst, organisations },
            null,
            2,
          ) + '\n',
        );
      } else if (!ranked.length) {
        io.out('no organisation has enough data for this ranking\n');
      } else {
        const rows = ranked.map((g, i) => ({ '#': i + 1, ...groupTableRow(g) }));
        io.out(render(opts.format, rows, ['#', ...GROUP_TABLE_COLUMNS]));
      }
    });
  });
}
