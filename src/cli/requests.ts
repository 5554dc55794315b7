import { Option, type Command } from 'commander';
import { DateTime } from 'luxon';
import { UsageError } from '../config/errors.js';
import { HOUR_MS, OUTCOMES, type Outcome } from '../model/index.js';
import { dur } from '../reports/fmt.js';
import { loadRequests, type Filters } from '../reports/load.js';
import { META_COLUMNS, metaColumns, metaFooter, reportMeta } from '../reports/meta.js';
import { parseDuration } from '../reports/period.js';
import { withContext, type Io } from './command.js';
import { csvOptionsOf, render } from './format.js';
import { MAX_COUNT, wholeNumber } from './numbers.js';
import { reportInstant, filtersOf, readStore, withQueryOptions, type QueryOptions } from './query-options.js';

interface RequestsOptions extends QueryOptions {
  outcome?: string;
  kind?: 'question' | 'report';
  olderThan?: string;
  limit: number;
}

// The table leaves out the post id (the link carries it); CSV has every field.
const TABLE_COLUMNS = ['org', 'platform', 'created', 'kind', 'outcome', 'response', 'answer', 'link'] as const;

/** `webcare requests`: one line per request: organisation, platform, time, kind, outcome, response time, link. */
export function registerRequests(program: Command, io: Io): void {
  withQueryOptions(
    program
      .command('requests')
      .description('list requests with their outcome and a link')
      .option('--outcome <outcomes>', `comma-separated: ${OUTCOMES.join(', ')}`)
      .addOption(new Option('--kind <kind>', 'question or report').choices(['question', 'report']))
      .option('--older-than <duration>', 'only requests older than this (24h, 7d)')
      .option('--limit <n>', 'at most this many (newest first)', wholeNumber('--limit', 1, MAX_COUNT), 100),
  ).action(async (opts: RequestsOptions, cmd: Command) => {
    await withContext(cmd, async (ctx) => {
      const outcomes = opts.outcome?.split(',').map((o) => o.trim());
      const bad = outcomes?.find((o) => !(OUTCOMES as readonly string[]).includes(o));
      if (bad) throw new UsageError(`--outcome ${bad}: expected ${OUTCOMES.join(', ')}`);
      const older = opts.olderThan ? parseDuration(opts.olderThan) : undefined;
      if (opts.olderThan && older === undefined) {
        throw new UsageError(`--older-than ${opts.olderThan}: expected a duration like 24h or 7d`);
      }
      const filters = filtersOf(ctx, opts);
      const store = await readStore(ctx, opts.org);
      const now = await reportInstant(ctx, store, opts, io);
      if (older !== undefined) {
        filters.until = new Date(Math.min(filters.until?.getTime() ?? Infinity, now.getTime() - older));
      }
      const query: Filters = { ...filters, limit: opts.limit };
      if (opts.kind) query.kind = opts.kind;
      if (outcomes) query.outcome = outcomes as Outcome[];
      const reqs = await loadRequests(store.db, ctx.settings, query, now);
      // A list cut at --limit says so (on stderr, so piped output stays data).
      if (reqs.length === opts.limit)
        io.err(`webcare: showing the newest ${opts.limit} requests; there may be more (--limit)\n`);
      const zone = ctx.settings.config.timezone;
      const rows = reqs.reverse().map((r) => {
        // Both times of METHOD.md 3: the first response of any kind, and the first answer.
        const since = (at: string | null) =>
          at ? Math.max(0, Date.parse(at) - Date.parse(r.createdAt)) / HOUR_MS : null;
        const hours = since(r.responseAt);
        const answerHours = since(r.answerAt);
        return {
          org: r.orgId,
          platform: r.platform,
          created: DateTime.fromISO(r.createdAt, { zone }).toFormat('yyyy-MM-dd HH:mm'),
          kind: r.kind,
          // Only answered is final before the answer window has passed (METHOD.md 3): '*' marks the rest.
          outcome: opts.format === 'table' && !r.final ? `${r.outcome}*` : r.outcome,
          final: r.final,
          final_at: r.finalAt,
          response: opts.format === 'table' ? dur(hours) : hours,
          answer: opts.format === 'table' ? dur(answerHours) : answerHours,
          link: r.url ?? '',
          post_id: r.postId,
        };
      });
      const meta = reportMeta(ctx.settings, now, []);
      const { final: _f, final_at: _a, ...params } = meta;
      if (opts.format === 'json') io.out(JSON.stringify({ ...params, requests: rows }, null, 2) + '\n');
      else if (!rows.length) io.out('no requests in this selection\n');
      else if (opts.format === 'csv')
        io.out(
          render(
            'csv',
            rows.map((r) => ({ ...r, ...metaColumns(meta) })),
            [...TABLE_COLUMNS, 'post_id', 'final', 'final_at', ...META_COLUMNS],
            rows,
            csvOptionsOf(opts),
          ),
        );
      else {
        io.out(render(opts.format, rows, TABLE_COLUMNS));
        const open = reqs.filter((r) => !r.final).length;
        io.out(
          `${open ? `* provisional: ${open} outcomes can still change until their ${meta.params.answer_window_days}-day window ends\n` : ''}` +
            metaFooter(meta, false),
        );
      }
    });
  });
}
