import { migrateToLatest, openStore, type Store } from '../../src/storage/db.js';
import type { PostRow } from '../../src/storage/posts.js';

/** A real SQLite file (or :memory:) with the real migrations applied. */
export async function migratedStore(path = ':memory:'): Promise<Store> {
  const store = openStore(path);
  await migrateToLatest(store.db);
  return store;
}

/** A post row with sensible defaults, for storage tests. */
export function postRow(over: Partial<PostRow> = {}): PostRow {
  return {
    platform: 'x',
    id: '1380242586288328707',
    author_id: 'h:citizen',
    author_handle: null,
    author_is_org: 0,
    org_id: null,
    kind: 'post',
    text: '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?',
    created_at: '2026-11-02T09:00:00.000Z',
    reply_to_id: null,
    reply_to_user_id: null,
    thread_root_id: '1380242586288328707',
    mentions: '["gemeenteutrecht"]',
    lang: 'nl',
    url: null,
    referenced_only: 0,
    raw: '{}',
    source: 'test',
    fetched_at: '2026-11-02T09:05:00.000Z',
    adapter_version: 'test-1',
    text_purged_at: null,
    ...over,
  };
}
