import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../../src/model/index.js';
import { keepSettledWeeks } from '../../../src/poller/request-weeks.js';
import { aggregateContextOf } from '../../../src/reports/aggregate.js';
import { cacheFigures, measureGroups } from '../../../src/reports/groups.js';
import { openStore, rawConnection, type Store } from '../../../src/storage/db.js';
import { syncOrganisations } from '../../../src/storage/organisations.js';
import { testContext } from '../../helpers/context.js';
import { both, insertRows, refresh, withWindow, type Row } from '../../helpers/requests.js';

// Config changes after weeks were kept (answer window there and back, office hours of one
// organisation), and a read-only reader that keeps figures while another connection drops weeks.
const YAML = `
method:
  answer_window_days: 10
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem } }
  - { id: bb, name: Bb, province: Drenthe, accounts: { x: bb_gem } }
`;
const c0 = Date.parse('2026-03-02T09:00:00Z');
let t: ReturnType<typeof testContext>;
let store: Store;
const rows: Row[] = [];
for (let d = 0; d < 40; d += 1.3) {
  const at = c0 + Math.round(d * DAY_MS);
  rows.push({ org: d % 2 < 1 ? 'aa' : 'bb', at, response: [at + (d % 3) * 10 * HOUR_MS, 'answer'] });
  rows.push({ org: 'bb', at: at + 7, kind: 'report' });
}

beforeAll(async () => {
  t = testContext(YAML, '2026-06-30T00:00:00Z');
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, new Date(c0).toISOString());
  await insertRows(store, t.ctx.settings, rows, 1000);
});
afterAll(() => t.close());

const instants = [11, 20, 30, 45, 53, 60, 90].map((d) => c0 + d * DAY_MS);
async function allEqual(s = t.ctx.settings) {
  for (const T of instants)
    for (const by of ['all', 'org', 'week'] as const) {
      const r = await both(store, s, by, new Date(T));
      expect(r.counted, `${by} ${new Date(T).toISOString()}`).toEqual(r.reference);
    }
}

it('answer window 10 -> 14 -> 10 days, each with refresh and keep', async () => {
  const now = new Date(c0 + 90 * DAY_MS);
  keepSettledWeeks(store.db, now, 10, 'Europe/Amsterdam');
  await allEqual();
  const w14 = withWindow(t.ctx.settings, 14);
  await refresh(store, w14);
  keepSettledWeeks(store.db, now, 14, 'Europe/Amsterdam');
  await allEqual(w14);
  await refresh(store, t.ctx.settings);
  await allEqual();
  keepSettledWeeks(store.db, now, 10, 'Europe/Amsterdam');
  await allEqual();
});

it('office hours of one organisation change (synced, refreshed), weeks of the other stay', async () => {
  const s = t.ctx.settings;
  const orgs = s.organisations.map((o) =>
    o.id === 'aa'
      ? { ...o, hours: { mon: [{ from: '07:00', to: '12:00' }], tue: [{ from: '07:00', to: '12:00' }] } }
      : o,
  ) as typeof s.organisations;
  await syncOrganisations(store.db, orgs, new Date(c0).toISOString());
  await allEqual(); // stale keys: must fall back, not read kept weeks
  await refresh(store, s);
  await allEqual();
  keepSettledWeeks(store.db, new Date(c0 + 90 * DAY_MS), 10, 'Europe/Amsterdam');
  await allEqual();
  await syncOrganisations(store.db, s.organisations, new Date(c0).toISOString());
  await refresh(store, s);
});

it('a read-only reader keeping figures sees weeks dropped and kept by another connection', async () => {
  const s = t.ctx.settings;
  const reader = openStore(rawConnection(store).name, { readonly: true });
  try {
    cacheFigures(reader.db);
    const asOf = new Date(c0 + 90 * DAY_MS);
    const actx = aggregateContextOf(s, asOf, new Map());
    const ref = async () => (await both(store, s, 'org', asOf)).reference;
    const read = async () => (await measureGroups(reader.db, s, {}, asOf, 'org', actx)).map((g) => g.metrics.requests);
    const n = (g: Awaited<ReturnType<typeof ref>>) => g.map((x) => x.requests);
    expect(await read()).toEqual(n(await ref()));
    rawConnection(store).prepare("update requests set org_id = 'aa' where post_id = '1001'").run();
    await refresh(store, s);
    expect(await read()).toEqual(n(await ref()));
    keepSettledWeeks(store.db, asOf, 10, 'Europe/Amsterdam');
    expect(await read()).toEqual(n(await ref()));
  } finally {
    await reader.close();
  }
});
