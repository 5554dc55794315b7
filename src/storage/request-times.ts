import { sql, type Kysely } from 'kysely';
import type { Platform } from '../model/index.js';
import { isPostgres, rawConnection, rawOfDb, statement, type Store } from './db.js';
import type { RequestFilters } from './report-queries.js';
import { timesSelection } from './count-sql.js';
import { TIMES_COLUMNS, type TimesColumns } from './requests.js';
import type { Database, RequestsTable } from './schema/index.js';

/** The office hours stored per organisation and per account (JSON WeeklyHours, null: the default). */
export interface StoredHours {
  org: Map<string, string | null>;
  account: Map<number, string | null>;
  /** Organisations with an account that has office hours of its own. */
  orgsWithAccountHours: Set<string>;
}

/** Reads the hours every request's times are computed with: its account's, else its organisation's. */
export async function storedHours(db: Kysely<Database>): Promise<StoredHours> {
  const orgs = await db.selectFrom('organisations').select(['id', 'hours']).execute();
  const accounts = await db.selectFrom('accounts').select(['id', 'org_id', 'hours']).execute();
  return {
    org: new Map(orgs.map((o) => [o.id, o.hours])),
    account: new Map(accounts.map((a) => [a.id, a.hours])),
    orgsWithAccountHours: new Set(accounts.filter((a) => a.hours !== null).map((a) => a.org_id)),
  };
}

/** The office hours JSON a request is measured with (METHOD.md 4): its account's, else its organisation's. */
export function hoursJsonOf(orgId: string, accountId: number | null, h: StoredHours): string | null {
  const own = accountId === null ? null : (h.account.get(accountId) ?? null);
  return own ?? h.org.get(orgId) ?? null;
}

/** Organisations as reports name and group them, with their hours and their accounts' hours. */
export interface ReportOrganisations {
  orgs: Map<string, { name: string; province: string | null }>;
  hours: StoredHours;
}

export async function reportOrganisations(db: Kysely<Database>): Promise<ReportOrganisations> {
  const rows = await db.selectFrom('organisations').select(['id', 'name', 'province']).execute();
  return {
    orgs: new Map(rows.map((o) => [o.id, { name: o.name, province: o.province }])),
    hours: await storedHours(db),
  };
}

/** A request as its times are computed from it, with its key and the key its times have now. */
export type TimesSource = Pick<
  RequestsTable,
  | 'platform'
  | 'post_id'
  | 'org_id'
  | 'account_id'
  | 'created_at'
  | 'response_at'
  | 'response_kind'
  | 'answer_at'
  | 'redirect_at'
  | 'community_at'
  | 'other_org_at'
  | 'times_key'
>;
/** Where a page of requests ends: the primary key of its last row (null: from the start). */
export type RequestKey = Pick<RequestsTable, 'platform' | 'post_id' | 'org_id'>;

/**
 * The next `limit` requests after `after`, in primary-key order (keyset paging over the whole
 * table, on both dialects: PostgreSQL has no rowid).
 */
export async function requestsForTimes(store: Store, after: RequestKey | null, limit: number): Promise<TimesSource[]> {
  let q = store.db
    .selectFrom('requests')
    .select([
      'platform',
      'post_id',
      'org_id',
      'account_id',
      'created_at',
      'response_at',
      'response_kind',
      'answer_at',
      'redirect_at',
      'community_at',
      'other_org_at',
      'times_key',
    ]);
  if (after)
    q = q.where(sql<boolean>`(platform, post_id, org_id) > (${after.platform}, ${after.post_id}, ${after.org_id})`);
  return q.orderBy('platform').orderBy('post_id').orderBy('org_id').limit(limit).execute();
}

/**
 * The distinct (key, organisation, account) combinations of the stored times, read from the
 * covering index in SQLite (a writer checks them at start instead of paging through every request).
 */
export async function timesKeysInUse(
  store: Store,
): Promise<{ times_key: number | null; org_id: string; account_id: number | null }[]> {
  if (isPostgres(store.db))
    return store.db.selectFrom('requests').select(['times_key', 'org_id', 'account_id']).distinct().execute();
  return rawConnection(store)
    .prepare('select distinct times_key, org_id, account_id from requests indexed by requests_times')
    .all() as { times_key: number | null; org_id: string; account_id: number | null }[];
}

const WRITE_TIMES =
  `update requests set ${TIMES_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} ` +
  'where platform = @platform and post_id = @post_id and org_id = @org_id';

/** Writes the derived columns of requests by key, in one transaction. */
export async function writeTimes(store: Store, rows: readonly (TimesColumns & RequestKey)[]): Promise<void> {
  if (isPostgres(store.db)) {
    if (rows.length) await store.db.transaction().execute((trx) => pgWriteTimes(trx, rows));
    return;
  }
  const sqlite = rawConnection(store);
  const write = statement(sqlite, WRITE_TIMES);
  sqlite.transaction(() => {
    for (const r of rows) write.run(r);
  })();
}

// Many rows per statement: UPDATE ... FROM (VALUES ...). Every derived column is an integer.
async function pgWriteTimes(db: Kysely<Database>, rows: readonly (TimesColumns & RequestKey)[]): Promise<void> {
  const set = sql.raw(TIMES_COLUMNS.map((c) => `${c} = v.${c}::bigint`).join(', '));
  const names = sql.raw(['platform', 'post_id', 'org_id', ...TIMES_COLUMNS].join(', '));
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => sql`(${sql.join([r.platform, r.post_id, r.org_id, ...TIMES_COLUMNS.map((c) => r[c])])})`);
    await sql`update requests as r set ${set} from (values ${sql.join(values)}) as v(${names})
      where r.platform = v.platform and r.post_id = v.post_id and r.org_id = v.org_id`.execute(db);
  }
}

/** One request as the fast report path reads it from the covering index: numbers, no text. */
export interface TimesRow {
  createdMs: number;
  orgId: string;
  platform: Platform;
  kind: RequestsTable['kind'];
  accountId: number | null;
  responseMs: number | null;
  responseKind: RequestsTable['response_kind'];
  answerMs: number | null;
  redirectMs: number | null;
  communityMs: number | null;
  otherOrgMs: number | null;
  horizonEndMs: number | null;
  windowEndMs: number | null;
  normReachMs: number | null;
  responseBusinessMs: number | null;
  responseInHours: 0 | 1 | null;
  answerInNorm: 0 | 1 | null;
  timesKey: number | null;
}

// Every value read costs (JavaScript values are made per column and row): the five small codes of
// a request travel as one integer, packed by SQLite and unpacked here.
const PLATFORM_CODES = ['x', 'facebook', 'mastodon', 'bluesky'] as const;
const RESPONSE_CODES = [null, 'answer', 'redirect', 'acknowledge'] as const;
const codeOf = (column: string, values: readonly (string | null)[]) =>
  `(case ${column} ${values.map((v, i) => (v === null ? '' : `when '${v}' then ${i}`)).join(' ')} else 0 end)`;
const PACKED =
  `${codeOf('platform', PLATFORM_CODES)} + 4 * (kind = 'report') + 8 * ${codeOf('response_kind', RESPONSE_CODES)}` +
  ' + 32 * coalesce(response_in_hours, 2) + 128 * coalesce(answer_in_norm, 2)';
const FAST_COLUMNS =
  'created_ms, org_id, account_id, response_ms, answer_ms, redirect_ms, community_ms, other_org_ms, ' +
  `horizon_end_ms, window_end_ms, norm_reach_ms, response_business_ms, times_key, ${PACKED}`;
const bitOf = (v: number) => (v === 2 ? null : (v as 0 | 1));

/**
 * Requests of the filters created by `asOf`, oldest first, read from the covering index alone
 * (requests_times), or undefined when some request of the period has no created_ms yet (then the
 * reader takes the slow path). Province filters are applied by the caller (organisations in memory).
 */
export function timesRows(
  db: Kysely<Database>,
  f: Omit<RequestFilters, 'outcome' | 'limit' | 'province'>,
  asOf: Date,
): TimesRow[] | undefined {
  const sqlite = rawOfDb(db);
  if (!sqlite) return undefined;
  // A row without created_ms is not in the index range: look for them first, so none is missed.
  if (sqlite.prepare('select 1 from requests where created_ms is null limit 1').get()) return undefined;
  const { where, args } = timesSelection(f, asOf.getTime());
  const rows = sqlite
    .prepare(`select ${FAST_COLUMNS} from requests indexed by requests_times where ${where} order by created_ms`)
    .raw()
    .all(...args) as unknown[][];
  return rows.map((r) => {
    const packed = r[13] as number;
    return {
      createdMs: r[0] as number,
      orgId: r[1] as string,
      platform: PLATFORM_CODES[packed & 3]!,
      kind: packed & 4 ? 'report' : 'question',
      accountId: r[2] as number | null,
      responseMs: r[3] as number | null,
      responseKind: RESPONSE_CODES[(packed >> 3) & 3]!,
      answerMs: r[4] as number | null,
      redirectMs: r[5] as number | null,
      communityMs: r[6] as number | null,
      otherOrgMs: r[7] as number | null,
      horizonEndMs: r[8] as number | null,
      windowEndMs: r[9] as number | null,
      normReachMs: r[10] as number | null,
      responseBusinessMs: r[11] as number | null,
      responseInHours: bitOf((packed >> 5) & 3),
      answerInNorm: bitOf((packed >> 7) & 3),
      timesKey: r[12] as number | null,
    };
  });
}
