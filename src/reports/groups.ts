import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import {
  addCounts,
  emptyCounts,
  metricsOfCounts,
  type MetricCounts,
  type MetricValues,
} from '../analysis/metrics-counts.js';
import { computeScore } from '../analysis/score.js';
import type { Settings } from '../config/load.js';
import { hoursBookOf } from '../config/method-params.js';
import { HOUR_MS, isPlatform } from '../model/index.js';
import {
  canCount,
  createdRange,
  requestCounts,
  timesKeysOfOrg,
  type CountGroup,
  type CountRow,
  type TimesFilters,
} from '../storage/request-counts.js';
import { hoursJsonOf, reportOrganisations, type ReportOrganisations } from '../storage/request-times.js';
import { changeMark } from '../storage/db.js';
import type { Database } from '../storage/schema/index.js';
import { aggregate, type AggregateContext, type Group, type GroupBy } from './aggregate.js';
import { loadMeasured, referencePath, type Filters } from './load.js';
import { keyer } from './measured-row.js';
import { weekOf } from './period.js';

/**
 * Figures kept per database handle for a long-lived reader (the dashboard), keyed on everything
 * they are computed from: the selection, the instant, the grouping, the bios' parts of the score,
 * and the database's data version, so a commit by another connection (a poll, an import) makes
 * every kept figure stale at once. Least recently used entries go first.
 */
class FigureCache {
  private readonly entries = new Map<string, Group[]>();
  private version: string | undefined;
  readonly stats = { hits: 0, misses: 0 };
  constructor(private readonly max: number) {}
  get(v: string | undefined, key: string): Group[] | undefined {
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.stats.hits++;
    } else this.stats.misses++;
    return hit;
  }
  set(key: string, groups: Group[]): void {
    this.entries.set(key, groups);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
const caches = new WeakMap<object, FigureCache>();

/** Keeps the figures measureGroups computes on this handle (the dashboard's read-only store). */
export function cacheFigures(db: Kysely<Database>, maxEntries = 64): void {
  caches.set(db, new FigureCache(maxEntries));
}

/** How often the kept figures of a handle were used and computed (undefined: none are kept). */
export function figureCacheStats(db: Kysely<Database>): { hits: number; misses: number } | undefined {
  return caches.get(db)?.stats;
}

/** The cache key of a call: the filters, instant, grouping and what of the bios the score reads. */
function cacheKey(f: Filters, asOf: Date, by: GroupBy, ctx: AggregateContext): string {
  const bios = [...ctx.bios].map(([id, b]) => `${id}:${+b.deflects}${+b.notMonitored}${+(b.hours.length > 0)}`);
  const params = [ctx.params, ctx.weights, ctx.minClosed, ctx.now.getTime()];
  return JSON.stringify([f, asOf.getTime(), by, params, bios]);
}

/**
 * Every measure of METHOD.md 3-6 per group (national, organisation, platform, province, week,
 * hour) of the requests matching the filters, as they stood at `asOf`: what stats, top, the
 * digest and the dashboard show. Counted by SQLite from the stored times (#16); measured request
 * by request (the reference path, `slow` or WEBCARE_REFERENCE_PATH=1) when some stored times do
 * not fit the current parameters and hours, for hours of the day, and for selections by outcome.
 * Both give the same figures (test/reports/fast-path.test.ts).
 */
export async function measureGroups(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
  by: GroupBy,
  ctx: AggregateContext,
  opts: { slow?: boolean; path?: (taken: 'counted' | 'measured') => void } = {},
): Promise<Group[]> {
  const cache = opts.slow || opts.path ? undefined : caches.get(db);
  if (!cache) return compute(db, settings, f, asOf, by, ctx, opts);
  const key = cacheKey(f, asOf, by, ctx);
  const kept = cache.get(await changeMark(db, new Date()), key);
  if (kept) return [...kept];
  const groups = await compute(db, settings, f, asOf, by, ctx, opts);
  cache.set(key, groups);
  return [...groups];
}

async function compute(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
  by: GroupBy,
  ctx: AggregateContext,
  opts: { slow?: boolean; path?: (taken: 'counted' | 'measured') => void },
): Promise<Group[]> {
  const reference = async () => {
    opts.path?.('measured');
    return aggregate(await loadMeasured(db, settings, f, asOf, opts), by, ctx);
  };
  if (opts.slow || referencePath() || by === 'hour' || f.outcome || f.limit || !canCount(db)) return reference();
  const platform = f.platform || undefined;
  if (platform !== undefined && !isPlatform(platform)) return [];
  const sel: TimesFilters = { since: f.since, until: f.until, org: f.org, platform, kind: f.kind };
  const T = asOf.getTime();
  const weeks = by === 'week' ? weekBounds(db, sel, T, settings.config.timezone) : undefined;
  const g: CountGroup = weeks ? { by: 'bounds', bounds: weeks.bounds } : by === 'platform' ? { by } : { by: 'none' };
  const windowDays = ctx.params.windowDays;
  // Groups that join every organisation's values: the national figure, per platform, per week (not
  // when a province is chosen: its organisations are picked from the rows below).
  const joined = !f.province && (by === 'all' || by === 'platform' || by === 'week');
  const params = { T, hourMs: HOUR_MS, windowMs: windowDays * 24 * HOUR_MS };
  const rows = requestCounts(db, sel, g, params, joined ? 'joined' : 'per-org');
  if (!rows) return reference();
  const orgs = await reportOrganisations(db);
  const kept = rows.filter((r) => {
    const org = orgs.orgs.get(r.orgId);
    return org && (!f.province || org.province === f.province);
  });
  if (!timesCurrent(db, settings, sel, T, kept, orgs)) return reference();

  opts.path?.('counted');
  // Groups of (group, organisation) rows; counts add, the distributions' values are joined.
  const groups = new Map<string, { label: string; counts: MetricCounts; rows: CountRow[] }>();
  for (const r of kept) {
    const org = orgs.orgs.get(r.orgId)!;
    const [key, label] =
      by === 'org'
        ? [r.orgId, org.name]
        : by === 'province'
          ? [org.province ?? '-', org.province ?? '(none)']
          : by === 'platform'
            ? [String(r.group), String(r.group)]
            : by === 'week'
              ? [weeks!.labels[r.group as number]!, weeks!.labels[r.group as number]!]
              : ['all', 'all'];
    let e = groups.get(key);
    if (!e) groups.set(key, (e = { label, counts: emptyCounts(), rows: [] }));
    addCounts(e.counts, r);
    e.rows.push(r);
  }
  const out: Group[] = [];
  for (const [key, e] of groups) {
    const metrics = metricsOfCounts(e.counts, valuesOf(e.rows), windowDays, T);
    if (by === 'org') {
      const detail = computeScore(metrics, ctx.bios.get(key), ctx.weights, ctx.minClosed);
      out.push({ key, label: e.label, metrics, score: detail.score, scored: detail.score === null ? 0 : 1, detail });
      continue;
    }
    // Other groups: the mean score of their organisations (aggregate.ts orgScores), each scored on
    // its requests in this group (an organisation has one row per group: counted by organisation).
    const scores: number[] = [];
    for (const r of e.rows) {
      const s = computeScore(
        metricsOfCounts(r, undefined, windowDays, T),
        ctx.bios.get(r.orgId),
        ctx.weights,
        ctx.minClosed,
      );
      if (s.score !== null) scores.push(s.score);
    }
    const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
    out.push({ key, label: e.label, metrics, score: mean, scored: scores.length });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The distributions' values of a group's rows, joined. */
function valuesOf(rows: readonly CountRow[]): MetricValues {
  const join = (pick: (r: CountRow) => Float64Array) => {
    if (rows.length === 1) return pick(rows[0]!);
    const out = new Float64Array(rows.reduce((n, r) => n + pick(r).length, 0));
    let at = 0;
    for (const r of rows) {
      out.set(pick(r), at);
      at += pick(r).length;
    }
    return out;
  };
  return {
    wall: join((r) => r.wall),
    business: join((r) => r.business),
    answer: join((r) => r.answer),
    censored: join((r) => r.censored),
  };
}

/**
 * Whether every counted request's stored times were computed with the current parameters and
 * hours (the key of measured-row.ts keyer): an organisation's rows must carry its hours' key; one
 * whose accounts have hours of their own is checked account by account.
 */
function timesCurrent(
  db: Kysely<Database>,
  settings: Settings,
  sel: TimesFilters,
  T: number,
  rows: readonly CountRow[],
  o: ReportOrganisations,
): boolean {
  const book = hoursBookOf(settings);
  const keyOf = keyer(settings);
  const expected = (orgId: string, accountId: number | null) => keyOf(book.of(hoursJsonOf(orgId, accountId, o.hours)));
  const checked = new Set<string>();
  for (const r of rows) {
    if (r.keyless || r.unlike) return false;
    if (o.hours.orgsWithAccountHours.has(r.orgId)) {
      if (checked.has(r.orgId)) continue;
      checked.add(r.orgId);
      for (const k of timesKeysOfOrg(db, sel, r.orgId, T)) if (k.key !== expected(r.orgId, k.accountId)) return false;
    } else {
      const key = expected(r.orgId, null);
      if (r.keyMin !== key || r.keyMax !== key) return false;
    }
  }
  return true;
}

/** The ISO weeks (in the zone) the selection spans: their start instants and the end, and labels. */
function weekBounds(db: Kysely<Database>, sel: TimesFilters, T: number, zone: string) {
  const [first, last] = createdRange(db, sel, T);
  const bounds: number[] = [];
  const labels: string[] = [];
  if (first === null || last === null) return { bounds, labels };
  let w = DateTime.fromMillis(first, { zone }).startOf('week');
  for (; w.toMillis() <= last; w = w.plus({ weeks: 1 })) {
    bounds.push(w.toMillis());
    labels.push(weekOf(w.toJSDate(), zone));
  }
  bounds.push(w.toMillis());
  return { bounds, labels };
}
