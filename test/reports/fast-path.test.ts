import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { DAY_MS, PLATFORMS } from '../../src/model/index.js';
import { aggregate, aggregateContextOf, type GroupBy } from '../../src/reports/aggregate.js';
import { buildDigest } from '../../src/reports/digest-data.js';
import { groupJson, groupRow } from '../../src/reports/group-row.js';
import { measureGroups } from '../../src/reports/groups.js';
import { bioByOrg, loadMeasured, loadRequests, type Filters } from '../../src/reports/load.js';
import { isoWeek } from '../../src/reports/period.js';
import { runDemo, type DemoResult } from '../../src/sim/demo.js';
import { rawConnection } from '../../src/storage/db.js';
import { keptWeeks } from '../../src/storage/request-week-reads.js';
import { keepSettledWeeks } from '../../src/poller/request-weeks.js';
import { latestBios } from '../../src/storage/report-queries.js';
import { tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';

// #16: reports read the times stored with each request (the fast path); the reference computes them
// from the instants and office hours. On a simulated world, over random periods, organisations,
// platforms, groupings and instants, both must print exactly the same figures.
const tmp = tempDir();
let run: DemoResult;
const start = Date.parse('2026-10-25T23:00:00Z');
const DAYS = 14;

beforeAll(async () => {
  const orgs = largestGemeenten(30);
  run = await runDemo({
    organisations: orgs,
    seed: 11,
    days: DAYS,
    start: new Date(start),
    tickHours: 4,
    db: `${tmp.dir}/fast.db`,
    // A window longer than the score horizon (7 days), so figures that differ only there are told apart.
    windowDays: 10,
    logger: createLogger({ level: 'silent' }),
  });
}, 120_000);
afterAll(async () => {
  await run?.ctx.destroy();
  tmp.cleanup();
});

/**
 * The figures of a selection by one of the three ways: counted by SQLite (measureGroups), from the
 * stored times request by request (loadMeasured), or the reference (times computed when read).
 */
async function figures(
  settings: Settings,
  f: Filters,
  by: GroupBy,
  asOf: Date,
  way: 'counted' | 'stored' | 'reference',
) {
  const db = run.store.db;
  const actx = aggregateContextOf(settings, asOf, bioByOrg(await latestBios(db, asOf)));
  const reqs = await loadMeasured(db, settings, f, asOf, { slow: way === 'reference' });
  const groups =
    way === 'counted'
      ? await measureGroups(db, settings, f, asOf, by, actx, { path: (p) => paths.push(p) })
      : aggregate(reqs, by, actx);
  return { n: groups.reduce((s, g) => s + g.metrics.requests, 0), groups: groups.map((g) => groupJson(groupRow(g))) };
}
const paths: string[] = [];

// Mostly unfiltered, so that the comparisons cover many requests; each filter in about a third of them.
const maybe = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });
const selection = fc.record({
  from: fc.integer({ min: -2, max: DAYS }),
  length: fc.integer({ min: 1, max: DAYS + 2 }),
  asOf: fc.integer({ min: 1, max: DAYS + 10 }),
  asOfMs: fc.integer({ min: 0, max: DAY_MS - 1 }),
  org: maybe(fc.integer({ min: 0, max: 29 })),
  platform: maybe(fc.constantFrom(...PLATFORMS)),
  province: maybe(fc.constantFrom('Noord-Holland', 'Zuid-Holland', 'Utrecht', 'Gelderland')),
  kind: maybe(fc.constantFrom('question' as const, 'report' as const)),
  by: fc.constantFrom<GroupBy>('all', 'org', 'platform', 'province', 'week', 'hour'),
  hour: fc.integer({ min: 0, max: 23 }),
});

describe('stored times (fast path) against the reference', () => {
  it('every request of the world has stored times, and the report reads them from the covering index', () => {
    const sqlite = rawConnection(run.store);
    const total = sqlite.prepare('select count(*) from requests').pluck().get() as number;
    const stored = sqlite.prepare('select count(*) from requests where times_key is not null').pluck().get();
    expect(total).toBeGreaterThan(300);
    expect(stored).toBe(total);
    const plan = sqlite
      .prepare(
        'explain query plan select created_ms, times_key from requests indexed by requests_times where created_ms >= 0',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/COVERING INDEX requests_times/);
  });

  it('prints identical figures over random periods, organisations, platforms, groupings and instants', async () => {
    const settings = run.ctx.settings;
    const orgIds = settings.organisations.map((o) => o.id);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(selection, async (s) => {
        const f: Filters = {
          since: new Date(start + s.from * DAY_MS + s.hour * 3_600_000),
          until: new Date(start + (s.from + s.length) * DAY_MS),
          ...(s.org !== null ? { org: orgIds[s.org] } : {}),
          ...(s.platform !== null ? { platform: s.platform } : {}),
          ...(s.province !== null ? { province: s.province } : {}),
          ...(s.kind !== null ? { kind: s.kind } : {}),
        };
        const asOf = new Date(start + s.asOf * DAY_MS + s.asOfMs);
        const slow = await figures(settings, f, s.by, asOf, 'reference');
        expect(await figures(settings, f, s.by, asOf, 'stored')).toEqual(slow);
        expect(await figures(settings, f, s.by, asOf, 'counted')).toEqual(slow);
        compared += slow.n;
      }),
      { numRuns: 80, seed: 16 },
    );
    expect(compared).toBeGreaterThan(2000); // the selections were not all empty
    // Every grouping but the hour of the day was counted by SQLite, not measured request by request.
    expect(paths.filter((p) => p === 'counted').length).toBeGreaterThan(55);
  }, 120_000);

  it('with the settled weeks kept (migration 0010), still identical at random instants before and after', async () => {
    const settings = run.ctx.settings;
    const orgIds = settings.organisations.map((o) => o.id);
    const kept = keepSettledWeeks(run.store.db, new Date(start + (DAYS + 30) * DAY_MS), 10, 'Europe/Amsterdam');
    expect(kept.kept).toBeGreaterThanOrEqual(2); // the world's two weeks (and those of posts just outside)
    const late = keptWeeks(rawConnection(run.store), start + (DAYS + 30) * DAY_MS, 10 * DAY_MS);
    expect(late).toHaveLength(kept.kept);
    const settled = Math.max(
      ...(rawConnection(run.store).prepare('select settled_ms from request_week_sets').pluck().all() as number[]),
    );
    let read = 0;
    await fc.assert(
      fc.asyncProperty(selection, fc.integer({ min: 0, max: 30 * DAY_MS }), async (s, after) => {
        const f: Filters = {
          ...(s.from > 4 ? { since: new Date(start + s.from * DAY_MS) } : {}),
          ...(s.length < 12 ? { until: new Date(start + (s.from + s.length) * DAY_MS) } : {}),
          ...(s.org !== null ? { org: orgIds[s.org] } : {}),
          ...(s.platform !== null ? { platform: s.platform } : {}),
          ...(s.province !== null ? { province: s.province } : {}),
          ...(s.kind !== null ? { kind: s.kind } : {}),
        };
        const asOf = new Date(start + DAYS * DAY_MS + after);
        if (asOf.getTime() >= settled) read++;
        const slow = await figures(settings, f, s.by, asOf, 'reference');
        expect(await figures(settings, f, s.by, asOf, 'counted')).toEqual(slow);
      }),
      { numRuns: 60, seed: 17 },
    );
    expect(read).toBeGreaterThan(10); // many instants read the kept weeks
  }, 120_000);

  it('with other method parameters than the stored times were computed with, falls back and still agrees', async () => {
    const s = run.ctx.settings;
    const other: Settings = {
      ...s,
      config: { ...s.config, method: { ...s.config.method, norm_working_days: 3, score_horizon_days: 5 } },
    };
    const asOf = new Date(start + (DAYS + 3) * DAY_MS);
    paths.length = 0;
    const fast = await figures(other, {}, 'org', asOf, 'counted');
    expect(paths).toEqual(['measured']); // the stored times do not fit these parameters
    expect(fast).toEqual(await figures(other, {}, 'org', asOf, 'reference'));
    expect(fast).not.toEqual(await figures(s, {}, 'org', asOf, 'counted')); // the parameters matter
  });

  it('the digest of a week is identical on both paths', async () => {
    const week = isoWeek('2026-W45', run.ctx.settings.config.timezone);
    const asOf = new Date(start + (DAYS + 2) * DAY_MS);
    const fast = await buildDigest(run.store.db, run.ctx.settings, week, asOf);
    process.env.WEBCARE_REFERENCE_PATH = '1';
    try {
      expect(await buildDigest(run.store.db, run.ctx.settings, week, asOf)).toEqual(fast);
    } finally {
      delete process.env.WEBCARE_REFERENCE_PATH;
    }
    expect(fast.national.requests).toBeGreaterThan(50);
  });

  it('asking for pending requests reads only the open window and finds every one of them', async () => {
    const settings = run.ctx.settings;
    const key = (r: { platform: string; postId: string; orgId: string }) => `${r.platform}|${r.postId}|${r.orgId}`;
    for (const d of [3, 8, DAYS, DAYS + 6]) {
      const asOf = new Date(start + d * DAY_MS + 5 * 3_600_000);
      const all = await loadRequests(run.store.db, settings, {}, asOf);
      const pending = await loadRequests(run.store.db, settings, { outcome: ['pending'] }, asOf);
      expect(pending.map(key)).toEqual(all.filter((r) => r.outcome === 'pending').map(key));
      if (d === DAYS) expect(pending.length).toBeGreaterThan(20);
    }
  });

  it('the newest (oldest) N with an outcome are the last (first) N of all requests with that outcome', async () => {
    const settings = run.ctx.settings;
    const key = (r: { platform: string; postId: string; orgId: string }) => `${r.platform}|${r.postId}|${r.orgId}`;
    const asOf = new Date(start + (DAYS + 9) * DAY_MS);
    const all = await loadRequests(run.store.db, settings, {}, asOf);
    for (const outcome of [['unanswered'], ['answered', 'redirected']] as const)
      for (const limit of [5, 300, 5000]) {
        const want = all.filter((r) => (outcome as readonly string[]).includes(r.outcome)).slice(-limit);
        const got = await loadRequests(run.store.db, settings, { outcome: [...outcome], limit }, asOf);
        expect(new Set(got.map(key))).toEqual(new Set(want.map(key)));
        expect(got.map((r) => r.createdAt)).toEqual(want.map((r) => r.createdAt));
        expect(want.length).toBeGreaterThan(4);
        const first = all.filter((r) => (outcome as readonly string[]).includes(r.outcome)).slice(0, limit);
        const oldest = await loadRequests(run.store.db, settings, { outcome: [...outcome], limit, oldest: true }, asOf);
        expect(oldest.map((r) => r.createdAt)).toEqual(first.map((r) => r.createdAt));
        expect(new Set(oldest.map(key))).toEqual(new Set(first.map(key)));
      }
    // The digest's ten oldest open requests, from the open window only.
    const at = new Date(start + DAYS * DAY_MS);
    const open = (await loadRequests(run.store.db, settings, {}, at)).filter((r) => r.outcome === 'pending');
    const ten = await loadRequests(run.store.db, settings, { outcome: ['pending'], limit: 10, oldest: true }, at);
    expect(ten.map(key)).toEqual(open.slice(0, 10).map(key));
    expect(ten).toHaveLength(10);
  });
});
