import type { FastifyInstance } from 'fastify';
import {
  BIO_EXPORT_COLUMNS,
  BIO_HISTORY_COLUMNS,
  bioExportRow,
  bioListJson,
  bioVersionJson,
} from '../../reports/bio-row.js';
import { GROUP_JSON_COLUMNS, groupJson, groupRow } from '../../reports/group-row.js';
import { loadRequests, type Filters } from '../../reports/load.js';
import { reportMeta } from '../../reports/meta.js';
import { buildLeague, buildTrend, filtersOfSelection } from '../../reports/national-page.js';
import { waitingNow } from '../../reports/org-details.js';
import { measureGroups } from '../../reports/groups.js';
import { bioHistory, latestBios } from '../../storage/report-queries.js';
import { filtersJson, REQUEST_CSV_COLUMNS, requestJson, sendCsv, sendJson } from '../api-rows.js';
import { NotFound } from '../errors.js';
import { pageContext, type DashboardDeps, type PageContext } from '../page-context.js';
import { one, outcomesOf, ParamError, tableOf, wholeOf } from '../params.js';
import { registerOrgApi } from './api-org.js';

const ORG_COLUMNS = ['rank', ...GROUP_JSON_COLUMNS, 'cbs', 'province', 'population', 'size_class'] as const;

/** The organisation asked by ?org=, checked against the settings; undefined when not asked. */
function orgParam(pc: PageContext): string | undefined {
  const org = one(pc.query, 'org');
  if (org !== undefined && !pc.deps.settings.organisations.some((o) => o.id === org)) throw new NotFound(org);
  return org;
}

/** The JSON API under /api/v1: the CLI's fields, `as_of`, the method and its parameters; `format=csv` on every table. */
export function registerApi(app: FastifyInstance, deps: DashboardDeps): void {
  const { settings, store } = deps;
  const db = store.db;

  app.get('/api/v1/national', async (req, reply) => {
    const pc = await pageContext(deps, req);
    const table = tableOf(pc.query, ['summary', 'trend']);
    const s = pc.selection;
    const asOf = pc.instant.asOf;
    const groups =
      table === 'trend'
        ? (await buildTrend(db, settings, s, asOf, pc.actx)).flatMap((w) => (w.group ? [w.group] : []))
        : await measureGroups(db, settings, filtersOfSelection(s), asOf, 'all', pc.actx);
    const meta = reportMeta(settings, asOf, groups, { until: s.until });
    const rows = groups.map((g) => groupJson(groupRow(g)));
    if (pc.asked.csv)
      return sendCsv(reply, pc, table === 'trend' ? 'national-weeks' : 'national', rows, GROUP_JSON_COLUMNS, meta);
    return sendJson(reply, { ...meta, by: table === 'trend' ? 'week' : 'all', filters: filtersJson(s), groups: rows });
  });

  app.get('/api/v1/organisations', async (req, reply) => {
    const pc = await pageContext(deps, req);
    const league = await buildLeague(db, settings, pc.selection, pc.instant.asOf, pc.actx);
    const meta = reportMeta(
      settings,
      pc.instant.asOf,
      league.map((e) => e.group),
      { until: pc.selection.until },
    );
    const rows = league
      .map((e) => ({
        rank: e.rank,
        ...groupJson(groupRow(e.group)),
        cbs: e.org.cbs ?? null,
        province: e.org.province ?? null,
        population: e.org.population ?? null,
        size_class: e.sizeClass ?? null,
      }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.label.localeCompare(b.label, 'nl'));
    if (pc.asked.csv) return sendCsv(reply, pc, 'organisations', rows, ORG_COLUMNS, meta);
    const unranked = rows.filter((r) => r.rank === null).map((r) => r.key);
    return sendJson(reply, {
      ...meta,
      metric: 'score',
      filters: filtersJson(pc.selection),
      organisations: rows,
      unranked,
    });
  });

  app.get('/api/v1/requests', async (req, reply) => {
    const pc = await pageContext(deps, req);
    const org = orgParam(pc);
    const outcome = outcomesOf(pc.query);
    const kind = one(pc.query, 'kind');
    if (kind !== undefined && kind !== 'question' && kind !== 'report')
      throw new ParamError('kind', `kind=${kind}: expected question or report`);
    const limit = wholeOf(pc.query, 'limit', 1, 1000, 100);
    // Without since/until: every request up to the instant, the newest `limit` (as `webcare requests`).
    const f: Filters = pc.defaulted ? {} : { since: pc.selection.since, until: pc.selection.until };
    if (pc.asked.province) f.province = pc.asked.province;
    if (pc.asked.platform) f.platform = pc.asked.platform;
    if (org) f.org = org;
    if (kind) f.kind = kind;
    if (outcome) f.outcome = outcome;
    // waiting=1: the requests waiting now (no response or only an acknowledgement, window open), as
    // the gemeente page lists them.
    const waiting = ['1', 'true'].includes(one(pc.query, 'waiting') ?? '');
    if (waiting && outcome) throw new ParamError('waiting', 'waiting=1: cannot be combined with outcome=');
    const reqs = waiting
      ? await waitingNow(db, settings, f, pc.instant.asOf, limit)
      : await loadRequests(db, settings, { ...f, limit }, pc.instant.asOf);
    const rows = reqs.reverse().map((r) => requestJson(r, settings.config.timezone));
    const meta = reportMeta(settings, pc.instant.asOf, []);
    if (pc.asked.csv) return sendCsv(reply, pc, 'requests', rows, REQUEST_CSV_COLUMNS, meta);
    const { final: _f, final_at: _a, ...params } = meta;
    return sendJson(reply, { ...params, requests: rows });
  });

  app.get('/api/v1/bios', async (req, reply) => {
    const pc = await pageContext(deps, req);
    const org = orgParam(pc);
    const history = ['1', 'true'].includes(one(pc.query, 'history') ?? '');
    if (history && !org)
      throw new ParamError('history', 'history=1: needs org=<id> (the organisation whose bio versions to list)');
    const asOf = pc.instant.asOf;
    const meta = reportMeta(settings, asOf, []);
    const { final: _f, final_at: _a, ...params } = meta;
    // since/until, when given, select the versions fetched in that period.
    const inPeriod = (at: string) =>
      pc.defaulted || (Date.parse(at) >= pc.selection.since.getTime() && Date.parse(at) < pc.selection.until.getTime());
    if (history) {
      const versions = (await bioHistory(db, org!))
        .filter((v) => Date.parse(v.fetchedAt) <= asOf.getTime() && inPeriod(v.fetchedAt))
        .map(bioVersionJson);
      if (pc.asked.csv) return sendCsv(reply, pc, `bios-${org}`, versions, BIO_HISTORY_COLUMNS, meta);
      return sendJson(reply, { ...params, org, bios: versions });
    }
    const bios = (await latestBios(db, asOf)).filter(
      (b) =>
        (!org || b.orgId === org) && (!pc.asked.platform || b.platform === pc.asked.platform) && inPeriod(b.fetchedAt),
    );
    if (pc.asked.csv) return sendCsv(reply, pc, 'bios', bios.map(bioExportRow), BIO_EXPORT_COLUMNS, meta);
    return sendJson(reply, { ...params, bios: bios.map(bioListJson) });
  });

  registerOrgApi(app, deps);
}
