import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingest } from '../../../src/poller/pipeline.js';
import { keepSettledWeeks } from '../../../src/poller/request-weeks.js';
import { pipelineDeps } from '../../../src/poller/setup.js';
import { keptWeekSets } from '../../../src/storage/request-weeks.js';
import { testContext } from '../../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek, thread } from '../../helpers/fixture-week.js';
import { both } from '../../helpers/requests.js';

// An import of old posts through the real pipeline (saveRequests inserts the request; no trigger
// does it for inserts): the kept week that holds it must count again at once.
const now = new Date('2026-12-15T12:00:00.000Z');
const t = testContext(FIXTURE_CONFIG, now.toISOString());
beforeAll(async () => seedFixtureWeek(t.ctx, await t.ctx.store()));
afterAll(() => t.close());

it('a question imported into a kept week drops the week, and every figure counts it at once', async () => {
  const store = await t.ctx.store();
  expect(keepSettledWeeks(store.db, now, 30, 'Europe/Amsterdam').kept).toBeGreaterThanOrEqual(2);
  const w45 = Date.parse('2026-11-01T23:00:00.000Z'); // Monday 2 November, 00:00 in Amsterdam
  const starts = () => keptWeekSets(store.db).map((w) => w.startMs);
  expect(starts()).toContain(w45);
  const utrecht = async () => {
    const r = await both(store, t.ctx.settings, 'org', now);
    expect(r.taken).toEqual(['counted']);
    expect(r.counted).toEqual(r.reference);
    return r.counted.find((g) => g.key === 'utrecht')!;
  };
  const before = await utrecht();
  await ingest(await pipelineDeps(t.ctx, store), {
    posts: thread('x', 'gemeenteutrecht', '100', '2026-11-05T09:00:00.000Z', { after: 3, text: 'Op dinsdag.' }),
    provenance: { source: 'fixture', fetchedAt: now.toISOString(), adapterVersion: 'fixture-1' },
  });
  expect(starts()).not.toContain(w45);
  const after = await utrecht();
  expect(after.requests).toBe(before.requests + 1);
  expect(after.answered).toBe(before.answered + 1);
  expect(keepSettledWeeks(store.db, now, 30, 'Europe/Amsterdam').kept).toBe(1);
  expect(await utrecht()).toEqual(after);
});

it('a question answered long ago imported into a recent week drops that week part (migration 0011)', async () => {
  const store = await t.ctx.store();
  const deps = await pipelineDeps(t.ctx, store);
  const provenance = { source: 'fixture', fetchedAt: now.toISOString(), adapterVersion: 'fixture-1' };
  // The week of 30 November holds a question answered at once: settled, so a part keeps it.
  await ingest(deps, {
    posts: thread('x', 'gemeenteutrecht', '100', '2026-11-30T09:00:00.000Z', { after: 1, text: 'Op woensdag.' }),
    provenance,
  });
  const r = keepSettledWeeks(store.db, now, 30, 'Europe/Amsterdam');
  expect(r.parts).toBeGreaterThanOrEqual(1);
  const w49 = Date.parse('2026-11-29T23:00:00.000Z'); // Monday 30 November, 00:00 in Amsterdam
  const part = () => keptWeekSets(store.db).find((w) => w.startMs === w49 && w.cutMs !== null);
  expect(part()).toBeDefined();
  const before = (await both(store, t.ctx.settings, 'org', now)).counted.find((g) => g.key === 'utrecht')!;
  // Answered after three hours, two weeks ago: settled, so the part would hold it.
  await ingest(deps, {
    posts: thread('x', 'gemeenteutrecht', '100', '2026-12-01T09:00:00.000Z', { after: 3, text: 'Op dinsdag.' }),
    provenance,
  });
  expect(part()).toBeUndefined();
  const after = await both(store, t.ctx.settings, 'org', now);
  expect(after.counted).toEqual(after.reference);
  const utrecht = after.counted.find((g) => g.key === 'utrecht')!;
  expect(utrecht.requests).toBe(before.requests + 1);
  expect(keepSettledWeeks(store.db, now, 30, 'Europe/Amsterdam').parts).toBe(r.parts);
  expect(part()).toBeDefined();
  expect((await both(store, t.ctx.settings, 'org', now)).counted).toEqual(after.counted);
});
