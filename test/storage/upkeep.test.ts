import { describe, expect, it } from 'vitest';
import { dailyUpkeep } from '../../src/jobs/upkeep.js';
import { upsertPosts } from '../../src/storage/posts.js';
import { purgeCitizenText } from '../../src/storage/retention.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import type { Store } from '../../src/storage/db.js';
import { postRow } from '../helpers/store.js';
import { DIALECTS, storesPerDialect } from '../helpers/dialects.js';

let store: Store;
// #17: on both dialects; each test a fresh database of the dialect in force.
const stores = storesPerDialect();

describe.each(DIALECTS)('upkeep on $name', (d) => {
  stores.use(d);

  describe('upkeep', () => {
    it('removes citizen text, raw payload and mentions after the retention period, keeping org posts and ids', async () => {
      store = await stores.fresh();
      await syncOrganisations(
        store.db,
        [{ id: 'utrecht', name: 'Utrecht', accounts: { x: ['gemeenteutrecht'] } }],
        't',
      );
      await upsertPosts(store, [
        postRow({ id: 'old-citizen', created_at: '2026-07-01T10:00:00.000Z' }),
        postRow({ id: 'new-citizen', created_at: '2026-11-01T10:00:00.000Z' }),
        postRow({
          id: 'old-org',
          created_at: '2026-07-01T11:00:00.000Z',
          author_is_org: 1,
          org_id: 'utrecht',
          text: 'Op dinsdag.',
        }),
      ]);
      expect(await purgeCitizenText(store.db, new Date('2026-11-20T00:00:00Z'), 90)).toBe(1);
      const rows = await store.db
        .selectFrom('posts')
        .select(['id', 'text', 'raw', 'mentions', 'text_purged_at', 'author_id'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        {
          id: 'new-citizen',
          text: expect.any(String),
          raw: '{}',
          mentions: '["gemeenteutrecht"]',
          text_purged_at: null,
          author_id: 'h:citizen',
        },
        {
          id: 'old-citizen',
          text: null,
          raw: null,
          mentions: '[]',
          text_purged_at: '2026-11-20T00:00:00.000Z',
          author_id: 'h:citizen',
        },
        {
          // The organisation's post past the period keeps its text (no citizen in it) and mentions of
          // monitored accounts; its payload, stored without the scrubbed mark, goes.
          id: 'old-org',
          text: 'Op dinsdag.',
          raw: null,
          mentions: '["gemeenteutrecht"]',
          text_purged_at: '2026-11-20T00:00:00.000Z',
          author_id: 'h:citizen',
        },
      ]);
      expect(await purgeCitizenText(store.db, new Date('2026-11-21T00:00:00Z'), 90)).toBe(0);
    });

    it('moves pending requests past the window to unanswered', async () => {
      store = await stores.fresh();
      await syncOrganisations(
        store.db,
        [{ id: 'utrecht', name: 'Utrecht', accounts: { x: ['gemeenteutrecht'] } }],
        't',
      );
      await upsertPosts(store, [
        postRow({ id: '1', created_at: '2026-10-01T10:00:00.000Z' }),
        postRow({ id: '2', created_at: '2026-11-15T10:00:00.000Z' }),
      ]);
      for (const id of ['1', '2']) {
        await store.db
          .insertInto('requests')
          .values({
            platform: 'x',
            post_id: id,
            org_id: 'utrecht',
            account_id: null,
            author_id: 'h',
            kind: 'question',
            score: 0.9,
            reasons: '[]',
            lang: 'nl',
            created_at: id === '1' ? '2026-10-01T10:00:00.000Z' : '2026-11-15T10:00:00.000Z',
            response_post_id: null,
            response_at: null,
            response_kind: null,
            outcome: 'pending',
            community_post_id: null,
            community_at: null,
            updated_at: 't',
          })
          .execute();
      }
      expect(await dailyUpkeep(store.db, new Date('2026-11-20T00:00:00Z'), 30, 'Europe/Amsterdam', 90)).toEqual({
        expired: 1,
        purged: 0,
        weeks: 0,
      });
      expect(
        (await store.db.selectFrom('requests').select(['post_id', 'outcome']).orderBy('post_id').execute()).map(
          (r) => r.outcome,
        ),
      ).toEqual(['unanswered', 'pending']);
    });
  });
});
