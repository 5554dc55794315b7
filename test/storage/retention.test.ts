import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { responseKind } from '../../src/analysis/response-kind.js';
import { loadPhraseBook } from '../../src/config/phrases.js';
import { authorHasher, nameHash } from '../../src/poller/privacy.js';
import type { Store } from '../../src/storage/db.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { upsertPosts, type PostRow } from '../../src/storage/posts.js';
import { purgeCitizenText } from '../../src/storage/retention.js';
import { scrubOrgText } from '../../src/storage/scrub-text.js';
import { postRow } from '../helpers/store.js';
import { DIALECTS, storesPerDialect } from '../helpers/dialects.js';

// METHOD.md 7, issue #19 item 2.2: what the retention step leaves of citizens, whatever the posts' dates.
let store: Store;
// #17: on both dialects; each test a fresh database of the dialect in force.
const stores = storesPerDialect();

const NOW = new Date('2026-11-20T00:00:00Z'); // 90 days: everything before 2026-08-22 is past
const OLD = '2026-07-01T10:00:00.000Z';
const RECENT = '2026-11-19T10:00:00.000Z';
const hash = authorHasher('retention-key');
const names = (platform: string, ...words: string[]) => words.map((w) => nameHash(hash, platform, w)).sort();
const scrubbedRaw = (extra: Record<string, unknown> = {}) => JSON.stringify({ id: 'r', ...extra, webcare_scrubbed: 1 });

async function setup(rows: Partial<PostRow>[]): Promise<void> {
  store = await stores.fresh();
  await syncOrganisations(
    store.db,
    [
      {
        id: 'utrecht',
        name: 'Utrecht',
        accounts: { x: ['gemeenteutrecht'], mastodon: ['utrecht@social.overheid.nl'], facebook: ['gemeenteutrecht'] },
      },
    ],
    't',
  );
  await upsertPosts(
    store,
    rows.map((r) => postRow(r)),
  );
}

async function posts(): Promise<Record<string, Partial<PostRow>>> {
  const rows = await store.db.selectFrom('posts').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

describe.each(DIALECTS)('retention and the response reader on $name', (d) => {
  stores.use(d);

  describe('retention: which citizen posts are past the period', () => {
    it('counts from the earlier of created_at and fetched_at, so no date keeps a post forever', async () => {
      await setup([
        { id: 'past', created_at: OLD, fetched_at: OLD },
        { id: 'far-future', created_at: '2999-01-01T00:00:00.000Z', fetched_at: OLD },
        { id: 'unparseable', created_at: 'zondag om drie uur', fetched_at: OLD },
        { id: 'no-valid-time', created_at: 'gisteren', fetched_at: 'ook gisteren' },
        { id: 'future-fetched-now', created_at: '2999-01-01T00:00:00.000Z', fetched_at: RECENT },
        { id: 'unparseable-fetched-now', created_at: '??', fetched_at: RECENT },
        { id: 'recent', created_at: RECENT, fetched_at: RECENT },
      ]);
      expect(await purgeCitizenText(store.db, NOW, 90)).toBe(4);
      const p = await posts();
      const purged = Object.values(p)
        .filter((r) => r.text_purged_at)
        .map((r) => r.id)
        .sort();
      expect(purged).toEqual(['far-future', 'no-valid-time', 'past', 'unparseable']);
      expect(p['unparseable']).toMatchObject({ text: null, raw: null, mentions: '[]' });
      // The rest goes once its fetch is past the period too.
      expect(await purgeCitizenText(store.db, new Date('2027-03-01T00:00:00Z'), 90)).toBe(3);
    });

    it("drops Mastodon and Bluesky links (they name the account) and keeps X and Facebook links that don't", async () => {
      await setup([
        { platform: 'x', id: '1', url: 'https://x.com/i/status/1', created_at: OLD },
        {
          platform: 'mastodon',
          id: 'https://mastodon.social/users/anna/statuses/2',
          url: 'https://mastodon.social/@anna/2',
          created_at: OLD,
        },
        {
          platform: 'bluesky',
          id: 'at://did:plc:annaannaannaannaannaanna/app.bsky.feed.post/3',
          url: 'https://bsky.app/profile/anna.bsky.social/post/3',
          created_at: OLD,
        },
        {
          platform: 'facebook',
          id: '10_4',
          url: 'https://www.facebook.com/permalink.php?story_fbid=pfbid0&id=100000000000042',
          created_at: OLD,
        },
        {
          platform: 'facebook',
          id: '4_5',
          url: 'https://www.facebook.com/10/posts/4/?comment_id=5',
          created_at: OLD,
        },
      ]);
      expect(await purgeCitizenText(store.db, NOW, 90)).toBe(5);
      const urls = Object.fromEntries(Object.values(await posts()).map((r) => [r.id, r.url]));
      expect(urls).toEqual({
        '1': 'https://x.com/i/status/1',
        'https://mastodon.social/users/anna/statuses/2': null,
        'at://did:plc:annaannaannaannaannaanna/app.bsky.feed.post/3': null,
        '10_4': 'https://www.facebook.com/10_4',
        '4_5': 'https://www.facebook.com/10/posts/4/?comment_id=5',
      });
    });
  });

  describe("retention: the organisation's posts lose the citizens in them", () => {
    const thread = (over: Partial<PostRow>[] = []) => [
      {
        id: 'q',
        thread_root_id: 'q',
        created_at: OLD,
        text: '@gemeenteutrecht Wanneer komt de grofvuilwagen? Groet, Anna',
        raw: scrubbedRaw({ author_id: 'h:anna', webcare_names: names('x', 'Anna', 'Vries') }),
      },
      {
        id: 'a',
        thread_root_id: 'q',
        created_at: '2026-07-01T11:00:00.000Z',
        author_is_org: 1 as const,
        org_id: 'utrecht',
        author_id: '900',
        author_handle: 'gemeenteutrecht',
        reply_to_id: 'q',
        text: '@burger_anna Hoi Anna, de grofvuilwagen komt dinsdag. Groet, mevrouw De Vries van team afval? Nee: ^MK',
        mentions: '["burger_anna","gemeenteutrecht"]',
        raw: scrubbedRaw({ in_reply_to_user_id: 'h:anna', webcare_names: names('x', 'Anna') }),
      },
      ...over,
    ];

    it('"@burger_anna Hoi Anna" becomes "@burger Hoi [naam]"; mentions keep the monitored accounts; names leave the payload', async () => {
      await setup(thread());
      expect(await purgeCitizenText(store.db, NOW, 90, { nameHash: (p, w) => nameHash(hash, p, w) })).toBe(1);
      const a = (await posts())['a']!;
      expect(a).toMatchObject({
        text: '@burger Hoi [naam], de grofvuilwagen komt dinsdag. Groet, mevrouw [naam] van team afval? Nee: ^MK',
        mentions: '["gemeenteutrecht"]',
        raw: JSON.stringify({ id: 'r', in_reply_to_user_id: 'h:anna', webcare_scrubbed: 1 }),
        text_purged_at: NOW.toISOString(),
      });
      // Run again: nothing more to do, nothing changes.
      expect(await purgeCitizenText(store.db, NOW, 90, { nameHash: (p, w) => nameHash(hash, p, w) })).toBe(0);
      expect((await posts())['a']!.text).toBe(a.text);
    });

    it('a name anywhere in the reply goes when its keyed hash is known (Facebook tags the name first)', async () => {
      await setup(
        thread([
          {
            id: 'fb',
            thread_root_id: 'q',
            created_at: '2026-07-02T09:00:00.000Z',
            author_is_org: 1,
            org_id: 'utrecht',
            author_id: '900',
            text: 'Anna de Vries Bedankt voor je bericht, Anna! Utrecht gaat erover.',
            raw: scrubbedRaw(),
          },
        ]),
      );
      await purgeCitizenText(store.db, NOW, 90, { nameHash: (p, w) => nameHash(hash, p, w) });
      expect((await posts())['fb']!.text).toBe('[naam] Bedankt voor je bericht, [naam]! Utrecht gaat erover.');
    });

    it('without the key only handles and names after a greeting or title go', async () => {
      await setup(
        thread([
          {
            id: 'fb',
            thread_root_id: 'q',
            created_at: '2026-07-02T09:00:00.000Z',
            author_is_org: 1,
            org_id: 'utrecht',
            author_id: '900',
            text: 'Anna de Vries Bedankt voor je bericht!',
            raw: scrubbedRaw(),
          },
        ]),
      );
      await purgeCitizenText(store.db, NOW, 90);
      const p = await posts();
      expect(p['a']!.text).toBe(
        '@burger Hoi [naam], de grofvuilwagen komt dinsdag. Groet, mevrouw [naam] van team afval? Nee: ^MK',
      );
      expect(p['fb']!.text).toBe('Anna de Vries Bedankt voor je bericht!'); // known limit: no greeting, no key
    });

    it("a reply in a purged citizen's thread is scrubbed whatever its own date; other recent posts are left", async () => {
      await setup(
        thread([
          {
            id: 'late',
            thread_root_id: 'q',
            created_at: RECENT,
            fetched_at: RECENT,
            author_is_org: 1,
            org_id: 'utrecht',
            author_id: '900',
            text: '@burger_anna Hoi Anna, is het gelukt?',
            raw: scrubbedRaw(),
          },
          {
            id: 'other',
            thread_root_id: 'other',
            created_at: RECENT,
            fetched_at: RECENT,
            author_is_org: 1,
            org_id: 'utrecht',
            author_id: '900',
            text: '@piet_b Hoi Piet, dat klopt.',
            raw: scrubbedRaw(),
          },
          {
            id: 'old-announcement',
            thread_root_id: 'old-announcement',
            created_at: OLD,
            author_is_org: 1,
            org_id: 'utrecht',
            author_id: '900',
            text: 'Samen met @veiligheidsregio oefenen we vandaag bij het stadhuis.',
            mentions: '["veiligheidsregio"]',
            raw: '{"text":"Samen met @veiligheidsregio"}',
          },
        ]),
      );
      await purgeCitizenText(store.db, NOW, 90);
      const p = await posts();
      expect(p['late']).toMatchObject({
        text: '@burger Hoi [naam], is het gelukt?',
        text_purged_at: NOW.toISOString(),
      });
      expect(p['other']).toMatchObject({ text: '@piet_b Hoi Piet, dat klopt.', text_purged_at: null });
      // An account that is not monitored may be a citizen: its handle goes too; a payload stored before
      // payloads were scrubbed goes entirely.
      expect(p['old-announcement']).toMatchObject({
        text: 'Samen met @burger oefenen we vandaag bij het stadhuis.',
        mentions: '[]',
        raw: null,
      });
    });
  });

  describe('scrubOrgText', () => {
    const orgs = new Set(['gemeenteutrecht', 'utrecht@social.overheid.nl', 'utrecht']);
    const scrub = (t: string) => scrubOrgText(t, { isOrgHandle: (h) => orgs.has(h.toLowerCase()) });
    it.each([
      ['@burger_anna Hoi Anna', '@burger Hoi [naam]'],
      [
        '@anna@mastodon.social @utrecht Hoi Anna, mail ons op info@utrecht.nl',
        '@burger @utrecht Hoi [naam], mail ons op info@utrecht.nl',
      ],
      ['@anna.bsky.social Beste mevrouw Van der Berg, dank u.', '@burger Beste mevrouw [naam], dank u.'],
      ['Dag meneer Jansen. Fijne dag Piet!', 'Dag meneer [naam]. Fijne dag [naam]!'],
      ['Dank je wel Kees, we gaan ermee aan de slag. ^AB', 'Dank je wel [naam], we gaan ermee aan de slag. ^AB'],
      ['Hoi allemaal, de markt is morgen open. Dag Zaterdag!', 'Hoi allemaal, de markt is morgen open. Dag Zaterdag!'],
      [
        'Hallo, We kijken ernaar. Neem contact op met @GemeenteUtrecht',
        'Hallo, We kijken ernaar. Neem contact op met @GemeenteUtrecht',
      ],
    ])('%s', (text, want) => expect(scrub(text)).toBe(want));
  });

  describe('the response reader reads a scrubbed reply as before', () => {
    it('every labelled reply of the eval sets keeps its reading after its handles and names go', () => {
      const book = loadPhraseBook();
      let n = 0;
      const changed: string[] = [];
      for (const set of ['dev', 'dev2', 'blind', 'blind2']) {
        const file = fileURLToPath(new URL(`../eval/responses-${set}.tsv`, import.meta.url));
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          const [, request, reply] = line.startsWith('#') ? [] : line.split('\t');
          if (!reply) continue;
          n++;
          // Every mention counts as a citizen's here: the hardest case for the reader.
          const scrubbed = scrubOrgText(reply, { isOrgHandle: () => false });
          if (responseKind(reply, book, request) !== responseKind(scrubbed, book, request)) changed.push(reply);
        }
      }
      expect(n).toBeGreaterThan(800);
      expect(changed).toEqual([]);
    });
  });
});
