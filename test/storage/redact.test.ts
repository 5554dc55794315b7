import { afterEach, describe, expect, it } from 'vitest';
import { markFailure } from '../../src/storage/accounts.js';
import type { Store } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { finishRun, startRun } from '../../src/storage/poll-runs.js';
import { redactSecrets } from '../../src/storage/redact.js';
import { migratedStore } from '../helpers/store.js';

// Issue #19 item 2.4: secrets an API echoes in an error body are redacted before they are stored.
const X_TOKEN =
  'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';
const FB_TOKEN = 'EAAGm0PX4ZCpsBAKZC1ZBcXgvZCZCZB7ZAZBxZBZCxZCZB0ZBZCdZBZCJZC0ZD';
const JWT =
  'eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.eyJzY29wZSI6ImNvbS5hdHByb3RvLmFwcFBhc3MifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactSecrets', () => {
  it.each([
    [
      'a 401 that echoes the Authorization header',
      `x: 401 {"detail":"Invalid header: Authorization: Bearer ${X_TOKEN}"}`,
    ],
    [
      'a Mastodon bearer token',
      'mastodon: 401 {"error":"The access token is invalid","token":"Bearer abcDEF123_-xyz"}',
    ],
    [
      'a Graph API error quoting its URL',
      `facebook: 400 https://graph.facebook.com/v19.0/123/feed?fields=message&access_token=${FB_TOKEN}&limit=25`,
    ],
    ['a bare Facebook token', `facebook: 190 Error validating access token ${FB_TOKEN}`],
    ['a JSON access token', `bluesky: 400 {"accessJwt":"${JWT}","refreshJwt":"r-${JWT}"}`],
    ['a JWT anywhere', `bluesky: 401 token ${JWT} expired`],
    [
      'a Bluesky app password',
      'bluesky: 401 createSession failed for {"identifier":"gemeente.bsky.social","password":"abcd-efgh-ijkl-mnop"}',
    ],
    ['an app password in a form', 'identifier=gemeente.bsky.social&app_password=abcd-efgh-ijkl-mnop'],
    ['the password in a database URL', 'connect postgres://webcare:abcDEF123_-xyz@db.internal:5432/webcare failed'],
  ])('%s', (_what, text) => {
    const out = redactSecrets(text);
    expect(out).toContain('<redacted>');
    for (const secret of [X_TOKEN, FB_TOKEN, JWT, 'abcDEF123_-xyz', 'abcd-efgh-ijkl-mnop'])
      expect(out).not.toContain(secret);
  });

  it('leaves messages without secrets as they are', () => {
    for (const text of [
      'x: 503 Service Unavailable',
      'x: 429 Too Many Requests',
      'x: 400 {"errors":[{"message":"Invalid next_token=7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndix"}]}',
      'mastodon: timed out',
      'bluesky: 401 {"error":"AuthenticationRequired","message":"Invalid identifier or password"}',
      'fetch failed',
    ])
      expect(redactSecrets(text)).toBe(text);
  });

  it('redacts known secrets wherever they occur, and is idempotent', () => {
    expect(redactSecrets('the key is s3cr3t-value-123 here', ['s3cr3t-value-123'])).toBe('the key is <redacted> here');
    const once = redactSecrets(`Bearer ${X_TOKEN} access_token=${FB_TOKEN}`);
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('error messages are stored redacted', () => {
  let store: Store;
  afterEach(() => store.close());

  it('accounts.last_error and poll_runs.last_error', async () => {
    store = await migratedStore();
    await syncOrganisations(store.db, [{ id: 'utrecht', name: 'Utrecht', accounts: { x: ['gemeenteutrecht'] } }], 't');
    const { id } = await store.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const now = new Date('2026-11-20T10:00:00Z');
    const body = `x: 401 {"title":"Unauthorized","detail":"Authorization: Bearer ${X_TOKEN}"}`;
    await markFailure(store.db, [id], now, body, now, true);
    const run = await startRun(store.db, 'x', 'cli', now);
    await finishRun(
      store.db,
      run,
      { requestsMade: 1, postsRead: 0, usersRead: 0, postsStored: 0, errors: 1, lastError: body },
      now,
    );
    const account = await store.db.selectFrom('accounts').select('last_error').executeTakeFirstOrThrow();
    const pollRun = await store.db.selectFrom('poll_runs').select('last_error').executeTakeFirstOrThrow();
    const want = 'x: 401 {"title":"Unauthorized","detail":"Authorization: Bearer <redacted>"}';
    expect(account.last_error).toBe(want);
    expect(pollRun.last_error).toBe(want);
  });
});
