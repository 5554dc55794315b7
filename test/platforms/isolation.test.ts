import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pollOnce } from '../../src/poller/poll.js';
import { resetBlueskySessions } from '../../src/platforms/bluesky/client.js';
import { testContext } from '../helpers/context.js';

// #19 item 6: one bad account must not break the others; Bluesky logs in once per daemon, not per cycle.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetBlueskySessions();
});
afterAll(() => server.close());

const START = '2026-11-03T12:00:00.000Z';
const A = 'https://public.api.bsky.app/xrpc';
const THREE =
  'registry: []\norganisations:\n' +
  '  - { id: a, name: A, accounts: { bluesky: een.nl } }\n' +
  '  - { id: b, name: B, accounts: { bluesky: weg.nl } }\n' +
  '  - { id: c, name: C, accounts: { bluesky: drie.nl } }\n';

const feedOrGone = ({ request }: { request: Request }) =>
  new URL(request.url).searchParams.get('actor') === 'weg.nl'
    ? HttpResponse.json({ error: 'InvalidRequest', message: 'Profile not found' }, { status: 400 })
    : HttpResponse.json({ feed: [] });
const profileOrGone = ({ request }: { request: Request }) => {
  const actor = new URL(request.url).searchParams.get('actor')!;
  return actor === 'weg.nl'
    ? HttpResponse.json({ error: 'InvalidRequest', message: 'Profile not found' }, { status: 400 })
    : HttpResponse.json({ did: `did:plc:${actor.replace('.', '')}`, handle: actor, description: '' });
};

describe('fault isolation per account', () => {
  it('a Bluesky handle that is gone marks only that account; the other two are polled', async () => {
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, feedOrGone),
      http.get(`${A}/app.bsky.actor.getProfile`, profileOrGone),
    );
    const t = testContext(THREE, START);
    const store = await t.ctx.store();
    const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
    expect(b).toMatchObject({ accounts: 3, errors: 1, failedAccounts: 1 });
    const rows = await store.db
      .selectFrom('accounts')
      .select(['handle', 'error_count', 'last_error'])
      .orderBy('handle')
      .execute();
    expect(rows.map((r) => [r.handle, r.error_count])).toEqual([
      ['drie.nl', 0],
      ['een.nl', 0],
      ['weg.nl', 1],
    ]);
    expect(rows.find((r) => r.handle === 'weg.nl')!.last_error).toMatch(/Profile not found/);
    await t.close();
  });

  it('three accounts failing with server errors in a row back off the whole platform', async () => {
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, () => HttpResponse.json({ error: 'x' }, { status: 502 })),
      http.get(`${A}/app.bsky.actor.getProfile`, profileOrGone),
    );
    const t = testContext(THREE, START);
    const store = await t.ctx.store();
    const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
    expect(b!.status).toBe('failed');
    const rows = await store.db.selectFrom('accounts').select(['error_count']).execute();
    expect(rows.every((r) => r.error_count >= 1)).toBe(true);
    await t.close();
  });

  it('Bluesky with an app password logs in once across poll cycles, not once per cycle', async () => {
    let logins = 0;
    let searches = 0;
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, () => HttpResponse.json({ feed: [] })),
      http.get(`${A}/app.bsky.actor.getProfile`, profileOrGone),
      http.post('https://bsky.social/xrpc/com.atproto.server.createSession', () => {
        logins++;
        return HttpResponse.json({ accessJwt: 'jwt', refreshJwt: 'r', did: 'did:plc:me', handle: 'me.bsky.social' });
      }),
      http.get('https://bsky.social/xrpc/app.bsky.feed.searchPosts', () => {
        searches++;
        return HttpResponse.json({ posts: [] });
      }),
    );
    const t = testContext(
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { bluesky: een.nl } }\n',
      START,
      {
        BLUESKY_IDENTIFIER: 'me.bsky.social',
        BLUESKY_APP_PASSWORD: 'app-pw',
      },
    );
    const store = await t.ctx.store();
    for (let i = 0; i < 5; i++) {
      const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
      expect(b!.status).toBe('ok');
      t.clock.advance(5 * 60_000);
    }
    expect(searches).toBe(5);
    expect(logins).toBe(1);
    await t.close();
  });

  it('a 401 whose body echoes the token is redacted in the result, the log and the database', async () => {
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, () =>
        HttpResponse.json(
          { error: 'AuthRequired', message: 'Bad token Bearer eyJhbGciOi.secretpart.sig' },
          { status: 401 },
        ),
      ),
      http.get(`${A}/app.bsky.actor.getProfile`, profileOrGone),
    );
    const t = testContext(
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { bluesky: een.nl } }\n',
      START,
    );
    const store = await t.ctx.store();
    const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
    expect(b!.status).toBe('failed');
    expect(b!.lastError).not.toContain('secretpart');
    const acc = await store.db.selectFrom('accounts').select('last_error').executeTakeFirstOrThrow();
    expect(acc.last_error).not.toContain('secretpart');
    await t.close();
  });
});
