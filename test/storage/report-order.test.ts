import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/model/index.js';
import type { Store } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { requestsForReport } from '../../src/storage/report-queries.js';
import { testContext } from '../helpers/context.js';
import { insertRows } from '../helpers/requests.js';

// Requests created at the same instant (one post to several organisations, or two posts in one
// second) are listed in key order (platform, post, organisation), on SQLite as on PostgreSQL, also
// when a limit cuts through them.
const YAML = `
organisations:
  - { id: aa, name: Aa, accounts: { x: aa_gem } }
  - { id: bb, name: Bb, accounts: { x: bb_gem } }
`;
const t = testContext(YAML, '2026-06-30T00:00:00Z');
let store: Store;
const at = Date.parse('2026-06-10T09:00:00Z');

beforeAll(async () => {
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, '2026-01-01T00:00:00Z');
  // Stored out of key order: posts 3009, 3002, 3005 at the same instant, for bb then aa.
  const rows = [
    { org: 'aa', at: at - HOUR_MS },
    { org: 'bb', at },
    { org: 'aa', at },
    { org: 'bb', at },
    { org: 'aa', at: at + HOUR_MS },
  ];
  await insertRows(store, t.ctx.settings, rows.slice(0, 1), 3000);
  await insertRows(store, t.ctx.settings, rows.slice(1, 2), 3009);
  await insertRows(store, t.ctx.settings, rows.slice(2, 3), 3002);
  await insertRows(store, t.ctx.settings, rows.slice(3, 4), 3005);
  await insertRows(store, t.ctx.settings, rows.slice(4, 5), 3100);
});
afterAll(() => t.close());

const ids = (rows: { post_id: string }[]) => rows.map((r) => r.post_id);
const asOf = new Date('2026-06-30T00:00:00Z');

it('lists requests of one instant in key order, whole and cut by a limit either way', async () => {
  expect(ids(await requestsForReport(store.db, {}, asOf))).toEqual(['3000', '3002', '3005', '3009', '3100']);
  // The latest three: the newest and the two of the instant with the largest keys, oldest first.
  expect(ids(await requestsForReport(store.db, { limit: 3 }, asOf))).toEqual(['3005', '3009', '3100']);
  expect(ids(await requestsForReport(store.db, { limit: 2, oldest: true }, asOf))).toEqual(['3000', '3002']);
  expect(ids(await requestsForReport(store.db, { limit: 3, oldest: true }, asOf))).toEqual(['3000', '3002', '3005']);
});
