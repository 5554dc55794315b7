import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../../src/model/index.js';
import { keepSettledWeeks } from '../../../src/poller/request-weeks.js';
import { rawConnection, type Store } from '../../../src/storage/db.js';
import { syncOrganisations } from '../../../src/storage/organisations.js';
import { testContext } from '../../helpers/context.js';
import { both, insertRows, refresh, withZone } from '../../helpers/requests.js';

// Found by the red team: after a config edit of `timezone`, the empty weeks kept in the old zone
// stayed in request_week_sets, overlapping the weeks kept in the new zone. The triggers drop only the
// kept week with the largest start <= created_ms, so a request inserted in the overlap dropped the
// empty old-zone week and left the new-zone week that holds it stale. Now keeping in a zone first
// drops every week off its grid.
const YAML = `
timezone: Europe/Amsterdam
method:
  answer_window_days: 10
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem } }
`;
const c0 = Date.parse('2026-03-02T09:00:00Z'); // Monday 2 March, 10:00 in Amsterdam (UTC+1)
let t: ReturnType<typeof testContext>;
let store: Store;

beforeAll(async () => {
  t = testContext(YAML, '2026-06-30T00:00:00Z');
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, new Date(c0).toISOString());
  // Requests only on 2 and 3 March: the Amsterdam week of 9 March (8 Mar 23:00Z - 15 Mar 23:00Z) is empty.
  await insertRows(
    store,
    t.ctx.settings,
    [
      { org: 'aa', at: c0, response: [c0 + HOUR_MS, 'answer'], answer: c0 + HOUR_MS },
      { org: 'aa', at: c0 + DAY_MS },
    ],
    1000,
  );
});
afterAll(() => t.close());

it('after a zone change, no week of the old zone is left to hide a new request', async () => {
  const now = new Date(c0 + 60 * DAY_MS);
  const ams = t.ctx.settings;
  expect(keepSettledWeeks(store.db, now, 10, 'Europe/Amsterdam').kept).toBeGreaterThan(2);
  // The config's zone becomes UTC; a writer opening the database refreshes every stored time.
  const utc = withZone(ams, 'UTC');
  await refresh(store, utc);
  keepSettledWeeks(store.db, now, 10, 'UTC');
  // Kept now: [2 Mar 00Z, 9 Mar 00Z) (UTC, 2 requests), not the empty Amsterdam week [8 Mar 23Z, 15 Mar 23Z).
  const sets = rawConnection(store).prepare('select start_ms from request_week_sets').pluck().all();
  expect(sets).toContain(Date.parse('2026-03-02T00:00:00Z'));
  expect(sets).not.toContain(Date.parse('2026-03-08T23:00:00Z'));
  expect(sets.every((s) => new Date(s as number).toISOString().endsWith('T00:00:00.000Z'))).toBe(true);
  expect((await both(store, utc, 'all', now)).counted).toEqual((await both(store, utc, 'all', now)).reference);
  // A late import: a request on Sunday 8 March 23:30Z (Monday 00:30 in Amsterdam, Sunday in UTC).
  await insertRows(store, utc, [{ org: 'aa', at: Date.parse('2026-03-08T23:30:00Z') }], 2000);
  // Its UTC week was dropped, and the next upkeep keeps it again.
  expect(keepSettledWeeks(store.db, now, 10, 'UTC').kept).toBe(1);
  for (const by of ['all', 'week'] as const) {
    const r = await both(store, utc, by, now);
    expect(r.taken).toEqual(['counted']);
    expect(r.counted, by).toEqual(r.reference);
  }
});
