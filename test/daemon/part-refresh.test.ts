import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartRefresh } from '../../src/jobs/part-refresh.js';
import { createLogger } from '../../src/logger.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/model/index.js';
import { PART_HOLDS_MS } from '../../src/poller/request-weeks.js';
import { rawConnection, type Store } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { keptWeekSets } from '../../src/storage/request-weeks.js';
import { testContext } from '../helpers/context.js';
import { both, insertRows, refresh, type Row } from '../helpers/requests.js';

// The SQLite daemon keeps the parts of the recent weeks again once an hour after a poll tick
// (jobs/part-refresh.ts): a reply to an open request drops its week's part, and a part holds only
// two hours, so without it a report between two upkeeps would count those weeks one by one.
const YAML = `
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem } }
`;
const start = Date.parse('2026-06-24T10:00:00Z');
let now = start;
let t: ReturnType<typeof testContext>;
let store: Store;

beforeAll(async () => {
  t = testContext(YAML, new Date(start).toISOString());
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, '2026-01-01T00:00:00Z');
  const rows: Row[] = [];
  for (let i = 0; i < 120; i++) {
    const at = start - (i + 1) * 7 * HOUR_MS;
    rows.push({ org: 'aa', platform: 'x', at, ...(i % 3 ? { response: [at + 2 * HOUR_MS, 'answer'] } : {}) });
  }
  await insertRows(store, t.ctx.settings, rows, 1000);
});
afterAll(() => t.close());

const parts = () => keptWeekSets(store.db).filter((w) => w.cutMs !== null);

describe('the daemon keeps the parts of weeks current', () => {
  it('keeps them after a tick, again only once an hour has passed, and after a reply dropped one', async () => {
    const refresher = new PartRefresh(
      store.db,
      { now: () => new Date(now) },
      { windowDays: 30, zone: 'Europe/Amsterdam' },
      createLogger({ level: 'silent' }),
    );
    refresher.afterTick();
    expect(parts().length).toBeGreaterThanOrEqual(4);
    expect(parts().every((w) => w.cutMs === now && w.untilMs === now + PART_HOLDS_MS)).toBe(true);
    const had = parts().length;

    // A reply to an open request of a recent week (a part's, not a whole kept week's) drops that part.
    const open = rawConnection(store)
      .prepare(
        'select post_id from requests where response_at is null and created_ms between ? and ? order by created_ms limit 1',
      )
      .pluck()
      .get(start - 20 * DAY_MS, start - 10 * DAY_MS) as string;
    rawConnection(store)
      .prepare("update requests set response_at = ?, response_kind = 'answer', answer_at = ? where post_id = ?")
      .run(new Date(now - MINUTE_MS).toISOString(), new Date(now - MINUTE_MS).toISOString(), open);
    await refresh(store, t.ctx.settings, true);
    expect(parts().length).toBe(had - 1);

    now += 59 * MINUTE_MS;
    refresher.afterTick();
    expect(parts().length).toBe(had - 1); // not an hour yet
    const at = now;
    now += MINUTE_MS;
    refresher.afterTick();
    expect(parts().length).toBe(had);
    expect(parts().every((w) => w.cutMs === now)).toBe(true);
    expect(at).toBeLessThan(now);

    // And what a report reads through them equals the reference.
    for (const by of ['all', 'org', 'week'] as const) {
      const r = await both(store, t.ctx.settings, by, new Date(now + HOUR_MS), { since: new Date(now - 30 * DAY_MS) });
      expect(r.taken).toEqual(['counted']);
      expect(r.counted).toEqual(r.reference);
    }
  });
});
