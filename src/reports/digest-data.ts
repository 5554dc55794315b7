import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { isWithinHours } from '../analysis/business-time.js';
import { statedVersusActual } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import { PLATFORMS } from '../model/index.js';
import type { Database } from '../storage/schema/index.js';
import { groupJson } from './rows.js';
import { rank } from './rank.js';
import { aggregate, emptyOrgGroup, type AggregateContext, type Group } from './aggregate.js';
import { emptyMetrics } from './empty.js';
import { bioByOrg, latestBios, loadRequests, type LoadedRequest } from './load.js';
import { hoursToYaml } from '../config/hours.js';
import { previousWeek, type Period } from './period.js';

export const DIGEST_SCHEMA_VERSION = 1;
const HISTOGRAM = [[0, 1, '< 1 h'], [1, 4, '1-4 h'], [4, 24, '4-24 h'], [24, 48, '1-2 days'], [48, 168, '2-7 days'], [168, Infinity, '> 7 days']] as const;

/** Everything the digest shows, as data (the JSON format, documented in docs/digest-schema.md). */
export interface DigestData {
  schema: number;
  method: { version: 1; weights: Record<string, number>; answer_window_days: number; norm_working_days: number; office_hours: Record<string, string | string[]>; min_closed_requests: number };
  week: { label: string; from: string; to: string; zone: string; first_day: string; last_day: string };
  generated_at: string;
  empty: boolean;
  national: Record<string, unknown>;
  previous_week: Record<string, unknown>;
  change: { requests: number; response_rate_points: number | null; median_hours: number | null };
  league: (Record<string, unknown> & { rank: number; previous_rank: number | null; rank_change: number | null })[];
  fastest: Record<string, unknown>[];
  most_unanswered: Record<string, unknown>[];
  platforms: Record<string, unknown>[];
  outcome_mix_by_platform: { platform: string; answered: number; redirected: number; acknowledged: number; unanswered: number; pending: number }[];
  response_time_histogram: { bucket: string; count: number }[];
  /** Responses per weekday (1 = Monday) and hour, local time, and whether that hour is office time. */
  heatmap: { weekday: number; hour: number; responses: number; office: boolean }[];
  bios: { changed: BioItem[]; deflecting: BioItem[]; not_monitored: BioItem[] };
  stated_vs_actual: { org: string; platform: string; handle: string; stated_hours: unknown; responses: number; inside_stated_hours: number | null; when_closed: number; within_promise: number | null }[];
  oldest_open: { org: string; name: string; platform: string; created_at: string; age_days: number; kind: string; url: string | null }[];
  organisations: Record<string, unknown>[];
}
interface BioItem { org: string; platform: string; handle: string; fetched_at: string; text: string; previous_text: string | null; deflects: boolean; channels: string[]; not_monitored: boolean }

/**
 * Builds the digest of one ISO week from the requests of that week and the week before (read by
 * their created_at index) and the latest bios. `now` is when the digest is made: pending requests
 * of the week are counted as they stand then.
 */
export async function buildDigest(db: Kysely<Database>, settings: Settings, week: Period, now: Date): Promise<DigestData> {
  const c = settings.config;
  const zone = c.timezone;
  const allBios = await latestBios(db);
  const actx: AggregateContext = { params: { windowDays: c.method.answer_window_days, normWorkingDays: c.method.norm_working_days }, now, weights: c.method.weights, minClosed: c.method.min_closed_requests, bios: bioByOrg(allBios), zone };
  const reqs = await loadRequests(db, settings, { since: week.from, until: week.to }, now);
  const prevPeriod = previousWeek(week, zone);
  const prev = await loadRequests(db, settings, { since: prevPeriod.from, until: prevPeriod.to }, now);
  const nat = aggregate(reqs, 'all', actx)[0] ?? { key: 'all', label: 'all', metrics: emptyMetrics(), score: null, scored: 0 };
  const natPrev = aggregate(prev, 'all', actx)[0] ?? { key: 'all', label: 'all', metrics: emptyMetrics(), score: null, scored: 0 };
  const orgs = aggregate(reqs, 'org', actx);
  const prevRanks = new Map(rank(aggregate(prev, 'org', actx), 'score', false).map((g, i) => [g.key, i + 1]));
  const league = rank(orgs, 'score', false).map((g, i) => {
    const previous = prevRanks.get(g.key) ?? null;
    return { rank: i + 1, previous_rank: previous, rank_change: previous === null ? null : previous - (i + 1), ...groupJson(g) };
  });
  const diff = (a: number | null, b: number | null, f = 1) => (a === null || b === null ? null : Math.round((a - b) * f * 100) / 100);
  const weekStart = week.from.toISOString();
  const changed = allBios.filter((b) => b.fetchedAt >= weekStart && b.fetchedAt < week.to.toISOString() && b.previousText !== null);
  const bioItem = (b: (typeof allBios)[number]): BioItem => ({ org: b.orgId, platform: b.platform, handle: b.handle, fetched_at: b.fetchedAt, text: b.text, previous_text: b.previousText, deflects: b.fields.deflects, channels: b.fields.channels, not_monitored: b.fields.notMonitored });
  return {
    schema: DIGEST_SCHEMA_VERSION,
    method: { version: 1, weights: { ...c.method.weights }, answer_window_days: c.method.answer_window_days, norm_working_days: c.method.norm_working_days, office_hours: hoursToYaml(c.method.office_hours), min_closed_requests: c.method.min_closed_requests },
    week: { label: week.label, from: week.from.toISOString(), to: week.to.toISOString(), zone, first_day: DateTime.fromJSDate(week.from, { zone }).toISODate()!, last_day: DateTime.fromJSDate(week.to, { zone }).minus({ days: 1 }).toISODate()! },
    generated_at: now.toISOString(),
    empty: reqs.length === 0,
    national: groupJson(nat),
    previous_week: { week: prevPeriod.label, ...groupJson(natPrev) },
    change: {
      requests: nat.metrics.requests - natPrev.metrics.requests,
      response_rate_points: diff(nat.metrics.responseRate, natPrev.metrics.responseRate, 100) === null ? null : Math.round(diff(nat.metrics.responseRate, natPrev.metrics.responseRate, 100)! * 10) / 10,
      median_hours: diff(nat.metrics.wallHours.median, natPrev.metrics.wallHours.median),
    },
    league,
    fastest: rank(orgs.filter((g) => g.metrics.responded >= 3), 'median_response', false).slice(0, 10).map(groupJson),
    most_unanswered: rank(orgs.filter((g) => g.metrics.byOutcome.unanswered > 0), 'unanswered', true).slice(0, 10).map(groupJson),
    platforms: aggregate(reqs, 'platform', actx).map(groupJson),
    outcome_mix_by_platform: PLATFORMS.map((p) => ({ platform: p, ...countOutcomes(reqs.filter((r) => r.platform === p)) })).filter((x) => x.answered + x.redirected + x.acknowledged + x.unanswered + x.pending > 0),
    response_time_histogram: histogram(reqs),
    heatmap: heatmap(reqs, settings),
    bios: { changed: changed.map(bioItem), deflecting: allBios.filter((b) => b.fields.deflects).map(bioItem), not_monitored: allBios.filter((b) => b.fields.notMonitored).map(bioItem) },
    stated_vs_actual: allBios
      .filter((b) => b.fields.hours.length || b.fields.promise !== null)
      .map((b) => {
        const mine = reqs.filter((r) => r.orgId === b.orgId && r.platform === b.platform);
        const s = statedVersusActual(b.fields, mine, zone);
        return { org: b.orgId, platform: b.platform, handle: b.handle, stated_hours: b.fields.hours, responses: s.responses, inside_stated_hours: s.insideStatedHours, when_closed: s.whenClosed, within_promise: s.withinPromise };
      })
      .filter((s) => s.responses > 0),
    oldest_open: (await loadRequests(db, settings, { until: week.to, outcome: ['pending'] }, now)).slice(0, 10).map((r) => ({ org: r.orgId, name: r.orgName, platform: r.platform, created_at: r.createdAt, age_days: Math.round(((week.to.getTime() - Date.parse(r.createdAt)) / 86_400_000) * 10) / 10, kind: r.kind, url: r.url })),
    organisations: organisationRows(settings, orgs, actx),
  };
}

/** One row per organisation with every metric (the open-data CSV): the configured ones and any other with requests. */
function organisationRows(settings: Settings, orgs: Group[], actx: AggregateContext): Record<string, unknown>[] {
  const byOrg = new Map(orgs.map((g) => [g.key, g]));
  const meta = new Map(settings.organisations.map((o) => [o.id, o]));
  const rows = settings.organisations.map((o) => byOrg.get(o.id) ?? emptyOrgGroup(o.id, o.name, actx));
  rows.push(...orgs.filter((g) => !meta.has(g.key)));
  return rows.map((g) => ({ ...groupJson(g), cbs: meta.get(g.key)?.cbs ?? null, province: meta.get(g.key)?.province ?? null }));
}

function countOutcomes(reqs: LoadedRequest[]) {
  const out = { answered: 0, redirected: 0, acknowledged: 0, unanswered: 0, pending: 0 };
  for (const r of reqs) out[r.outcome]++;
  return out;
}

function histogram(reqs: LoadedRequest[]): { bucket: string; count: number }[] {
  const hours = reqs.filter((r) => r.responseAt && r.outcome !== 'unanswered').map((r) => (Date.parse(r.responseAt!) - Date.parse(r.createdAt)) / 3_600_000);
  return HISTOGRAM.map(([lo, hi, label]) => ({ bucket: label, count: hours.filter((h) => h >= lo && h < hi).length }));
}

function heatmap(reqs: LoadedRequest[], settings: Settings): DigestData['heatmap'] {
  const zone = settings.config.timezone;
  const counts = new Map<string, number>();
  for (const r of reqs) {
    if (!r.responseAt || r.outcome === 'unanswered') continue;
    const t = DateTime.fromISO(r.responseAt, { zone });
    const k = `${t.weekday}|${t.hour}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const office = { zone, weekly: settings.config.method.office_hours, holidays: false };
  const monday = DateTime.fromObject({ weekYear: 2026, weekNumber: 2, weekday: 1 }, { zone }); // an ordinary week
  const cells: DigestData['heatmap'] = [];
  for (let d = 1; d <= 7; d++) {
    for (let h = 0; h < 24; h++) {
      const at = monday.plus({ days: d - 1, hours: h, minutes: 30 }).toJSDate();
      cells.push({ weekday: d, hour: h, responses: counts.get(`${d}|${h}`) ?? 0, office: isWithinHours(at, office) });
    }
  }
  return cells;
}
