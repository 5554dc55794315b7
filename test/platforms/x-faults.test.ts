import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { XClient } from '../../src/platforms/x/client.js';
import { xAdapter } from '../../src/platforms/x/adapter.js';
import { adapters } from '../../src/platforms/registry.js';
import { pollOnce } from '../../src/poller/poll.js';
import { rateHeaders, tooManyRequests } from '../../src/sim/servers/x.js';
import { SEARCH, serveX, XWorldBuilder } from '../helpers/x-world.js';
import { testContext } from '../helpers/context.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
});
afterAll(() => server.close());

const START = '2026-11-02T12:00:00.000Z';
// The faults, each answering one search request in place of the simulator.
const usageCapped = () => tooManyRequests(rateHeaders(450, 0, Date.parse(START) + 3_600_000));
const serverError = () => HttpResponse.json({ title: 'Internal Error' }, { status: 500 });
const malformed = () => new HttpResponse('{"data": [', { headers: { 'content-type': 'application/json' } });
const badGateway = () =>
  new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
const timeout = async () => {
  await delay(1_000);
  return HttpResponse.json({});
};
// A reset time in the year 2286.
const farReset = () => tooManyRequests(rateHeaders(450, 0, 9_999_999_999_000));

describe('X faults become schedule state, and nothing stored is lost', () => {
  it.each([
    ['429 usage cap', usageCapped, 'rate-limited', 0],
    ['500 storm', serverError, 'failed', 1],
    ['malformed JSON', malformed, 'failed', 1],
    ['HTML error page', badGateway, 'failed', 1],
    ['timeout', timeout, 'failed', 1],
    ['429 with x-rate-limit-reset 9999999999 (retry capped at 24 h)', farReset, 'rate-limited', 0],
  ] as const)('%s', async (_name, fault, status, errorCount) => {
    const w = new XWorldBuilder();
    w.account('GemeenteA');
    const before = w.tweet('b1', '@GemeenteA wanneer is de markt?', '2026-11-02T10:00:00.000Z');
    // Posted ten minutes into the test: the simulator shows it from the second poll on.
    w.tweet('b2', '@GemeenteA is de bieb open?', new Date(Date.parse(START) + 10 * 60_000).toISOString());
    const yaml = 'registry: []\norganisations:\n  - { id: a, name: A, accounts: { x: GemeenteA } }\n';
    const t = testContext(yaml, START, { X_BEARER_TOKEN: 't' });
    serveX(server, w.world(), t.ctx.clock);
    const store = await t.ctx.store();
    const registry = adapters({ x: xAdapter((token) => new XClient(token, { timeoutMs: 300 })) });
    const [ok] = await pollOnce(t.ctx, store, { platform: 'x', trigger: 'test', adapters: registry });
    expect(ok).toMatchObject({ status: 'ok', postsStored: 1 });

    t.clock.advance(10 * 60_000);
    server.use(http.get(SEARCH, fault, { once: true }));
    const [bad] = await pollOnce(t.ctx, store, { platform: 'x', trigger: 'test', adapters: registry });
    expect(bad!.status).toBe(status);
    const acc = await store.db
      .selectFrom('accounts')
      .select(['error_count', 'retry_at', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(acc).toMatchObject({ error_count: errorCount });
    expect(Date.parse(acc.retry_at!)).toBeGreaterThan(t.clock.now().getTime());
    expect(Date.parse(acc.retry_at!)).toBeLessThanOrEqual(t.clock.now().getTime() + 24 * 3_600_000);
    expect(acc.last_error).toBeTruthy();
    // What was stored before the fault is still there, and the cursor still points after it.
    expect(await store.db.selectFrom('posts').select('id').execute()).toHaveLength(1);
    const cursor = await store.db
      .selectFrom('cursors')
      .select('value')
      .where('stream', '=', 'inbound')
      .executeTakeFirstOrThrow();
    expect(cursor.value).toBe(before.id);

    t.clock.advance(25 * 3_600_000);
    const [recovered] = await pollOnce(t.ctx, store, { platform: 'x', trigger: 'test', adapters: registry });
    expect(recovered).toMatchObject({ status: 'ok', postsStored: 1 });
    await t.close();
  });
});
