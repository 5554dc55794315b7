import type { FastifyInstance } from 'fastify';
import { bioVersionJson } from '../../reports/bio-row.js';
import { GROUP_JSON_COLUMNS, groupJson, groupRow } from '../../reports/group-row.js';
import { reportMeta } from '../../reports/meta.js';
import { HISTOGRAM_EDGES, type ListedRequest, type PeerMedians } from '../../reports/org-details.js';
import { buildOrgPage } from '../../reports/org-page.js';
import { filtersJson, requestJson, sendCsv, sendJson } from '../api-rows.js';
import { NotFound } from '../errors.js';
import { pageContext, type DashboardDeps } from '../page-context.js';
import { tableOf } from '../params.js';

const ACCOUNT_COLUMNS = [
  'platform',
  'handle',
  'status',
  'error_count',
  'last_error',
  'last_error_at',
  'last_success_at',
  'next_check_at',
  'retry_at',
  'retired_at',
] as const;
const DISTRIBUTION_COLUMNS = ['from_hours', 'to_hours', 'wall', 'business'] as const;
const WEEK_COLUMNS = ['week', ...GROUP_JSON_COLUMNS] as const;

function peersJson(p: PeerMedians | null) {
  return p
    ? {
        organisations: p.organisations,
        score: p.score,
        response_rate: p.responseRate,
        median_hours: p.medianHours,
        within_norm: p.withinNorm,
      }
    : null;
}

/** A listed request: the CLI's row, with the texts of the request and its reply while they are kept. */
function listedJson(l: ListedRequest, zone: string) {
  const r = l.request;
  const reply = r.answerAt ? l.texts?.answerText : r.responseAt ? l.texts?.responseText : null;
  return {
    ...requestJson(r, zone),
    age_hours: l.ageMs / 3_600_000,
    text: l.texts?.text ?? null,
    reply_text: reply ?? null,
  };
}

/** /api/v1/organisation/<slug>: everything the page of one gemeente shows; `table=` picks a CSV table. */
export function registerOrgApi(app: FastifyInstance, deps: DashboardDeps): void {
  const { settings, store } = deps;
  app.get<{ Params: { slug: string } }>('/api/v1/organisation/:slug', async (req, reply) => {
    const org = settings.organisations.find((o) => o.id === req.params.slug);
    if (!org) throw new NotFound(req.params.slug);
    const pc = await pageContext(deps, req);
    const table = tableOf(pc.query, ['summary', 'trend', 'accounts', 'distribution']);
    const p = await buildOrgPage(store.db, settings, org, pc.selection, pc.instant.asOf, pc.actx);
    const zone = settings.config.timezone;
    const summary = { rank: p.rank, ...groupJson(groupRow(p.group)) };
    const weeks = p.trend.flatMap((w) => (w.group ? [{ week: w.week, ...groupJson(groupRow(w.group)) }] : []));
    const accounts = p.accounts.map((a) => ({
      platform: a.platform,
      handle: a.handle,
      status: a.status,
      error_count: a.errorCount,
      last_error: a.lastError,
      last_error_at: a.lastErrorAt,
      last_success_at: a.lastSuccessAt,
      next_check_at: a.nextCheckAt,
      retry_at: a.retryAt,
      retired_at: a.retiredAt,
    }));
    const edges = [0, ...HISTOGRAM_EDGES];
    const distribution = edges.map((from, i) => ({
      from_hours: from,
      to_hours: HISTOGRAM_EDGES[i] ?? null,
      wall: p.distribution.wall[i] ?? 0,
      business: p.distribution.business[i] ?? 0,
    }));
    if (pc.asked.csv) {
      const name = `${org.id}-${table}`;
      if (table === 'trend') {
        const meta = reportMeta(
          settings,
          p.asOf,
          p.trend.flatMap((w) => (w.group ? [w.group] : [])),
          { until: p.selection.until },
        );
        return sendCsv(reply, pc, name, weeks, WEEK_COLUMNS, meta);
      }
      if (table === 'accounts') return sendCsv(reply, pc, name, accounts, ACCOUNT_COLUMNS, p.meta);
      if (table === 'distribution') return sendCsv(reply, pc, name, distribution, DISTRIBUTION_COLUMNS, p.meta);
      return sendCsv(reply, pc, name, [summary], ['rank', ...GROUP_JSON_COLUMNS] as const, p.meta);
    }
    return sendJson(reply, {
      ...p.meta,
      organisation: {
        id: org.id,
        name: org.name,
        cbs: org.cbs ?? null,
        province: org.province ?? null,
        population: org.population ?? null,
        size_class: p.sizeClass ?? null,
      },
      filters: filtersJson(p.selection),
      ranked: p.ranked,
      group: summary,
      comparison: { province: peersJson(p.province), size_class: peersJson(p.size) },
      weeks,
      distribution,
      accounts,
      bios: p.bios.map((b) => ({
        ...bioVersionJson(b.version),
        latest: b.latest,
        stated_versus_actual: b.actual && {
          responses: b.actual.responses,
          inside_stated_hours: b.actual.insideStatedHours,
          when_closed: b.actual.whenClosed,
          within_promise: b.actual.withinPromise,
        },
      })),
      waiting: p.waiting.map((l) => listedJson(l, zone)),
      unanswered: p.unanswered.map((l) => listedJson(l, zone)),
    });
  });
}
