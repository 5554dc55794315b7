import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pollOnce } from '../../src/poller/poll.js';
import { testContext } from '../helpers/context.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fixture = (f: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/mastodon/${f}`, import.meta.url)), 'utf8'));
const START = '2026-11-03T12:00:00.000Z';
const M = 'https://social.overheid.nl';

describe('Mastodon adapter (msw)', () => {
  const [question, answer] = fixture('thread-redirected.json');
  const account = fixture('account.json');
  // The gemeente's own post that the citizen replies under (observer mode reads its context).
  const orgPost = {
    ...answer,
    id: '113500000000000000',
    uri: `${M}/users/gemeentevoorbeeld/statuses/113500000000000000`,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    created_at: '2026-11-03T07:00:00.000Z',
    content: '<p>Vanaf maandag wordt het oud papier op een nieuwe dag opgehaald.</p>',
    replies_count: 2,
    mentions: [],
  };
  const reply = { ...question, in_reply_to_id: orgPost.id, in_reply_to_account_id: account.id };
  const orgAnswer = { ...answer, in_reply_to_id: reply.id };

  function handlers(calls: string[], over: Partial<Record<'context', () => Response>> = {}) {
    return [
      http.get(`${M}/api/v1/accounts/lookup`, ({ request }) => (calls.push(request.url), HttpResponse.json(account))),
      http.get(
        `${M}/api/v1/accounts/:id/statuses`,
        ({ request }) => (calls.push(request.url), HttpResponse.json([orgAnswer, orgPost])),
      ),
      http.get(
        `${M}/api/v1/statuses/:id/context`,
        ({ request }) => (
          calls.push(request.url),
          over.context ? over.context() : HttpResponse.json({ ancestors: [], descendants: [reply, orgAnswer] })
        ),
      ),
      http.get(
        `${M}/api/v1/accounts/verify_credentials`,
        ({ request }) => (calls.push(request.url), HttpResponse.json(account)),
      ),
      http.get(
        `${M}/api/v1/notifications`,
        ({ request }) => (
          calls.push(request.url),
          HttpResponse.json([{ id: '900', type: 'mention', created_at: question.created_at, status: question }])
        ),
      ),
    ];
  }
  const config =
    'registry: []\norganisations:\n  - { id: voorbeeld, name: Voorbeeld, accounts: { mastodon: gemeentevoorbeeld } }\n';

  it('observer mode: statuses, the context of a post with new replies, the bio; "mail ons" is a redirect', async () => {
    const calls: string[] = [];
    server.use(...handlers(calls));
    const t = testContext(config, START);
    const store = await t.ctx.store();
    const [, , masto] = await pollOnce(t.ctx, store, { trigger: 'test' });
    expect(masto).toMatchObject({ platform: 'mastodon', status: 'ok', postsStored: 3, requestsFound: 1 });
    expect(await store.db.selectFrom('requests').select(['outcome']).execute()).toEqual([{ outcome: 'redirected' }]);
    const bio = await store.db.selectFrom('bios').select(['text', 'parsed']).executeTakeFirstOrThrow();
    expect(bio.text).toContain('Vragen? Mail ons op info@voorbeeld.nl');
    expect(JSON.parse(bio.parsed)).toMatchObject({ deflects: true, channels: ['email'] });
    expect(calls.some((c) => c.includes('/notifications'))).toBe(false);

    // Next cycle: reply counts unchanged, so no context is fetched again.
    calls.length = 0;
    t.clock.advance(5 * 60_000);
    await pollOnce(t.ctx, store, { trigger: 'test', platform: 'mastodon' });
    expect(calls.filter((c) => c.includes('/context'))).toEqual([]);
    await t.close();
  });

  it('own-account mode: mentions from notifications with the token', async () => {
    const calls: string[] = [];
    server.use(...handlers(calls));
    const t = testContext(config, START, { MASTODON_ACCESS_TOKEN: 'tok' });
    const store = await t.ctx.store();
    await pollOnce(t.ctx, store, { trigger: 'test', platform: 'mastodon' });
    expect(calls.some((c) => c.includes('/notifications?types%5B%5D=mention'))).toBe(true);
    const cursor = await store.db
      .selectFrom('cursors')
      .select('value')
      .where('stream', '=', 'mentions')
      .executeTakeFirstOrThrow();
    expect(cursor.value).toBe('900');
    await t.close();
  });

  it('429: X-RateLimit-Reset is an ISO timestamp', async () => {
    const calls: string[] = [];
    server.use(
      ...handlers(calls, {
        context: () =>
          HttpResponse.json(
            { error: 'Too many requests' },
            { status: 429, headers: { 'X-RateLimit-Reset': '2026-11-03T12:05:00.000Z' } },
          ),
      }),
    );
    const t = testContext(config, START);
    const store = await t.ctx.store();
    const [m] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'mastodon' });
    expect(m).toMatchObject({ status: 'rate-limited' });
    expect((await store.db.selectFrom('accounts').select('retry_at').executeTakeFirstOrThrow()).retry_at).toBe(
      '2026-11-03T12:05:00.000Z',
    );
    await t.close();
  });
});

describe('Bluesky adapter (msw)', () => {
  const A = 'https://public.api.bsky.app/xrpc';
  const org = { did: 'did:plc:gemeentevoorbeeld00000000', handle: 'voorbeeld.nl' };
  const cit = { did: 'did:plc:anna000000000000000000000', handle: 'anna.bsky.social' };
  const root = {
    uri: `at://${org.did}/app.bsky.feed.post/3k1`,
    cid: 'c1',
    author: org,
    record: { text: 'Maandag start de aanleg van het nieuwe fietspad.', createdAt: '2026-11-03T07:00:00.000Z' },
    replyCount: 1,
    indexedAt: '2026-11-03T07:00:01.000Z',
  };
  const q = {
    uri: `at://${cit.did}/app.bsky.feed.post/3k2`,
    cid: 'c2',
    author: cit,
    record: {
      text: 'Hoe lang gaat dat duren? En kan ik er langs met de fiets?',
      createdAt: '2026-11-03T08:00:00.000Z',
      reply: { root: { uri: root.uri }, parent: { uri: root.uri } },
    },
  };
  const a = {
    uri: `at://${org.did}/app.bsky.feed.post/3k3`,
    cid: 'c3',
    author: org,
    record: {
      text: 'Ongeveer zes weken. Fietsers worden omgeleid via de Parkweg.',
      createdAt: '2026-11-03T09:30:00.000Z',
      reply: { root: { uri: root.uri }, parent: { uri: q.uri } },
    },
  };

  it('observer mode on the public AppView: feed, thread (with a blocked post), profile', async () => {
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, () => HttpResponse.json({ feed: [{ post: a }, { post: root }] })),
      http.get(`${A}/app.bsky.feed.getPostThread`, () =>
        HttpResponse.json({
          thread: {
            $type: 'app.bsky.feed.defs#threadViewPost',
            post: root,
            replies: [
              {
                $type: 'app.bsky.feed.defs#threadViewPost',
                post: q,
                replies: [{ $type: 'app.bsky.feed.defs#threadViewPost', post: a, replies: [] }],
              },
              {
                $type: 'app.bsky.feed.defs#blockedPost',
                uri: `at://did:plc:x/app.bsky.feed.post/3zz`,
                blocked: true,
                author: { did: 'did:plc:x' },
              },
            ],
          },
        }),
      ),
      http.get(`${A}/app.bsky.actor.getProfile`, () =>
        HttpResponse.json({
          did: org.did,
          handle: org.handle,
          description: 'Gemeente Voorbeeld. Webcare ma-vr 9-17 uur.',
        }),
      ),
    );
    const t = testContext(
      'registry: []\norganisations:\n  - { id: voorbeeld, name: Voorbeeld, accounts: { bluesky: voorbeeld.nl } }\n',
      START,
    );
    const store = await t.ctx.store();
    const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
    expect(b).toMatchObject({ status: 'ok', postsStored: 3, requestsFound: 1, requestsMade: 3 });
    const r = await store.db
      .selectFrom('requests')
      .select(['outcome', 'created_at', 'response_at'])
      .executeTakeFirstOrThrow();
    expect(r).toEqual({
      outcome: 'answered',
      created_at: '2026-11-03T08:00:00.000Z',
      response_at: '2026-11-03T09:30:00.000Z',
    });
    await t.close();
  });

  it('with an app password: one login, then searchPosts for mentions', async () => {
    let logins = 0;
    let searched = '';
    server.use(
      http.get(`${A}/app.bsky.feed.getAuthorFeed`, () => HttpResponse.json({ feed: [] })),
      http.get(`${A}/app.bsky.actor.getProfile`, () =>
        HttpResponse.json({ did: org.did, handle: org.handle, description: '' }),
      ),
      http.post(
        'https://bsky.social/xrpc/com.atproto.server.createSession',
        () => (
          logins++,
          HttpResponse.json({ accessJwt: 'jwt', refreshJwt: 'r', did: 'did:plc:me', handle: 'me.bsky.social' })
        ),
      ),
      http.get('https://bsky.social/xrpc/app.bsky.feed.searchPosts', ({ request }) => {
        searched = `${new URL(request.url).searchParams.get('mentions')} ${request.headers.get('authorization')}`;
        return HttpResponse.json({
          posts: [
            {
              ...q,
              record: { text: '@voorbeeld.nl waar kan ik mijn grofvuil kwijt?', createdAt: '2026-11-03T10:00:00.000Z' },
            },
          ],
        });
      }),
    );
    const t = testContext(
      'registry: []\norganisations:\n  - { id: a, name: A, accounts: { bluesky: voorbeeld.nl } }\n  - { id: b, name: B, accounts: { bluesky: ander.nl } }\n',
      START,
      { BLUESKY_IDENTIFIER: 'me.bsky.social', BLUESKY_APP_PASSWORD: 'app-pw' },
    );
    const store = await t.ctx.store();
    const [b] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'bluesky' });
    expect(b!.status).toBe('ok');
    expect(logins).toBe(1); // one session for both accounts
    expect(searched).toBe('ander.nl Bearer jwt');
    expect(await store.db.selectFrom('requests').select('org_id').execute()).toEqual([{ org_id: 'a' }]);
    await t.close();
  });
});

describe('Facebook adapter (msw)', () => {
  const G = 'https://graph.facebook.com/v21.0';
  const config =
    'registry: []\norganisations:\n  - { id: voorbeeld, name: Voorbeeld, accounts: { facebook: gemeentevoorbeeld } }\n';

  it("page feed and comments (filter=stream); the page's replies recognised by from.id; commenters may be missing", async () => {
    let commentQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${G}/gemeentevoorbeeld`, () =>
        HttpResponse.json({
          id: '555',
          username: 'gemeentevoorbeeld',
          about: 'Vragen? Bel 14 0123 of kijk op voorbeeld.nl',
        }),
      ),
      http.get(`${G}/gemeentevoorbeeld/feed`, () =>
        HttpResponse.json({
          data: [
            {
              id: '555_1',
              message: 'Het gemeentehuis is maandag gesloten.',
              created_time: '2026-11-03T07:00:00+0000',
              from: { id: '555', name: 'Gemeente Voorbeeld' },
              comments: { summary: { total_count: 3 } },
            },
          ],
          paging: {},
        }),
      ),
      http.get(`${G}/555_1/comments`, ({ request }) => {
        commentQuery = new URL(request.url).searchParams;
        return HttpResponse.json({
          data: [
            {
              id: '1_11',
              message: 'Is het stadskantoor dinsdag wel open?',
              created_time: '2026-11-03T08:00:00+0000',
              from: { id: '777', name: 'Anna' },
            },
            {
              id: '1_12',
              message: 'Ja, dinsdag zijn we gewoon open van 9 tot 17 uur.',
              created_time: '2026-11-03T09:00:00+0000',
              from: { id: '555', name: 'Gemeente Voorbeeld' },
              parent: { id: '1_11' },
            },
            {
              message: 'Wanneer wordt het grofvuil opgehaald?',
              created_time: '2026-11-03T10:00:00+0000',
              permalink_url: 'https://www.facebook.com/555/posts/1/?comment_id=13',
            },
          ],
          paging: { cursors: { before: 'b', after: 'a' } },
        });
      }),
    );
    const t = testContext(config, START, { FACEBOOK_ACCESS_TOKEN: 'page-token' });
    const store = await t.ctx.store();
    const [f] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'facebook' });
    expect(f).toMatchObject({ status: 'ok', postsStored: 4, requestsFound: 2 });
    expect(commentQuery?.get('filter')).toBe('stream');
    expect(commentQuery?.get('order')).toBe('chronological');
    const reqs = await store.db.selectFrom('requests').select(['post_id', 'outcome']).orderBy('post_id').execute();
    expect(reqs).toEqual([
      { post_id: '1_11', outcome: 'answered' },
      { post_id: '1_13', outcome: 'pending' },
    ]);
    await t.close();
  });

  it('throttling (error code 32) becomes retry_at from X-Business-Use-Case-Usage', async () => {
    server.use(
      http.get(`${G}/gemeentevoorbeeld`, () => HttpResponse.json({ id: '555', about: '' })),
      http.get(`${G}/gemeentevoorbeeld/feed`, () =>
        HttpResponse.json(
          { error: { message: 'Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'x' } },
          {
            status: 400,
            headers: {
              'X-Business-Use-Case-Usage': JSON.stringify({
                '555': [
                  {
                    type: 'pages',
                    call_count: 100,
                    total_cputime: 10,
                    total_time: 10,
                    estimated_time_to_regain_access: 15,
                  },
                ],
              }),
            },
          },
        ),
      ),
    );
    const t = testContext(config, START, { FACEBOOK_ACCESS_TOKEN: 'page-token' });
    const store = await t.ctx.store();
    const [f] = await pollOnce(t.ctx, store, { trigger: 'test', platform: 'facebook' });
    expect(f).toMatchObject({ status: 'rate-limited' });
    const retry = Date.parse(
      (await store.db.selectFrom('accounts').select('retry_at').executeTakeFirstOrThrow()).retry_at!,
    );
    // "estimated_time_to_regain_access: 15" minutes, on the poller's clock.
    expect(retry - Date.parse(START)).toBe(15 * 60_000);
    await t.close();
  });

  it('without a token Facebook is skipped with a note', async () => {
    const t = testContext(config, START);
    const [f] = await pollOnce(t.ctx, await t.ctx.store(), { trigger: 'test', platform: 'facebook' });
    expect(f).toMatchObject({ status: 'skipped', note: 'no access token (set FACEBOOK_ACCESS_TOKEN)' });
    await t.close();
  });
});
