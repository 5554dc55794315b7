import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { XClient } from '../../src/platforms/x/client.js';
import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';
import { pollOnce } from '../../src/poller/poll.js';
import { XWorld, rateLimited } from '../helpers/x-sim.js';
import { testContext } from '../helpers/context.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const START = '2026-11-02T12:00:00.000Z';
const HOUR = 3_600_000;

function configFor(handles: string[], extra = ''): string {
  const orgs = handles.map((h, i) => `  - { id: org-${i}, name: Org ${i}, accounts: { x: ${h} } }`).join('\n');
  return `registry: []\norganisations:\n${orgs}\n${extra}`;
}

async function setup(handles: string[], extra = '') {
  const world = new XWorld();
  for (const h of handles) world.user(h, 'Officieel account. Webcare ma-vr 9-17 uur.');
  server.use(...world.handlers());
  const t = testContext(configFor(handles, extra), START, { X_BEARER_TOKEN: 'test-bearer' });
  const store = await t.ctx.store();
  return { world, ...t, store };
}

describe('X adapter against msw', () => {
  it('canary: msw sees the requests twitter-api-v2 makes', async () => {
    const world = new XWorld();
    server.use(...world.handlers());
    const res = await new XClient('t').searchRecent({ query: '@gemeenteutrecht -is:retweet' });
    expect(world.calls).toHaveLength(1);
    expect(world.calls[0]!.params.get('query')).toBe('@gemeenteutrecht -is:retweet');
    expect(res.page.meta?.result_count).toBe(0);
  });

  it('finds a question and the reply to it, and stores an answered request', async () => {
    const { world, ctx, store, close } = await setup(['GemeenteA']);
    const q = world.tweet('burger1', '@GemeenteA Wanneer is de milieustraat open?', '2026-11-02T09:00:00.000Z');
    world.tweet('GemeenteA', '@burger1 Zaterdag van 9 tot 16 uur.', '2026-11-02T10:00:00.000Z', { in_reply_to_user_id: world.user('burger1').id, referenced_tweets: [{ type: 'replied_to', id: q.id }], conversation_id: q.id });
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'ok', posts_stored: 2, requests_found: 1 });
    const req = await store.db.selectFrom('requests').selectAll().executeTakeFirstOrThrow();
    expect(req).toMatchObject({ outcome: 'answered', response_at: '2026-11-02T10:00:00.000Z' });
    const bio = await store.db.selectFrom('bios').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(bio.parsed)).toMatchObject({ invitesQuestions: true, hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] });
    await close();
  });

  it('one cycle over 342 accounts takes at most 40 requests when nothing is new', async () => {
    // Handles shaped like real ones: gemeente<Name>, cut to X's 15 characters.
    const handles = [...new Set(readRegistryFile(DEFAULT_REGISTRY).map((o) => `gemeente${o.name.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 15)))];
    expect(handles.length).toBeGreaterThan(330);
    const { world, ctx, store, close } = await setup(handles);
    await pollOnce(ctx, store, { platform: 'x', trigger: 'test' }); // first cycle: also bios (4 lookups)
    world.calls = [];
    ctx.clock.now = () => new Date(Date.parse(START) + 5 * 60_000);
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x!.requests_made).toBe(world.calls.length);
    expect(world.calls.length).toBeLessThanOrEqual(40);
    expect(world.calls.every((c) => (c.params.get('query') ?? '').length <= 512)).toBe(true);
    expect(x!.posts_read).toBe(0);
    await close();
  });

  it('keeps since_id per query across cycles and pages: no post is read twice', async () => {
    const { world, ctx, clock, store, close } = await setup(['GemeenteA']);
    for (let i = 0; i < 150; i++) world.tweet(`b${i}`, `@GemeenteA vraag ${i}: wanneer is het stadskantoor open?`, new Date(Date.parse(START) - (200 - i) * 60_000).toISOString());
    const [first] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(first).toMatchObject({ posts_read: 150, posts_stored: 150 });
    const newest = world.tweets[149]!.id;
    const pages = world.calls.filter((c) => c.path === 'search' && c.params.get('query')!.startsWith('@'));
    expect(pages).toHaveLength(2); // 100 + 50, following next_token
    expect(pages[1]!.params.get('next_token')).toBe('100');

    clock.advance(5 * 60_000);
    world.calls = [];
    world.tweet('late', '@GemeenteA nog een vraag: is de bieb open?', clock.now().toISOString());
    const [second] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(world.calls.find((c) => c.params.get('query')!.startsWith('@'))!.params.get('since_id')).toBe(newest);
    expect(second).toMatchObject({ posts_read: 1, posts_stored: 1 });
    await close();
  });

  it('429: waits until x-rate-limit-reset and keeps what it already had', async () => {
    const { world, ctx, clock, store, close } = await setup(['GemeenteA', 'GemeenteB'], 'platforms:\n  x:\n    query_max_chars: 64\n');
    world.tweet('b1', '@GemeenteA waar kan ik mijn grofvuil kwijt?', '2026-11-02T11:00:00.000Z');
    const reset = Math.floor(Date.parse(START) / 1000) + 900;
    // The first query (GemeenteA) is answered; the second (GemeenteB) is rate limited.
    world.faults = [null, () => rateLimited(reset)];
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'rate-limited', posts_stored: 1 });
    const accounts = await store.db.selectFrom('accounts').select(['retry_at', 'error_count']).execute();
    expect(accounts.every((a) => a.retry_at === new Date(reset * 1000).toISOString() && a.error_count === 0)).toBe(true);
    clock.advance(60_000);
    const [waiting] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(waiting).toMatchObject({ accounts: 0, requests_made: 0 });
    clock.advance(15 * 60_000);
    const [again] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(again).toMatchObject({ status: 'ok', accounts: 2 });
    await close();
  });

  it('500 then success: backs off, then stores everything', async () => {
    const { world, ctx, clock, store, close } = await setup(['GemeenteA']);
    world.tweet('b1', '@GemeenteA is het zwembad open?', '2026-11-02T11:00:00.000Z');
    world.faults.push(() => HttpResponse.json({ title: 'Service Unavailable' }, { status: 503 }));
    const [failed] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(failed).toMatchObject({ status: 'failed', errors: 1, posts_stored: 0 });
    const acc = await store.db.selectFrom('accounts').select(['error_count', 'retry_at', 'last_error']).executeTakeFirstOrThrow();
    expect(acc.error_count).toBe(1);
    expect(acc.last_error).toContain('503');
    expect(Date.parse(acc.retry_at!) - clock.now().getTime()).toBeGreaterThanOrEqual(2 * 60_000);
    clock.advance(HOUR);
    const [ok] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(ok).toMatchObject({ status: 'ok', posts_stored: 1 });
    expect((await store.db.selectFrom('accounts').select('error_count').executeTakeFirstOrThrow()).error_count).toBe(0);
    await close();
  });

  it('HTTP 200 with errors[] keeps the data', async () => {
    const { world, ctx, store, close } = await setup(['GemeenteA']);
    world.faults.push(() =>
      HttpResponse.json({
        data: [{ id: '1900000000000000999', text: '@GemeenteA wanneer wordt het gft opgehaald?', author_id: '77', created_at: '2026-11-02T11:00:00.000Z', conversation_id: '1900000000000000999', entities: { mentions: [{ username: 'GemeenteA' }] } }],
        includes: { users: [{ id: '77', username: 'burger77' }] },
        errors: [{ resource_id: 'gone', resource_type: 'user', title: 'Forbidden', detail: 'User has been suspended: [gone].', type: 'https://api.twitter.com/2/problems/resource-not-found' }],
        meta: { newest_id: '1900000000000000999', oldest_id: '1900000000000000999', result_count: 1 },
      }),
    );
    const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(x).toMatchObject({ status: 'ok', posts_stored: 1, requests_found: 1 });
    await close();
  });

  it('stops reading before the monthly budget is spent, and says so', async () => {
    const { world, ctx, clock, store, close } = await setup(['GemeenteA'], 'platforms:\n  x:\n    monthly_post_budget: 120\n');
    for (let i = 0; i < 300; i++) world.tweet(`b${i}`, `@GemeenteA vraag ${i}?`, new Date(Date.parse(START) - (400 - i) * 60_000).toISOString());
    const [first] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(first!.posts_read).toBe(120); // a page of 100, then a page cut to the 20 reads left
    clock.advance(HOUR);
    world.tweet('x', '@GemeenteA nog een?', clock.now().toISOString());
    const [stopped] = await pollOnce(ctx, store, { platform: 'x', trigger: 'test' });
    expect(stopped).toMatchObject({ status: 'budget', posts_read: 0, requests_made: 0 });
    expect(stopped!.note).toContain('monthly post budget spent (120/120)');
    await close();
  });
});
