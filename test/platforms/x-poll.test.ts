import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { XClient } from '../../src/platforms/x/client.js';
import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';
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
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.parse(START) + offsetMs).toISOString();
const isInbound = (c: URL) => c.href.startsWith(SEARCH) && c.searchParams.get('query')!.startsWith('@');

/** A builder with one monitored account per handle, each with a bio that states office hours. */
function worldOf(handles: string[]): XWorldBuilder {
  const w = new XWorldBuilder();
  for (const h of handles) w.account(h, 'Officieel account. Webcare ma-vr 9-17 uur.');
  return w;
}

/** Serves the built world on the test's clock, with a config of one organisation per account. */
async function setup(w: XWorldBuilder, extra = '') {
  const orgs = w.accounts.map((a, i) => `  - { id: ${a.orgId}, name: Org ${i}, accounts: { x: ${a.handle} } }`);
  const yaml = `registry: []\norganisations:\n${orgs.join('\n')}\n${extra}`;
  const t = testContext(yaml, START, { X_BEARER_TOKEN: 'test-bearer' });
  const sim = serveX(server, w.world(), t.ctx.clock);
  const store = await t.ctx.store();
  return { ...sim, ...t, store };
}

describe('X adapter against msw', () => {
  it('canary: msw sees the requests twitter-api-v2 makes', async () => {
    const { calls } = serveX(server, new XWorldBuilder().world(), { now: () => new Date(START) });
    const res = await new XClient('t').searchRecent({ query: '@gemeenteutrecht -is:retweet' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.searchParams.get('query')).toBe('@gemeenteutrecht -is:retweet');
    expect(res.page.meta?.result_count).toBe(0);
  });

  it('finds a question and the reply to it, and stores an answered request', async () => {
    const w = worldOf(['GemeenteA']);
    const q = w.tweet('burger1', '@GemeenteA Wanneer is de milieustraat open?', '2026-11-02T09:00:00.000Z');
    w.tweet('GemeenteA', '@burger1 Zaterdag van 9 tot 16 uur.', '2026-11-02T10:00:00.000Z', { replyTo: q });
    const { ctx, store, close } = await setup(w);
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'ok', postsStored: 2, requestsFound: 1 });
    const req = await store.db.selectFrom('requests').selectAll().executeTakeFirstOrThrow();
    expect(req).toMatchObject({ outcome: 'answered', response_at: '2026-11-02T10:00:00.000Z' });
    const bio = await store.db.selectFrom('bios').selectAll().executeTakeFirstOrThrow();
    const hours = [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }];
    expect(JSON.parse(bio.parsed)).toMatchObject({ invitesQuestions: true, hours });
    await close();
  });

  it('one cycle over 342 accounts takes at most 40 requests when nothing is new', async () => {
    // Handles shaped like real ones: gemeente<Name>, cut to X's 15 characters.
    const registry = readRegistryFile(DEFAULT_REGISTRY);
    const handles = [...new Set(registry.map((o) => `gemeente${o.name.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 15)))];
    expect(handles.length).toBeGreaterThan(330);
    const { calls, ctx, store, close } = await setup(worldOf(handles));
    await pollOnce(ctx, store, { platform: 'x', trigger: 'test' }); // first cycle: also bios (4 lookups)
    calls.length = 0;
    ctx.clock.now = () => new Date(Date.parse(START) + 5 * 60_000);
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x!.requestsMade).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(40);
    expect(calls.every((c) => (c.searchParams.get('query') ?? '').length <= 512)).toBe(true);
    expect(x!.postsRead).toBe(0);
    await close();
  });

  it('keeps since_id per query across cycles and pages: no post is read twice', async () => {
    const w = worldOf(['GemeenteA']);
    const early = Array.from({ length: 150 }, (_, i) =>
      w.tweet(`b${i}`, `@GemeenteA vraag ${i}: wanneer is het stadskantoor open?`, at(-(200 - i) * 60_000)),
    );
    w.tweet('late', '@GemeenteA nog een vraag: is de bieb open?', at(5 * 60_000)); // visible from the second cycle
    const { calls, ctx, clock, store, close } = await setup(w);
    const [first] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(first).toMatchObject({ postsRead: 150, postsStored: 150 });
    const newest = early[149]!.id;
    const pages = calls.filter(isInbound);
    expect(pages).toHaveLength(2); // 100 + 50, following next_token
    expect(pages[1]!.searchParams.get('next_token')).toBe('100');

    clock.advance(5 * 60_000);
    calls.length = 0;
    const [second] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(calls.find(isInbound)!.searchParams.get('since_id')).toBe(newest);
    expect(second).toMatchObject({ postsRead: 1, postsStored: 1 });
    await close();
  });

  it('429: waits until x-rate-limit-reset and keeps what it already had', async () => {
    const w = worldOf(['GemeenteA', 'GemeenteB']);
    w.tweet('b1', '@GemeenteA waar kan ik mijn grofvuil kwijt?', '2026-11-02T11:00:00.000Z');
    const { ctx, clock, store, close } = await setup(w, 'platforms:\n  x:\n    query_max_chars: 64\n');
    const reset = Math.floor(Date.parse(START) / 1000) + 900;
    const refused = () => tooManyRequests(rateHeaders(450, 0, reset * 1000));
    // The first query (mentions) reaches the simulator and is answered; the second (replies) is rate
    // limited. A resolver that returns nothing lets msw pass the request on to the simulator.
    let searches = 0;
    server.use(http.get(SEARCH, () => (++searches === 2 ? refused() : undefined)));
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'rate-limited', postsStored: 1 });
    const accounts = await store.db.selectFrom('accounts').select(['retry_at', 'error_count']).execute();
    const resetAt = new Date(reset * 1000).toISOString();
    expect(accounts.every((a) => a.retry_at === resetAt && a.error_count === 0)).toBe(true);
    clock.advance(60_000);
    const [waiting] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(waiting).toMatchObject({ accounts: 0, requestsMade: 0 });
    clock.advance(15 * 60_000);
    const [again] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(again).toMatchObject({ status: 'ok', accounts: 2 });
    await close();
  });

  it('500 then success: backs off, then stores everything', async () => {
    const w = worldOf(['GemeenteA']);
    w.tweet('b1', '@GemeenteA is het zwembad open?', '2026-11-02T11:00:00.000Z');
    const { ctx, clock, store, close } = await setup(w);
    const unavailable = () => HttpResponse.json({ title: 'Service Unavailable' }, { status: 503 });
    server.use(http.get(SEARCH, unavailable, { once: true }));
    const [failed] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(failed).toMatchObject({ status: 'failed', errors: 1, postsStored: 0 });
    const acc = await store.db
      .selectFrom('accounts')
      .select(['error_count', 'retry_at', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(acc.error_count).toBe(1);
    expect(acc.last_error).toContain('503');
    expect(Date.parse(acc.retry_at!) - clock.now().getTime()).toBeGreaterThanOrEqual(2 * 60_000);
    clock.advance(HOUR);
    const [ok] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(ok).toMatchObject({ status: 'ok', postsStored: 1 });
    expect((await store.db.selectFrom('accounts').select('error_count').executeTakeFirstOrThrow()).error_count).toBe(0);
    await close();
  });

  it('HTTP 200 with errors[] keeps the data', async () => {
    const { ctx, store, close } = await setup(worldOf(['GemeenteA']));
    const id = '1900000000000000999';
    const partial = {
      data: [
        {
          id,
          text: '@GemeenteA wanneer wordt het gft opgehaald?',
          author_id: '77',
          conversation_id: id,
          created_at: '2026-11-02T11:00:00.000Z',
          entities: { mentions: [{ username: 'GemeenteA' }] },
        },
      ],
      includes: { users: [{ id: '77', username: 'burger77' }] },
      errors: [
        {
          resource_id: 'gone',
          resource_type: 'user',
          title: 'Forbidden',
          detail: 'User has been suspended: [gone].',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
      meta: { newest_id: id, oldest_id: id, result_count: 1 },
    };
    server.use(http.get(SEARCH, () => HttpResponse.json(partial), { once: true }));
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'ok', postsStored: 1, requestsFound: 1 });
    await close();
  });

  it('stops reading before the monthly budget is spent, and says so', async () => {
    const w = worldOf(['GemeenteA']);
    for (let i = 0; i < 300; i++) w.tweet(`b${i}`, `@GemeenteA vraag ${i}?`, at(-(400 - i) * 60_000));
    w.tweet('x', '@GemeenteA nog een?', at(HOUR)); // arrives while the budget is spent
    const { ctx, clock, store, close } = await setup(w, 'platforms:\n  x:\n    monthly_post_budget: 120\n');
    const [first] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(first!.postsRead).toBe(120); // a page of 100, then a page cut to the 20 reads left
    clock.advance(HOUR);
    const [stopped] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(stopped).toMatchObject({ status: 'budget', postsRead: 0, requestsMade: 0 });
    expect(stopped!.note).toContain('monthly post budget spent (120/120)');
    await close();
  });
});
