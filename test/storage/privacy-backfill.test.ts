import { afterEach, describe, expect, it } from 'vitest';
import { authorHasher } from '../../src/poller/privacy.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { rawConnection } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { upsertPosts } from '../../src/storage/posts.js';
import { testContext } from '../helpers/context.js';
import { postRow } from '../helpers/store.js';

// METHOD.md 7: a database written before raw payloads were scrubbed is cleaned once, by the first
// command that has the key (the hashes must equal the columns'), as method 2's split is done.
const YAML =
  'registry: []\norganisations:\n  - id: utrecht\n    name: Utrecht\n    accounts: { x: gemeenteutrecht, mastodon: utrecht@social.overheid.nl }\n';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the one-time clean-up of older databases', () => {
  it('scrubs stored payloads with the columns’ hashes, redacts stored errors, and runs once', async () => {
    const t = testContext(YAML, '2026-11-20T10:00:00Z');
    close = t.close;
    const store = await t.ctx.store();
    const hash = authorHasher('test-key');
    await syncOrganisations(store.db, t.ctx.settings.organisations, 't');
    const anna = hash('x', '1500000000000000042');
    const lotte = hash('mastodon', 'social.overheid.nl:110000000000000888');
    await upsertPosts(store, [
      postRow({
        id: '1',
        author_id: anna,
        raw: JSON.stringify({
          id: '1',
          text: '@gemeenteutrecht Wanneer? Anna',
          author_id: '1500000000000000042',
          conversation_id: '1',
          entities: { mentions: [{ start: 0, end: 16, username: 'gemeenteutrecht', id: '900' }] },
          author: { id: '1500000000000000042', username: 'burger_anna', name: 'Anna de Vries' },
        }),
      }),
      postRow({
        platform: 'mastodon',
        id: 'https://social.overheid.nl/users/utrecht/statuses/2',
        author_id: 'social.overheid.nl:1',
        author_is_org: 1,
        org_id: 'utrecht',
        reply_to_user_id: lotte,
        raw: JSON.stringify({
          id: '2',
          uri: 'https://social.overheid.nl/users/utrecht/statuses/2',
          content: '<p>@lotte_vermeulen Hoi Lotte</p>',
          in_reply_to_account_id: '110000000000000888',
          account: { id: '1', username: 'utrecht', acct: 'utrecht' },
          mentions: [
            { id: '110000000000000888', username: 'lotte_vermeulen', acct: 'lotte_vermeulen@mastodon.social' },
          ],
        }),
      }),
    ]);
    const raw = rawConnection(store);
    raw.prepare("update accounts set last_error = 'x: 401 Authorization: Bearer AAAAsecretsecretsecretsecret'").run();

    await pipelineDeps(t.ctx, store);
    const raws = Object.fromEntries(
      (raw.prepare('select id, raw from posts').all() as { id: string; raw: string }[]).map((r) => [
        r.id,
        JSON.parse(r.raw),
      ]),
    );
    expect(raws['1']).toEqual({
      id: '1',
      conversation_id: '1',
      author_id: anna,
      entities: { mentions: [{ start: 0, end: 16, id: '900', username: 'gemeenteutrecht' }] },
      webcare_names: expect.any(Array),
      webcare_scrubbed: 1,
    });
    expect(raws['https://social.overheid.nl/users/utrecht/statuses/2']).toMatchObject({
      in_reply_to_account_id: lotte,
      mentions: [{ id: lotte }],
      account: { acct: 'utrecht' },
    });
    expect(JSON.stringify(raws)).not.toMatch(/anna|lotte|1500000000000000042|110000000000000888/i);
    expect(raw.prepare('select last_error from accounts').pluck().get()).toBe(
      'x: 401 Authorization: Bearer <redacted>',
    );
    expect(raw.prepare('select scrub_version from privacy').pluck().get()).toBe(1);

    // Once: a payload stored the old way afterwards is not looked for again at the next start.
    raw.prepare(`update posts set raw = '{"author_id":"1500000000000000042"}' where id = '1'`).run();
    const again = testContext(YAML, '2026-11-20T10:00:00Z');
    try {
      await pipelineDeps(again.ctx, store);
    } finally {
      await again.close();
    }
    expect(raw.prepare("select raw from posts where id = '1'").pluck().get()).toBe(
      '{"author_id":"1500000000000000042"}',
    );
  });
});
