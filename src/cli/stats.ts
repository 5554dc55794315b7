import { Option, type Command } from 'commander';
import { emptyOrgGroup, type GroupBy } from '../reports/aggregate.js';
import { GROUP_JSON_COLUMNS, GROUP_TABLE_COLUMNS, groupJson, groupRow, groupTableRow } from '../reports/group-row.js';
import { measureGroups } from '../reports/groups.js';
import { META_COLUMNS, metaColumns, metaFooter, reportMeta } from '../reports/meta.js';
import { withContext, type Io } from './command.js';
import { csvOptionsOf, render } from './format.js';
import {
  aggregateContext,
  reportInstant,
  filtersOf,
  readStore,
  withQueryOptions,
  type QueryOptions,
} from './query-options.js';

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
      const asOf = await reportInstant(ctx, store, opts, io);
      const actx = await aggregateContext(ctx, store, opts.platform, asOf);
      const by = opts.by ?? 'all';
      const groups = await measureGroups(store.db, ctx.settings, filters, asOf, by, actx);
      if (by === 'org') {
        // Every organisation in scope appears, also the ones nobody asked anything.
        const seen = new Set(groups.map((g) => g.key));
        for (const o of ctx.settings.organisations) {
          if (seen.has(o.id) || (filters.org && o.id !== filters.org)) continue;
          if (filters.province && o.province !== filters.province) continue;
          groups.push(emptyOrgGroup(o.id, o.name, actx));
        }
        groups.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
      }
      const rows = groups.map((g) => groupJson(groupRow(g)));
      const meta = reportMeta(ctx.settings, asOf, groups, { until: filters.until, open: true });
      if (opts.format === 'json') {
        const shown = { ...filters, since: filters.since?.toISOString(), until: filters.until?.toISOString() };
        io.out(JSON.stringify({ ...meta, by, filters: shown, groups: rows }, null, 2) + '\n');
      } else if (opts.format === 'csv') {
        const stamped = rows.map((r) => ({ ...r, ...metaColumns(meta) }));
        io.out(render('csv', stamped, [...GROUP_JSON_COLUMNS, ...META_COLUMNS], stamped, csvOptionsOf(opts)));
      } else {
        if (!groups.length) io.out('no requests in this selection\n');
        else io.out(render('table', groups.map(groupTableRow), GROUP_TABLE_COLUMNS) + metaFooter(meta));
      }
    });
  });
}
