import { type Kysely, type Transaction } from 'kysely';
import { jsonLength } from './dialect.js';
import type { Classification, Platform } from '../model/index.js';
import { assertInTransaction, isPostgres, rawConnection, statement, type Store } from './db.js';
import { pgPostsWithRequest, pgSaveRequests } from './pg-writes.js';
import { newSaveResult, STATE_COLUMNS, written, type SaveResult, type StoredState } from './request-changes.js';
import { dropWeeksHolding } from './request-weeks.js';
import type { Database, RequestsTable } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;
export type { SaveResult };
export type RequestRow = RequestsTable;
/** Post ids in analysed threads of one organisation that are no longer requests. */
export interface StaleRequests {
  platform: Platform;
  orgId: string;
  postIds: string[];
}

/** The derived columns of a request (migration 0008), written with it. */
export const TIMES_COLUMNS = [
  'created_ms',
  'response_ms',
  'answer_ms',
  'redirect_ms',
  'community_ms',
  'other_org_ms',
  'horizon_end_ms',
  'window_end_ms',
  'norm_reach_ms',
  'response_business_ms',
  'response_in_hours',
  'answer_in_norm',
  'times_key',
] as const;
export type TimesColumns = Pick<RequestsTable, (typeof TIMES_COLUMNS)[number]>;
/** A request row without its derived columns, as the thread analysis makes it. */
export type RequestBase = Omit<RequestsTable, (typeof TIMES_COLUMNS)[number]>;
/** Computes the derived columns of a row; `key` gives only the key they would have (cheap). */
export type TimesOf = ((row: RequestBase) => TimesColumns) & { key?: (row: RequestBase) => number | null };
const NO_TIMES = Object.fromEntries(TIMES_COLUMNS.map((c) => [c, null])) as TimesColumns;

const REQ_COLUMNS = [
  'platform',
  'post_id',
  'org_id',
  'account_id',
  'author_id',
  'kind',
  'score',
  'reasons',
  'lang',
  'created_at',
  'response_post_id',
  'response_at',
  'response_kind',
  'answer_post_id',
  'answer_at',
  'redirect_at',
  'outcome',
  'community_post_id',
  'community_at',
  'other_org_post_id',
  'other_org_at',
  'updated_at',
  ...TIMES_COLUMNS,
] as const;
const CHANGEABLE = REQ_COLUMNS.filter((c) => c !== 'platform' && c !== 'post_id' && c !== 'org_id');
const SQL = {
  get: `select ${STATE_COLUMNS.join(', ')} from requests where platform = ? and post_id = ? and org_id = ?`,
  insert: `insert into requests (${REQ_COLUMNS.join(', ')}) values (${REQ_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  update: `update requests set ${CHANGEABLE.map((c) => `${c} = @${c}`).join(', ')} where platform = @platform and post_id = @post_id and org_id = @org_id`,
  remove: 'delete from requests where platform = ? and org_id = ? and post_id = ?',
};

/**
 * Writes the requests of analysed threads, keyed on (platform, post_id, org_id): a post directed at
 * several organisations is a request for each (METHOD.md 2). A request seen again gets
 * its newest response and outcome. `stale` lists post ids in those threads that are no longer
 * requests (e.g. now a follow-up); their rows are removed. Returns what changed.
 * On SQLite it runs on the raw connection, inside whatever transaction is open on it; on PostgreSQL
 * on `db`, the transaction it must be part of.
 */
export async function saveRequests(
  store: Store,
  rows: readonly RequestBase[],
  stale: StaleRequests[],
  timesOf: TimesOf = () => NO_TIMES,
  db: Db = store.db,
): Promise<SaveResult> {
  if (isPostgres(store.db)) return pgSaveRequests(db, rows, stale, timesOf);
  assertInTransaction(store, 'saveRequests');
  const sqlite = rawConnection(store);
  const st = {
    get: statement(sqlite, SQL.get),
    insert: statement(sqlite, SQL.insert),
    update: statement(sqlite, SQL.update),
    remove: statement(sqlite, SQL.remove),
  };
  const result = newSaveResult();
  for (const s of stale) for (const id of s.postIds) result.removed += st.remove.run(s.platform, s.orgId, id).changes;
  const inserted: (number | null)[] = [];
  for (const base of rows) {
    const existing = st.get.get(base.platform, base.post_id, base.org_id) as StoredState | undefined;
    const w = written(existing, base, timesOf, result);
    if (!w) continue;
    if (existing) st.update.run(w);
    else {
      st.insert.run(w);
      inserted.push(w.created_ms);
    }
  }
  // A request added to a kept week (an import of old posts) makes the week count again.
  dropWeeksHolding(sqlite, inserted);
  return result;
}

/** The stored classifications of these posts (posts whose text retention removed keep theirs). */
export async function classificationsOf(
  db: Db,
  platform: Platform,
  postIds: readonly string[],
): Promise<Map<string, Classification>> {
  const out = new Map<string, Classification>();
  for (let i = 0; i < postIds.length; i += 500) {
    const found = await db
      .selectFrom('requests')
      .select(['post_id', 'kind', 'score', 'reasons', 'lang'])
      .where('platform', '=', platform)
      .where('post_id', 'in', postIds.slice(i, i + 500))
      .execute();
    for (const f of found) {
      const reasons = JSON.parse(f.reasons) as string[];
      out.set(f.post_id, { kind: f.kind, score: f.score, reasons, lang: f.lang ?? 'und' });
    }
  }
  return out;
}

/** Which of these posts have a request row (the ingest asks per batch: one prepared statement, a JSON array of ids). */
export async function postsWithRequest(
  store: Store,
  platform: Platform,
  postIds: readonly string[],
  db: Db = store.db,
): Promise<Set<string>> {
  if (isPostgres(store.db)) return pgPostsWithRequest(db, platform, postIds);
  const st = statement(
    rawConnection(store),
    'select distinct post_id from requests where platform = ? and post_id in (select value from json_each(?))',
  ).pluck();
  const out = new Set<string>();
  for (let i = 0; i < postIds.length; i += 5000)
    for (const id of st.all(platform, JSON.stringify(postIds.slice(i, i + 5000))) as string[]) out.add(id);
  return out;
}

/**
 * Roots of the threads that have posts since `since` whose text is still stored, after `after`
 * (keyset paging in root order), at most `limit`: the unit `webcare reclassify` re-reads.
 */
export async function threadRootsSince(
  db: Db,
  platform: Platform,
  since: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom('posts')
    .select((eb) => eb.fn.coalesce('thread_root_id', 'id').as('root'))
    .distinct()
    .where('platform', '=', platform)
    .where('created_at', '>=', since)
    .where('text_purged_at', 'is', null);
  if (after !== null) q = q.where((eb) => eb(eb.fn.coalesce('thread_root_id', 'id'), '>', after));
  const rows = await q.orderBy('root').limit(limit).execute();
  return rows.map((r) => r.root);
}

/** A stored request whose post mentions several accounts: its thread, its mentions, and how many request rows it has. */
export interface MultiMentionRequest {
  platform: Platform;
  postId: string;
  root: string;
  mentions: string[];
  rows: number;
}

/**
 * Requests whose post mentions two or more accounts, with the number of request rows the post has:
 * databases from before method 2 hold one row for a post directed at several organisations.
 */
export async function multiMentionRequests(db: Db): Promise<MultiMentionRequest[]> {
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    .select((eb) => [
      'r.platform',
      'r.post_id',
      eb.fn.coalesce('p.thread_root_id', 'p.id').as('root'),
      'p.mentions',
      eb.fn.countAll<number>().as('n'),
    ])
    .where(jsonLength(db, 'p.mentions'), '>=', 2)
    // Grouped by the post's key too: PostgreSQL then knows its other columns are one per group.
    .groupBy(['r.platform', 'r.post_id', 'p.platform', 'p.id'])
    .execute();
  return rows.map((r) => ({
    platform: r.platform,
    postId: r.post_id,
    root: r.root,
    mentions: JSON.parse(r.mentions) as string[],
    rows: Number(r.n),
  }));
}
