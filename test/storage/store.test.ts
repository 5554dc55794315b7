import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openStore, type Store, rawConnection } from '../../src/storage/db.js';
import { countPosts, upsertPosts } from '../../src/storage/posts.js';
import { getCursor, setCursor } from '../../src/storage/cursors.js';
import { insertBioIfChanged } from '../../src/storage/bios.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import type { Organisation } from '../../src/model/index.js';
import { tempDir } from '../helpers/cli.js';
import { postRow } from '../helpers/store.js';
import { DIALECTS } from '../helpers/dialects.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let store: Store;
let n = 0;

const bio = { deflects: false, channels: [], notMonitored: false, invitesQuestions: true, hours: [], promise: null };
const orgs: Organisation[] = [
  { id: 'utrecht', name: 'Utrecht', cbs: 'GM0344', accounts: { x: ['gemeenteutrecht', 'Webcare030'] } },
  { id: 'zwolle', name: 'Zwolle', cbs: 'GM0193', accounts: { mastodon: ['zwolle@social.overheid.nl'] } },
];

describe('a real SQLite file', () => {
  beforeEach(async () => {
    store = openStore(`${tmp.dir}/s${n++}.db`);
    await migrateToLatest(store.db);
  });
  afterEach(() => store.close());

  it('runs in WAL mode with foreign keys on', () => {
    expect(rawConnection(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rawConnection(store).pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

// #17: the same storage behaviour on both dialects.
describe.each(DIALECTS)('storage on $name', (dialect) => {
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await dialect.fresh());
  });
  afterEach(() => done());

  it('a second migration run is a no-op', async () => {
    expect(await migrateToLatest(store.db)).toEqual([]);
  });

  it('stores a post twice as one row, keeping ids beyond 2^53 exact', async () => {
    const row = postRow({ id: '1380242586288328707' });
    expect(await upsertPosts(store, [row])).toEqual({ inserted: 1, completed: 0 });
    expect(await upsertPosts(store, [row])).toEqual({ inserted: 0, completed: 0 });
    expect(await countPosts(store.db)).toBe(1);
    const got = await store.db.selectFrom('posts').select('id').executeTakeFirstOrThrow();
    expect(got.id).toBe('1380242586288328707');
  });

  it('completes a post first seen only as a referenced post, without a second row', async () => {
    await upsertPosts(store, [postRow({ id: '7', referenced_only: 1, text: 'partial', source: 'includes' })]);
    expect(await upsertPosts(store, [postRow({ id: '7', text: 'full text', source: 'search' })])).toEqual({
      inserted: 0,
      completed: 1,
    });
    const got = await store.db.selectFrom('posts').selectAll().where('id', '=', '7').executeTakeFirstOrThrow();
    expect(got).toMatchObject({ referenced_only: 0, text: 'full text', source: 'search' });
    // And a later referenced-only sighting does not downgrade it.
    await upsertPosts(store, [postRow({ id: '7', referenced_only: 1, text: 'partial' })]);
    expect(
      (await store.db.selectFrom('posts').select('text').where('id', '=', '7').executeTakeFirstOrThrow()).text,
    ).toBe('full text');
  });

  it('rolls back everything of a transaction that throws', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await upsertPosts(store, [postRow({ id: '1' }), postRow({ id: '2' })], trx);
        await setCursor(trx, 'x', 'batch:a', 'mentions', '2', '2026-11-02T09:05:00.000Z');
        throw new Error('crash between posts and cursor commit');
      }),
    ).rejects.toThrow('crash');
    expect(await countPosts(store.db)).toBe(0);
    expect(await getCursor(store.db, 'x', 'batch:a', 'mentions')).toBeUndefined();
  });

  it('keeps one cursor per platform, scope and stream', async () => {
    await setCursor(store.db, 'x', 'batch:a', 'mentions', '10', 't1');
    await setCursor(store.db, 'x', 'batch:a', 'mentions', '20', 't2');
    await setCursor(store.db, 'x', 'batch:a', 'replies', '5', 't2');
    expect(await getCursor(store.db, 'x', 'batch:a', 'mentions')).toBe('20');
    expect(await getCursor(store.db, 'x', 'batch:a', 'replies')).toBe('5');
  });

  it('refuses a request whose post is not stored (foreign key)', async () => {
    await syncOrganisations(store.db, orgs, 't0');
    const insert = store.db
      .insertInto('requests')
      .values({
        platform: 'x',
        post_id: 'nope',
        org_id: 'utrecht',
        account_id: null,
        author_id: 'h',
        kind: 'question',
        score: 1,
        reasons: '[]',
        lang: 'nl',
        created_at: 't',
        response_post_id: null,
        response_at: null,
        response_kind: null,
        outcome: 'pending',
        community_post_id: null,
        community_at: null,
        updated_at: 't',
      })
      .execute();
    await expect(insert).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  it('refuses an outcome outside METHOD.md', async () => {
    await expect(
      sql`insert into requests (platform, post_id, org_id, author_id, kind, score, created_at, outcome, updated_at) values ('x','1','utrecht','h','question',1,'t','lost','t')`.execute(
        store.db,
      ),
    ).rejects.toThrow(/CHECK|FOREIGN|check constraint|foreign key/);
  });

  describe('organisations and accounts follow the config', () => {
    it('adds accounts once, retires accounts gone from config and revives them when they return', async () => {
      expect(await syncOrganisations(store.db, orgs, 't0')).toMatchObject({
        organisations: 2,
        accountsAdded: 3,
        accountsRetired: 0,
      });
      expect(await syncOrganisations(store.db, orgs, 't1')).toMatchObject({
        accountsAdded: 0,
        accountsRetired: 0,
        accountsRevived: 0,
      });
      const fewer: Organisation[] = [{ ...orgs[0]!, accounts: { x: ['gemeenteutrecht'] } }, orgs[1]!];
      expect(await syncOrganisations(store.db, fewer, 't2')).toMatchObject({ accountsRetired: 1 });
      const retired = await store.db
        .selectFrom('accounts')
        .select(['handle', 'retired_at'])
        .where('retired_at', 'is not', null)
        .execute();
      expect(retired).toEqual([{ handle: 'Webcare030', retired_at: 't2' }]);
      expect(await syncOrganisations(store.db, orgs, 't3')).toMatchObject({ accountsRevived: 1, accountsAdded: 0 });
      expect(await store.db.selectFrom('accounts').select('id').execute()).toHaveLength(3);
    });

    it('treats handles case-insensitively', async () => {
      await syncOrganisations(store.db, orgs, 't0');
      const upper: Organisation[] = [{ ...orgs[0]!, accounts: { x: ['GEMEENTEUTRECHT', 'webcare030'] } }, orgs[1]!];
      expect(await syncOrganisations(store.db, upper, 't1')).toMatchObject({ accountsAdded: 0, accountsRetired: 0 });
    });
  });

  describe('bios keep a row only when the text changed', () => {
    it('adds, skips the same text, adds a changed text', async () => {
      await syncOrganisations(store.db, orgs, 't0');
      const { id } = await store.db
        .selectFrom('accounts')
        .select('id')
        .where('handle', '=', 'gemeenteutrecht')
        .executeTakeFirstOrThrow();
      const v = (text: string, fetchedAt: string) =>
        insertBioIfChanged(store.db, { accountId: id, fetchedAt, text, parsed: bio, parserVersion: 1 });
      expect(await v('Stel hier je vraag!', '2026-11-01T06:30:00Z')).toBe(true);
      expect(await v('Stel hier je vraag!', '2026-11-02T06:30:00Z')).toBe(false);
      expect(await v('Dit account wordt niet gemonitord', '2026-11-03T06:30:00Z')).toBe(true);
      expect(await store.db.selectFrom('bios').select('text').orderBy('fetched_at').execute()).toHaveLength(2);
    });
  });
});
