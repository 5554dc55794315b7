import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/model/index.js';
import type { Store } from '../../src/storage/db.js';
import { bioHistory, latestBios, requestsForReport, type RequestFilters } from '../../src/storage/report-queries.js';
import { testContext } from '../helpers/context.js';
import { loadRequests } from '../../src/reports/load.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';
import { DIALECTS } from '../helpers/dialects.js';

// #17: the same queries on both dialects, on the same fixture week stored through the pipeline.
describe.each(DIALECTS)('report queries on $name', (dialect) => {
  let t: ReturnType<typeof testContext>;
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    const made = await dialect.database();
    done = made.done;
    t = testContext(FIXTURE_CONFIG, '2026-12-15T12:00:00.000Z', {}, made.database);
    store = await t.ctx.store();
    await seedFixtureWeek(t.ctx, store);
  });
  afterAll(async () => {
    await t.close();
    await done();
  });

  const W45 = { since: new Date('2026-11-02T00:00:00+01:00'), until: new Date('2026-11-09T00:00:00+01:00') };
  // The fixture's W50 questions (9 Dec) are inside a 30-day window; its W45 pending ones are past it.
  const windowStart = new Date('2026-11-15T12:00:00.000Z');
  const now = new Date('2026-12-15T12:00:00.000Z');

  describe('requestsForReport', () => {
    it.each<[string, RequestFilters, number]>([
      ['everything', {}, 19],
      ['week 45', W45, 14],
      ['one organisation', { ...W45, org: 'zwolle' }, 5],
      ['one platform', { ...W45, platform: 'mastodon' }, 1],
      ['one province', { ...W45, province: 'Overijssel' }, 5],
      ['one kind', { kind: 'report' }, 0],
      ['the newest 3', { limit: 3 }, 3],
    ])('%s: %j gives %i requests', async (_name, filters, n) => {
      expect(await requestsForReport(store.db, filters, now)).toHaveLength(n);
    });

    it('returns oldest first, also when limited to the newest', async () => {
      const all = await requestsForReport(store.db, {}, now);
      const times = all.map((r) => r.created_at);
      expect(times).toEqual([...times].sort());
      const newest = await requestsForReport(store.db, { limit: 2 }, now);
      expect(newest.map((r) => r.created_at)).toEqual(times.slice(-2));
    });

    it('joins the organisation and the link of the post', async () => {
      const [r] = await requestsForReport(store.db, { ...W45, org: 'utrecht', platform: 'x', limit: 1 }, now);
      expect(r).toMatchObject({ org_id: 'utrecht', name: 'Utrecht', province: 'Utrecht', kind: 'question' });
      expect(r!.url).toMatch(/^https:\/\/x\.com\/i\/status\//);
    });

    it.each<[Outcome[], number]>([
      [['pending'], 2], // only the W50 ones: still inside their window
      [['unanswered'], 4], // stored as unanswered or pending past the window
      [['answered', 'redirected'], 12],
    ])('outcome %j as decided when read (loadRequests): %i', async (outcome, n) => {
      const rows = await loadRequests(store.db, t.ctx.settings, { outcome }, now);
      expect(rows).toHaveLength(n);
    });

    it('leaves out requests created after the instant, and responses that came after it', async () => {
      expect(await requestsForReport(store.db, {}, windowStart)).toHaveLength(17);
      const early = await loadRequests(store.db, t.ctx.settings, W45, new Date('2026-11-04T08:00:00Z'));
      expect(
        early.every((r) => r.responseAt === null || Date.parse(r.responseAt) <= Date.parse('2026-11-04T08:00:00Z')),
      ).toBe(true);
    });
  });

  describe('bios', () => {
    it('latestBios: the newest version of each account, with the text it replaced', async () => {
      const bios = await latestBios(store.db);
      expect(bios.map((b) => [b.orgId, b.previousText])).toEqual([
        ['utrecht', 'Nieuws van de gemeente Utrecht.'],
        ['zwolle', null],
        ['ede', null],
      ]);
      expect(bios[1]!.fields).toMatchObject({ deflects: true, channels: ['email'] });
    });

    it('bioHistory: every version of one organisation, oldest first', async () => {
      const versions = await bioHistory(store.db, 'utrecht');
      expect(versions.map((v) => [v.platform, v.fetchedAt])).toEqual([
        ['x', '2026-10-01T06:30:00.000Z'],
        ['x', '2026-11-05T06:30:00.000Z'],
      ]);
      expect(await bioHistory(store.db, 'texel')).toEqual([]);
    });
  });
});
