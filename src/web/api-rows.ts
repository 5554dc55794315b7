import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { HOUR_MS } from '../model/index.js';
import type { CsvOptions } from '../reports/csv.js';
import type { LoadedRequest } from '../reports/load.js';
import { metaColumns, META_COLUMNS, type ReportMeta } from '../reports/meta.js';
import type { PageSelection } from '../reports/national-page.js';
import { httpUrl } from '../reports/safe-text.js';
import { renderCsv } from '../reports/table.js';
import type { PageContext } from './page-context.js';

// The published rows of the API: the fields of the CLI's --format json (docs/cli.md), so a script
// written against `webcare requests --format json` reads /api/v1/requests as it is.

/** A request as `webcare requests --format json` prints it. */
export interface RequestJson {
  org: string;
  platform: string;
  created: string;
  kind: string;
  outcome: string;
  final: boolean;
  final_at: string;
  response: number | null;
  answer: number | null;
  link: string;
  post_id: string;
}

/** The columns of the requests CSV (as `webcare requests --format csv`), before the meta columns. */
export const REQUEST_CSV_COLUMNS = [
  'org',
  'platform',
  'created',
  'kind',
  'outcome',
  'response',
  'answer',
  'link',
  'post_id',
  'final',
  'final_at',
] as const satisfies readonly (keyof RequestJson)[];

/** Returns a request as the CLI's JSON row: local creation time, response and answer hours. */
export function requestJson(r: LoadedRequest, zone: string): RequestJson {
  const since = (at: string | null) => (at ? Math.max(0, Date.parse(at) - Date.parse(r.createdAt)) / HOUR_MS : null);
  return {
    org: r.orgId,
    platform: r.platform,
    created: DateTime.fromISO(r.createdAt, { zone }).toFormat('yyyy-MM-dd HH:mm'),
    kind: r.kind,
    outcome: r.outcome,
    final: r.final,
    final_at: r.finalAt,
    response: since(r.responseAt),
    answer: since(r.answerAt),
    // As the pages: only an http(s) link is given (a stored javascript: or data: link is not).
    link: httpUrl(r.url) ?? '',
    post_id: r.postId,
  };
}

/** The filters of a selection as the CLI's JSON shows them (ISO instants). */
export function filtersJson(s: PageSelection): Record<string, string> {
  return {
    since: s.since.toISOString(),
    until: s.until.toISOString(),
    ...(s.province ? { province: s.province } : {}),
    ...(s.platform ? { platform: s.platform } : {}),
    ...(s.size ? { size: s.size } : {}),
  };
}

/** The CSV options a request asked for: safe CSV, or with excel=1 BOM, ';' and decimal commas. */
export function csvOptions(pc: PageContext): CsvOptions {
  return pc.asked.excel ? { excel: true } : {};
}

/** Sends rows as a CSV download, each ending with the meta columns (method, parameters, as_of). */
export function sendCsv<T extends object>(
  reply: FastifyReply,
  pc: PageContext,
  name: string,
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  meta: ReportMeta,
) {
  const stamped = rows.map((r) => ({ ...r, ...metaColumns(meta) }));
  const cols = [...columns, ...META_COLUMNS] as (keyof (T & ReturnType<typeof metaColumns>) & string)[];
  const body = renderCsv(stamped, cols, csvOptions(pc));
  const day = meta.as_of.slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="webcare-${name}-${day}.csv"`)
    .send(body);
}

/** Sends a JSON document (two-space indented, as the CLI prints it). */
export function sendJson(reply: FastifyReply, doc: unknown) {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc, null, 2) + '\n');
}
