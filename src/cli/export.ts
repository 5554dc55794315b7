import { Option, type Command } from 'commander';
import { META_COLUMNS, metaColumns, reportMeta } from '../reports/meta.js';
import { METHOD_VERSION } from '../model/index.js';
import { measureGroups } from '../reports/groups.js';
import { BIO_EXPORT_COLUMNS, bioExportRow } from '../reports/bio-row.js';
import { GROUP_JSON_COLUMNS, groupJson, groupRow } from '../reports/group-row.js';
import { loadRequests, type LoadedRequest } from '../reports/load.js';
import { latestBios } from '../storage/report-queries.js';
import { withContext, type Io } from './command.js';
import { csvOptionsOf, renderCsv } from './format.js';
import {
  aggregateContext,
  reportInstant,
  filtersOf,
  readStore,
  withQueryOptions,
  type QueryOptions,
} from './query-options.js';

/** A request as open data: no citizen ids, no texts; the link points to the public post. */
interface RequestExportRow {
  org: string;
  platform: string;
  post_id: string;
  created_at: string;
  kind: string;
  outcome: string;
  response_at: string | null;
  response_kind: string | null;
  answer_at: string | null;
  community_at: string | null;
  other_org_at: string | null;
  /** Whether the outcome can still change, and from when it cannot (METHOD.md 3). */
  final: boolean;
  final_at: string;
  url: string | null;
  method: number;
  as_of: string;
}

const REQUEST_EXPORT_COLUMNS = [
  'org',
  'platform',
  'post_id',
  'created_at',
  'kind',
  'outcome',
  'response_at',
  'response_kind',
  'answer_at',
  'community_at',
  'other_org_at',
  'final',
  'final_at',
  'url',
  'method',
  'as_of',
] as const satisfies readonly (keyof RequestExportRow)[];

/** Returns a request as one open-data record. */
function requestExportRow(r: LoadedRequest, asOf: Date): RequestExportRow {
  return {
    org: r.orgId,
    platform: r.platform,
    post_id: r.postId,
    created_at: r.createdAt,
    kind: r.kind,
    outcome: r.outcome,
    response_at: r.responseAt,
    response_kind: r.responseKind,
    answer_at: r.answerAt,
    community_at: r.communityAt,
    other_org_at: r.otherOrgAt ?? null,
    final: r.final,
    final_at: r.finalAt,
    url: r.url,
    method: METHOD_VERSION,
    as_of: asOf.toISOString(),
  };
}

/** `webcare export --what requests|orgs|bios`: open data as CSV or JSON lines, one record per line. */
export function registerExport(program: Command, io: Io): void {
  const cmd = program
    .command('export')
    .description('export requests, organisation metrics or bios as CSV or JSON lines')
    .addOption(
      new Option('--what <what>', 'what to export').choices(['requests', 'orgs', 'bios']).makeOptionMandatory(),
    );
  withQueryOptions(cmd);
  // --csv-excel and --raw-csv come with the query options (format.ts csvOptionsOf).
  type ExportOptions = QueryOptions & { what: 'requests' | 'orgs' | 'bios'; csvExcel?: boolean; rawCsv?: boolean };
  cmd.action(async (opts: ExportOptions, c: Command) => {
    await withContext(c, async (ctx) => {
      const store = await readStore(ctx, opts.org);
      const asOf = await reportInstant(ctx, store, opts, io);
      // JSON lines stream one record per line; table falls back to CSV (open data has no table form).
      const emit = <T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]) => {
        if (opts.format === 'csv' || opts.format === 'table') {
          io.out(rows.length ? renderCsv(rows, columns, csvOptionsOf(opts)) : '');
        } else for (const r of rows) io.out(JSON.stringify(r) + '\n');
      };
      if (opts.what === 'bios') {
        emit((await latestBios(store.db, asOf)).map(bioExportRow), BIO_EXPORT_COLUMNS);
        return;
      }
      if (opts.what === 'orgs') {
        const actx = await aggregateContext(ctx, store, opts.platform, asOf);
        const groups = await measureGroups(store.db, ctx.settings, filtersOf(ctx, opts), asOf, 'org', actx);
        // Each record names the method and the instant its figures stand at (METHOD.md 4b).
        const stamp = metaColumns(
          reportMeta(ctx.settings, asOf, groups, { until: filtersOf(ctx, opts).until, open: true }),
        );
        emit(
          groups.map((g) => ({ ...groupJson(groupRow(g)), ...stamp })),
          [...GROUP_JSON_COLUMNS, ...META_COLUMNS],
        );
      } else {
        const reqs = await loadRequests(store.db, ctx.settings, filtersOf(ctx, opts), asOf);
        emit(
          reqs.map((r) => requestExportRow(r, asOf)),
          REQUEST_EXPORT_COLUMNS,
        );
      }
    });
  });
}
