import { Option, type Command } from 'commander';
import { emptyMetrics } from '../reports/empty.js';
import { aggregate, emptyOrgGroup, type GroupBy } from '../reports/aggregate.js';
import { GROUP_COLUMNS, groupJson, groupRow } from '../reports/rows.js';
import { loadRequests } from '../reports/load.js';
import { withContext, type Io } from './command.js';
import { render } from './format.js';
import { aggregateContext, filtersOf, readStore, withQueryOptions, type QueryOptions } from './query-options.js';

/** `webcare stats`: counts, response rate, median, p90, within norm and score, overall or per group. */
export function registerStats(program: Command, io: Io): void {
  withQueryOptions(
    program
      .command('stats')
      .description('requests, response rate, median and p90 response time, share within the norm, score')
      .addOption(new Option('--by <group>', 'group by').choices(['org', 'platform', 'province', 'week', 'hour'])),
  ).action(async (opts: QueryOptions & { by?: GroupBy }, cmd: Command) => {
    await withContext(cmd, async (ctx) => {
      const filters = filtersOf(ctx, opts);
      const store = await readStore(ctx, opts.org);
      const reqs = await loadRequests(store.db, ctx.settings, filters, ctx.clock.now());
      const actx = await aggregateContext(ctx, store, opts.platform);
      const by = opts.by ?? 'all';
      const groups = aggregate(reqs, by, actx);
      if (by === 'org') {
        // Every organisation in scope appears, also the ones nobody asked anything.
        const seen = new Set(groups.map((g) => g.key));
        for (const o of ctx.settings.organisations) {
          if (seen.has(o.id) || (filters.org && o.id !== filters.org) || (filters.province && o.province !== filters.province)) continue;
          groups.push(emptyOrgGroup(o.id, o.name, actx));
        }
        groups.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
      }
      if (opts.format === 'json') {
        io.out(JSON.stringify({ method: 1, by, filters: { ...filters, since: filters.since?.toISOString(), until: filters.until?.toISOString() }, groups: groups.map(groupJson) }, null, 2) + '\n');
      } else if (opts.format === 'csv') {
        const rows = groups.map(groupJson);
        io.out(render('csv', rows, Object.keys(rows[0] ?? groupJson({ key: '', label: '', metrics: emptyMetrics(), score: null, scored: 0 }))));
      } else {
        io.out(groups.length ? render('table', groups.map(groupRow), GROUP_COLUMNS) : 'no requests in this selection\n');
      }
    });
  });
}
