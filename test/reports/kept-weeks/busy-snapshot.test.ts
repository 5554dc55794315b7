import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../../src/model/index.js';
import { keepSettledWeeks } from '../../../src/poller/request-weeks.js';
import { openStore, rawConnection, type Store } from '../../../src/storage/db.js';
import { syncOrganisations } from '../../../src/storage/organisations.js';
import { testContext } from '../../helpers/context.js';
import { insertRows } from '../../helpers/requests.js';

// Found by the red team: keepWeek read (weekState, counts) and then wrote in a deferred
// transaction, so a commit by another connection in between (the daemon's poll while `webcare
// import` keeps weeks) made SQLite answer SQLITE_BUSY_SNAPSHOT at once and keepSettledWeeks threw
// at the end of an import whose posts were stored. Now each week is kept in an immediate
// transaction (it waits for the lock), and a lock held past the busy timeout ends the run quietly:
// a later run keeps the rest.
const YAML = `
method:
  answer_window_days: 10
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem } }
`;
const c0 = Date.parse('2026-03-02T09:00:00Z');
let t: ReturnType<typeof testContext>;
let store: Store;

beforeAll(async () => {
  t = testContext(YAML, '2026-06-30T00:00:00Z');
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, new Date(c0).toISOString());
  await insertRows(store, t.ctx.settings, [{ org: 'aa', at: c0, response: [c0 + HOUR_MS, 'answer'] }], 1000);
});
afterAll(() => t.close());

it('another writer holding the database: nothing kept, nothing thrown; kept on the next run', async () => {
  const other = openStore(rawConnection(store).name); // the keeping process (import / upkeep)
  try {
    rawConnection(other).pragma('busy_timeout = 100');
    rawConnection(store).exec('begin immediate'); // the daemon in the middle of a poll's transaction
    let r: ReturnType<typeof keepSettledWeeks> | undefined;
    try {
      r = keepSettledWeeks(other.db, new Date(c0 + 60 * DAY_MS), 10, 'Europe/Amsterdam');
    } finally {
      rawConnection(store).exec('commit');
    }
    expect(r).toEqual({ kept: 0, already: 0, parts: 0, busy: true });
    const again = keepSettledWeeks(other.db, new Date(c0 + 60 * DAY_MS), 10, 'Europe/Amsterdam');
    expect(again.busy).toBeUndefined();
    expect(again.kept).toBeGreaterThan(0);
  } finally {
    await other.close();
  }
});
