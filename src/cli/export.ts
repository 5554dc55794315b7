import { Option, type Command } from 'commander';
import { aggregate } from '../reports/aggregate.js';
import { latestBios, loadRequests } from '../reports/load.js';
import { withContext, type Io } from './command.js';
import { renderCsv } from './format.js';
import { aggregateContext, filtersOf, readStore, withQueryOptions, type QueryOptions } from './query-options.js';
import { groupJson } from '../reports/rows.js';

/** `webcare export --what requests|orgs|bios`: open data as CSV or JSON lines, one record per line. */
export function registerExport(program: Command, io: Io): void {
  const cmd = program
    .command('export')
    .description('export requests, organisation metrics or bios as CSV or JSON lines')
    .addOption(new Option('--what <what>', 'what to export').choices(['requests', 'orgs', 'bios']).makeOptionMandatory());
  withQueryOptions(cmd);
  cmd.action(async (opts: QueryOptions & { what: 'requests' | 'orgs' | 'bios' }, c: Command) => {
    await withContext(c, async (ctx) => {
      const store = await readStore(ctx, opts.org);
      let rows: Record<string, unknown>[];
      if (opts.what === 'bios') {
        rows = (await latestBios(store.db)).map((b) => ({ org: b.orgId, platform: b.platform, handle: b.handle, fetched_at: b.fetchedAt, deflects: b.fields.deflects, channels: b.fields.channels.join(' '), not_monitored: b.fields.notMonitored, invites_questions: b.fields.invitesQuestions, hours: JSON.stringify(b.fields.hours), promise_hours: b.fields.promise, text: b.text }));
      } else {
        const reqs = await loadRequests(store.db, ctx.settings, filtersOf(ctx, opts), ctx.clock.now());
        rows = opts.what === 'orgs'
          ? aggregate(reqs, 'org', await aggregateContext(ctx, store, opts.platform)).map(groupJson)
          // Open data: no citizen ids, no texts; links point to the public posts.
          : reqs.map((r) => ({ org: r.orgId, platform: r.platform, post_id: r.postId, created_at: r.createdAt, kind: r.kind, outcome: r.outcome, response_at: r.responseAt, response_kind: r.responseKind, community_at: r.communityAt, url: r.url }));
      }
      if (opts.format === 'csv' || opts.format === 'table') io.out(rows.length ? renderCsv(rows, Object.keys(rows[0]!)) : '');
      else for (const r of rows) io.out(JSON.stringify(r) + '\n');
    });
  });
}
