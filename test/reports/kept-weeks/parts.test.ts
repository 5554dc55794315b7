import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src/model/index.js';
import { keepSettledWeeks, PART_FOR_GOOD, PART_HOLDS_MS } from '../../../src/poller/request-weeks.js';
import type { Filters } from '../../../src/reports/load.js';
import { rawConnection, type Store } from '../../../src/storage/db.js';
import { syncOrganisations } from '../../../src/storage/organisations.js';
import { requestCounts, type CountRow } from '../../../src/storage/request-counts.js';
import { dropWeeksHolding, keptWeekSets } from '../../../src/storage/request-weeks.js';
import { testContext } from '../../helpers/context.js';
import { both, insertRows, refresh, type Row } from '../../helpers/requests.js';

// Parts of weeks (migrations 0011 and 0016): in the weeks not settled yet (the last five with a
// 30-day window), the requests whose counts stay the same from the cut to the part's end (no reply,
// horizon, norm, window end or 24 hours inside it; open ones too) are kept per week, and only the
// others are counted request by request. Every figure must equal the reference at every instant,
// and a part must go exactly when one of its requests changes.
const YAML = `
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem, mastodon: aa@social.example } }
  - { id: bb, name: Bb, province: Drenthe, accounts: { x: bb_gem } }
`;
const zone = 'Europe/Amsterdam';
const now = Date.parse('2026-06-24T10:00:00Z'); // a Wednesday; the window is 30 days
let t: ReturnType<typeof testContext>;
let store: Store;
let seed = 777;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

// Requests over the last 40 days: answered fast and late, redirected, acknowledged, unanswered,
// with replies by the community and other organisations, some answered after a first reply.
function rows(n: number): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < n; i++) {
    const at = now - Math.floor(rnd() * 40 * DAY_MS);
    const r: Row = { org: pick(['aa', 'bb']), platform: 'x', at };
    if (r.org === 'aa' && rnd() < 0.4) r.platform = 'mastodon';
    const d = pick([20 * MINUTE_MS, HOUR_MS, 5 * HOUR_MS, 24 * HOUR_MS, 3 * DAY_MS, 9 * DAY_MS, 20 * DAY_MS]);
    const u = rnd();
    if (u < 0.55) r.response = [at + d, 'answer'];
    else if (u < 0.7) r.response = [at + d, 'acknowledge'];
    else if (u < 0.8) {
      r.response = [at + d, 'redirect'];
      r.redirect = at + d;
    }
    if (r.response && rnd() < 0.3) r.answer = r.response[0] + pick([0, DAY_MS, 6 * DAY_MS]);
    if (rnd() < 0.1) r.community = at + 30 * MINUTE_MS;
    if (rnd() < 0.1) r.otherOrg = at + 2 * HOUR_MS;
    if (rnd() < 0.25) r.kind = 'report';
    // Replies the poller has not seen yet at `now` are not stored yet either.
    for (const k of ['answer', 'redirect', 'community', 'otherOrg'] as const) if ((r[k] ?? 0) > now) delete r[k];
    if (r.response && r.response[0] > now) delete r.response;
    out.push(r);
  }
  return out;
}

const parts = () => keptWeekSets(store.db).filter((w) => w.cutMs !== null);
const db = () => rawConnection(store);

beforeAll(async () => {
  t = testContext(YAML, new Date(now).toISOString());
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, '2026-01-01T00:00:00Z');
  await insertRows(store, t.ctx.settings, rows(300), 1000);
});
afterAll(() => t.close());

async function allEqual(label: string, instants: readonly number[]) {
  const s = t.ctx.settings;
  const selections: Filters[] = [
    {},
    { since: new Date(now - 30 * DAY_MS) }, // `stats --since 30d`: it starts inside a week
    { since: new Date(now - 14 * DAY_MS), until: new Date(now - 2 * DAY_MS) },
    { org: 'aa', platform: 'mastodon' },
    { kind: 'report', since: new Date(now - 21 * DAY_MS) },
  ];
  for (const T of instants)
    for (const f of selections)
      for (const by of ['all', 'org', 'platform', 'week'] as const) {
        const r = await both(store, s, by, new Date(T), f);
        expect(r.taken).toEqual(['counted']);
        expect(r.counted, `${label}: by ${by} at ${new Date(T).toISOString()} ${JSON.stringify(f)}`).toEqual(
          r.reference,
        );
      }
}

describe('parts of the weeks not settled yet', () => {
  it('are kept for the recent weeks and every figure equals the reference, before and after the cut', async () => {
    const r = keepSettledWeeks(store.db, new Date(now), 30, zone);
    expect(r.parts).toBeGreaterThanOrEqual(4);
    expect(parts().every((w) => w.cutMs === now)).toBe(true);
    const end = now + PART_HOLDS_MS;
    await allEqual('kept', [now - 1, now, now + HOUR_MS, end - 1, end, end + 1, now + 3 * DAY_MS, now + 45 * DAY_MS]);
  });

  it('hold open requests too, and are read at every instant up to their end, not after', async () => {
    const held = db()
      .prepare(
        "select sum(pending), sum(length(censored)) from request_weeks where platform = '' and start_ms in (select start_ms from request_week_sets where cut_ms is not null)",
      )
      .raw()
      .get() as [number, number];
    expect(held[0]).toBeGreaterThan(0); // open requests, still inside their window
    expect(held[1]).toBeGreaterThan(0); // their ages, kept as created instants
    const first = parts()[0]!.startMs;
    const shift = (n: number) =>
      db().exec(
        `update request_weeks set requests = requests + ${n} where start_ms = ${first} and org_id = 'aa' and platform = ''`,
      );
    for (const [T, read] of [
      [now + PART_HOLDS_MS / 2, true],
      [now + PART_HOLDS_MS, true],
      [now + PART_HOLDS_MS + 1, false],
    ] as const) {
      const before = await both(store, t.ctx.settings, 'all', new Date(T));
      shift(100);
      const after = await both(store, t.ctx.settings, 'all', new Date(T));
      shift(-100);
      expect(after.counted[0]!.requests, new Date(T).toISOString()).toBe(
        before.counted[0]!.requests + (read ? 100 : 0),
      );
    }
  });

  it('are read: a part changed behind the code changes the counted figure', async () => {
    const before = await both(store, t.ctx.settings, 'all', new Date(now));
    db().exec(
      `update request_weeks set requests = requests + 100 where start_ms = ${parts()[0]!.startMs} and org_id = 'aa' and platform = ''`,
    );
    const after = await both(store, t.ctx.settings, 'all', new Date(now));
    expect(after.counted[0]!.requests).toBe(before.counted[0]!.requests + 100);
    db().exec(
      `update request_weeks set requests = requests - 100 where start_ms = ${parts()[0]!.startMs} and org_id = 'aa' and platform = ''`,
    );
  });

  it('give the counts of their requests one by one at every instant of their span, ages of open ones too', () => {
    // The figures compared above are rounded; here every raw count and every value (sorted) is
    // compared, with the parts used and with them hidden (their end moved before T).
    const sorted = (r: CountRow) => ({
      ...r,
      wall: [...r.wall].sort(),
      business: [...r.business].sort(),
      answer: [...r.answer].sort(),
      censored: [...r.censored].sort(),
    });
    const counts = (T: number) =>
      requestCounts(
        store.db,
        { since: new Date(now - 30 * DAY_MS) },
        { by: 'none' },
        {
          T,
          hourMs: HOUR_MS,
          windowMs: 30 * DAY_MS,
        },
      )!
        .map(sorted)
        .sort((x, y) => (x.orgId < y.orgId ? -1 : 1));
    for (const T of [now, now + PART_HOLDS_MS / 2, now + PART_HOLDS_MS]) {
      const withParts = counts(T);
      const ends = db()
        .prepare('select start_ms, until_ms from request_week_sets where cut_ms is not null')
        .raw()
        .all();
      db()
        .prepare('update request_week_sets set until_ms = ? where cut_ms is not null')
        .run(T - 1);
      const oneByOne = counts(T);
      for (const [start, until] of ends as [number, number][])
        db().prepare('update request_week_sets set until_ms = ? where start_ms = ?').run(until, start);
      expect(withParts.some((r) => r.censored.length)).toBe(true);
      expect(withParts, new Date(T).toISOString()).toEqual(oneByOne);
    }
  });

  it('kept for good (an import, rollup) hold no open request and are read long after', async () => {
    keepSettledWeeks(store.db, new Date(now), 30, zone, undefined, PART_FOR_GOOD);
    const open = db()
      .prepare(
        'select sum(pending + provisional), count(censored) from request_weeks where start_ms in (select start_ms from request_week_sets where cut_ms is not null)',
      )
      .raw()
      .get() as [number, number];
    expect(open).toEqual([0, 0]);
    const first = parts()[0]!.startMs;
    const T = now + 10 * DAY_MS;
    const before = await both(store, t.ctx.settings, 'all', new Date(T));
    db().exec(
      `update request_weeks set requests = requests + 100 where start_ms = ${first} and org_id = 'aa' and platform = ''`,
    );
    const after = await both(store, t.ctx.settings, 'all', new Date(T));
    db().exec(
      `update request_weeks set requests = requests - 100 where start_ms = ${first} and org_id = 'aa' and platform = ''`,
    );
    expect(after.counted[0]!.requests).toBe(before.counted[0]!.requests + 100);
    await allEqual('kept for good', [now, now + HOUR_MS, now + 3 * DAY_MS, T]);
    keepSettledWeeks(store.db, new Date(now), 30, zone);
  });

  it('go when an open request they hold gets its reply, and the reply counts at once', async () => {
    const open = db()
      .prepare(
        `select post_id, created_ms from requests where response_at is null and created_ms > ? and created_ms < ? order by created_ms limit 1`,
      )
      .get(now - 20 * DAY_MS, now - 3 * DAY_MS) as { post_id: string; created_ms: number };
    const had = parts().length;
    const T = now + DAY_MS;
    const before = await both(store, t.ctx.settings, 'all', new Date(T));
    db()
      .prepare("update requests set response_at = ?, response_kind = 'answer', answer_at = ? where post_id = ?")
      .run(new Date(now + HOUR_MS).toISOString(), new Date(now + HOUR_MS).toISOString(), open.post_id);
    await refresh(store, t.ctx.settings, true);
    expect(parts().length).toBe(had - 1); // its week is counted request by request until the next upkeep
    const after = await both(store, t.ctx.settings, 'all', new Date(T));
    expect(after.counted[0]!.answered).toBe(before.counted[0]!.answered + 1);
    await allEqual('reply to an open request', [now, T, now + 45 * DAY_MS]);
    expect(keepSettledWeeks(store.db, new Date(now), 30, zone).parts).toBe(had);
    await allEqual('reply to an open request, kept again', [now, T, now + 45 * DAY_MS]);
  });

  it('go when one of their requests changes, and come back at the next run', async () => {
    const settled = db()
      .prepare(
        `select post_id, created_ms from requests where answer_ms is not null and answer_ms < ? and created_ms > ? limit 1`,
      )
      .get(now - 9 * DAY_MS, now - 28 * DAY_MS) as { post_id: string; created_ms: number };
    const had = parts().length;
    db().prepare("update requests set kind = 'report' where post_id = ?").run(settled.post_id);
    expect(parts().length).toBe(had - 1);
    await allEqual('a settled request changed', [now, now + 45 * DAY_MS]);
    expect(keepSettledWeeks(store.db, new Date(now), 30, zone).parts).toBe(had);
    db().prepare('delete from requests where post_id = ?').run(settled.post_id);
    expect(parts().length).toBe(had - 1);
    await allEqual('a settled request deleted', [now, now + 45 * DAY_MS]);
    keepSettledWeeks(store.db, new Date(now), 30, zone);
  });

  it('go when a request old enough to be in them is added, and only then', async () => {
    // A part holds a request only 24 hours after it was created: saveRequests (dropWeeksHolding)
    // leaves a part as it is for a request younger than that at the cut, and drops it for an older one.
    const p = parts()[0]!;
    const cut = p.startMs + 2 * DAY_MS;
    db().prepare('update request_week_sets set cut_ms = ? where start_ms = ?').run(cut, p.startMs);
    const has = () => parts().some((w) => w.startMs === p.startMs);
    dropWeeksHolding(db(), [cut - DAY_MS + 1]);
    expect(has()).toBe(true);
    dropWeeksHolding(db(), [cut - DAY_MS]);
    expect(has()).toBe(false);
    keepSettledWeeks(store.db, new Date(now), 30, zone);
    // An old question answered long ago, its stored times written after the insert: the update
    // trigger drops its week's part (the pipeline's inserts: test/reports/kept-weeks/pipeline.test.ts).
    const had = parts().length;
    const old = now - 12 * DAY_MS;
    await insertRows(store, t.ctx.settings, [{ org: 'bb', at: old, response: [old + HOUR_MS, 'answer'] }], 6000);
    expect(parts().length).toBe(had - 1);
    await allEqual('inserted', [now, now + 45 * DAY_MS]);
  });

  it('become whole weeks once the window has passed, with the same figures', async () => {
    const later = now + 40 * DAY_MS;
    const before = await both(store, t.ctx.settings, 'org', new Date(later));
    const r = keepSettledWeeks(store.db, new Date(later), 30, zone);
    expect(r.kept).toBeGreaterThanOrEqual(4);
    expect(keptWeekSets(store.db).filter((w) => w.cutMs === null && w.startMs > now - 35 * DAY_MS).length).toBe(r.kept);
    expect((await both(store, t.ctx.settings, 'org', new Date(later))).counted).toEqual(before.counted);
    await allEqual('whole again', [now, later]);
  });
});
