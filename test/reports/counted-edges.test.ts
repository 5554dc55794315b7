import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursBookOf, methodParamsOf } from '../../src/config/method-params.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/model/index.js';
import { refreshTimes, timesContext } from '../../src/poller/request-times.js';
import { keepSettledWeeks } from '../../src/poller/request-weeks.js';
import { aggregateContextOf, type GroupBy } from '../../src/reports/aggregate.js';
import { cacheFigures, measureGroups } from '../../src/reports/groups.js';
import { openStore, rawConnection, type Store } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { keptWeeks } from '../../src/storage/request-week-reads.js';
import { testContext } from '../helpers/context.js';
import { both as compare, insertRows, type Row } from '../helpers/requests.js';

// The SQL counts of reports/groups.ts against the reference on requests made for the edges a
// simulated world rarely hits: replies exactly 1 h and 24 h after, an answer after the score
// horizon but inside the window, a late answer after the window, method-1 rows without answer_at,
// a reply stamped before its request, community and other-organisation replies, and instants
// exactly at each boundary.
const YAML = `
method:
  answer_window_days: 10
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem } }
  - { id: bb, name: Bb, province: Drenthe, accounts: { x: bb_gem, mastodon: bb@social.example } }
`;
const c0 = Date.parse('2026-03-02T09:00:00Z'); // a Monday, before daylight saving starts
let t: ReturnType<typeof testContext>;
let store: Store;

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const ROWS: Row[] = [
  { org: 'aa', at: c0, response: [c0 + HOUR_MS, 'answer'], answer: c0 + HOUR_MS },
  { org: 'aa', at: c0 + 1, response: [c0 + 1 + 24 * HOUR_MS, 'acknowledge'], answer: c0 + 8 * DAY_MS },
  { org: 'aa', at: c0 + 2, response: [c0 + 2 * HOUR_MS, 'answer'] }, // method 1: no answer_at
  { org: 'aa', at: c0 + 3, response: [c0 - 2 * MINUTE_MS, 'answer'], answer: c0 - 2 * MINUTE_MS }, // clock skew
  {
    org: 'aa',
    at: c0 + 4,
    response: [c0 + 3 * HOUR_MS, 'redirect'],
    redirect: c0 + 3 * HOUR_MS,
    answer: c0 + 9 * DAY_MS,
  },
  { org: 'bb', at: c0 + 5, response: [c0 + 12 * DAY_MS, 'answer'], answer: c0 + 12 * DAY_MS }, // after the window
  { org: 'bb', at: c0 + 6, community: c0 + 30 * MINUTE_MS, otherOrg: c0 + 2 * HOUR_MS, kind: 'report' },
  { org: 'bb', at: c0 + 7, response: [c0 + 5 * HOUR_MS, 'redirect'] }, // method 1: no redirect_at
  { org: 'bb', platform: 'mastodon', at: c0 + DAY_MS, response: [c0 + 2 * DAY_MS, 'acknowledge'] },
  { org: 'bb', platform: 'mastodon', at: c0 + 6 * DAY_MS }, // still open at many instants
  {
    org: 'aa',
    at: c0 + 8 * DAY_MS + HOUR_MS,
    response: [c0 + 8 * DAY_MS + 2 * HOUR_MS, 'answer'],
    answer: c0 + 8 * DAY_MS + 2 * HOUR_MS,
  },
];

const insert = (rows: readonly Row[], idBase: number) => insertRows(store, t.ctx.settings, rows, idBase);
const both = (by: GroupBy, asOf: Date) => compare(store, t.ctx.settings, by, asOf);

beforeAll(async () => {
  t = testContext(YAML, '2026-04-30T00:00:00Z');
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, new Date(c0).toISOString());
  await insert(ROWS, 1000);
});
afterAll(() => t.close());

describe('figures counted by SQLite at the edges', () => {
  const offsets = [
    0,
    10 * MINUTE_MS,
    30 * MINUTE_MS,
    HOUR_MS - 1,
    HOUR_MS,
    HOUR_MS + 1,
    24 * HOUR_MS,
    2 * DAY_MS,
    7 * DAY_MS,
    7 * DAY_MS + 1,
  ];
  const more = [8 * DAY_MS, 9 * DAY_MS + 3, 10 * DAY_MS, 10 * DAY_MS + 7, 12 * DAY_MS + 5, 40 * DAY_MS];
  it.each(['all', 'org', 'platform', 'province', 'week'] as const)(
    'by %s: equal to the reference at every instant',
    async (by) => {
      for (const d of [...offsets, ...more]) {
        const r = await both(by, new Date(c0 + d + 5));
        expect(r.taken).toEqual(['counted']);
        expect(r.counted, `at c0 + ${d} ms`).toEqual(r.reference);
      }
    },
  );

  it('a late answer after the window counts in the answer times but leaves the request unanswered', async () => {
    const r = await both('org', new Date(c0 + 40 * DAY_MS));
    const bb = r.counted.find((g) => g.key === 'bb')!;
    expect(bb.unanswered).toBeGreaterThanOrEqual(1);
    expect(bb.answer_median_hours).not.toBeNull();
    expect(r.counted).toEqual(r.reference);
  });

  it('a reader that keeps figures (the dashboard) sees a commit by another connection at once', async () => {
    const s = t.ctx.settings;
    const reader = openStore(rawConnection(store).name, { readonly: true });
    try {
      cacheFigures(reader.db);
      const asOf = new Date(c0 + 20 * DAY_MS);
      const actx = aggregateContextOf(s, asOf, new Map());
      const before = await measureGroups(reader.db, s, {}, asOf, 'all', actx);
      expect(await measureGroups(reader.db, s, {}, asOf, 'all', actx)).toEqual(before);
      await insert([{ org: 'aa', at: c0 + 9 * DAY_MS }], 5000); // written by the other connection
      const after = await measureGroups(reader.db, s, {}, asOf, 'all', actx);
      expect(after[0]!.metrics.requests).toBe(before[0]!.metrics.requests + 1);
      // Another instant is another figure, not the kept one.
      const earlier = await measureGroups(reader.db, s, {}, new Date(c0 + 3 * DAY_MS), 'all', actx);
      expect(earlier[0]!.metrics.requests).toBeLessThan(after[0]!.metrics.requests);
    } finally {
      await reader.close();
    }
  });
});

describe('kept weeks (migration 0010): settled weeks added up instead of counted', () => {
  const zone = 'Europe/Amsterdam';
  const keptAt = (ms: number) => keptWeeks(rawConnection(store), ms, 10 * DAY_MS).length;
  const instants = [0, HOUR_MS, 7 * DAY_MS + 1, 10 * DAY_MS, 12 * DAY_MS + 5, 20 * DAY_MS, 40 * DAY_MS, 60 * DAY_MS];
  const allEqual = async () => {
    for (const by of ['all', 'org', 'platform', 'province', 'week'] as const)
      for (const d of instants) {
        const r = await both(by, new Date(c0 + d + 5));
        expect(r.taken).toEqual(['counted']);
        expect(r.counted, `by ${by} at c0 + ${d} ms`).toEqual(r.reference);
      }
  };

  it('keeps each settled week once; every figure equals the reference before and after they settle', async () => {
    const first = keepSettledWeeks(store.db, new Date(c0 + 60 * DAY_MS), 10, zone);
    expect(first.kept).toBeGreaterThanOrEqual(2); // the weeks of 2 and 9 March, and the empty ones after
    expect(keepSettledWeeks(store.db, new Date(c0 + 60 * DAY_MS), 10, zone)).toEqual({
      kept: 0,
      already: first.kept,
      parts: 0,
    });
    expect(keptAt(c0 + 5 * DAY_MS)).toBe(0); // not settled yet then: counted request by request
    expect(keptAt(c0 + 40 * DAY_MS)).toBeGreaterThanOrEqual(2);
    await allEqual();
  });

  it('a late reply to a request of a kept week drops that week until it is kept again', async () => {
    const before = (await both('org', new Date(c0 + 60 * DAY_MS))).counted.find((g) => g.key === 'bb')!;
    const weeks = keptAt(c0 + 60 * DAY_MS);
    // The community-answered report of 2 March gets its organisation's answer 50 days later.
    rawConnection(store)
      .prepare(
        "update requests set response_post_id = 'late', response_at = ?, response_kind = 'answer', answer_at = ? where post_id = '1006'",
      )
      .run(iso(c0 + 50 * DAY_MS), iso(c0 + 50 * DAY_MS));
    // Its stored times, as the pipeline writes them with the reply (refreshTimes skips current keys).
    const tc = await timesContext(store, methodParamsOf(t.ctx.settings), hoursBookOf(t.ctx.settings));
    await refreshTimes(store, tc, { all: true });
    expect(keptAt(c0 + 60 * DAY_MS)).toBe(weeks - 1);
    const after = (await both('org', new Date(c0 + 60 * DAY_MS))).counted.find((g) => g.key === 'bb')!;
    expect(after.answer_median_hours).not.toEqual(before.answer_median_hours); // the reply counts at once
    await allEqual();
    // Not before the reply 50 days on: until then its week's counts can still change.
    expect(keepSettledWeeks(store.db, new Date(c0 + 30 * DAY_MS), 10, zone).kept).toBe(0);
    expect(keepSettledWeeks(store.db, new Date(c0 + 60 * DAY_MS), 10, zone).kept).toBe(1);
    await allEqual();
  });

  it('a request added to or deleted from a kept week drops it', async () => {
    const weeks = keptAt(c0 + 60 * DAY_MS);
    await insert([{ org: 'aa', at: c0 + 2 * DAY_MS, response: [c0 + 2 * DAY_MS + HOUR_MS, 'answer'] }], 7000);
    expect(keptAt(c0 + 60 * DAY_MS)).toBe(weeks - 1);
    await allEqual();
    expect(keepSettledWeeks(store.db, new Date(c0 + 60 * DAY_MS), 10, zone).kept).toBe(1);
    rawConnection(store).prepare("delete from requests where post_id = '7000'").run();
    expect(keptAt(c0 + 60 * DAY_MS)).toBe(weeks - 1);
    await allEqual();
  });
});
