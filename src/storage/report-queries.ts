import { sql, type Kysely } from 'kysely';
import type { BioFields, Outcome, Platform } from '../model/index.js';
import type { Database, OrganisationsTable, PostsTable, RequestsTable } from './schema/index.js';
import { isPostgres } from './db.js';

/** What a report selects requests by; every field is optional. */
export interface RequestFilters {
  since?: Date;
  until?: Date;
  org?: string;
  platform?: Platform;
  province?: string;
  kind?: RequestsTable['kind'];
  outcome?: Outcome[];
  /** Only the newest this many (newest first in SQL, returned oldest first); with `oldest`, the oldest. */
  limit?: number;
  oldest?: boolean;
}

/** A stored request joined to its organisation (name, province, office hours) and its post's link. */
export interface ReportRequestRow {
  platform: RequestsTable['platform'];
  post_id: string;
  org_id: string;
  name: OrganisationsTable['name'];
  province: OrganisationsTable['province'];
  hours: OrganisationsTable['hours'];
  kind: RequestsTable['kind'];
  outcome: Outcome;
  created_at: string;
  response_at: string | null;
  response_kind: RequestsTable['response_kind'];
  answer_at: string | null;
  redirect_at: string | null;
  community_at: string | null;
  other_org_at: string | null;
  url: PostsTable['url'] | null;
  horizon_end_ms: number | null;
  window_end_ms: number | null;
  norm_reach_ms: number | null;
  response_business_ms: number | null;
  response_in_hours: 0 | 1 | null;
  answer_in_norm: 0 | 1 | null;
  times_key: number | null;
}

/**
 * Requests matching the filters and created by `asOf`, oldest first, read through the indexes on
 * requests (created_at, org). Outcomes are decided by the reader at its instant (analysis/outcome),
 * so an outcome filter is not applied here.
 */
export async function requestsForReport(
  db: Kysely<Database>,
  f: Omit<RequestFilters, 'outcome'>,
  asOf: Date,
): Promise<ReportRequestRow[]> {
  let q = db
    .selectFrom('requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    // The hours of the account asked override the organisation's (METHOD.md 4).
    .leftJoin('accounts as a', 'a.id', 'r.account_id')
    .select((eb) => [
      'r.platform',
      'r.post_id',
      'r.org_id',
      'o.name',
      'o.province',
      eb.fn.coalesce('a.hours', 'o.hours').as('hours'),
      'r.kind',
      'r.outcome',
      'r.created_at',
      'r.response_at',
      'r.response_kind',
      'r.answer_at',
      'r.redirect_at',
      'r.community_at',
      'r.other_org_at',
      'p.url',
      'r.horizon_end_ms',
      'r.window_end_ms',
      'r.norm_reach_ms',
      'r.response_business_ms',
      'r.response_in_hours',
      'r.answer_in_norm',
      'r.times_key',
    ])
    .where('r.created_at', '<=', asOf.toISOString());
  if (f.since) q = q.where('r.created_at', '>=', f.since.toISOString());
  if (f.until) q = q.where('r.created_at', '<', f.until.toISOString());
  if (f.org) q = q.where('r.org_id', '=', f.org);
  if (f.platform) q = q.where('r.platform', '=', f.platform);
  if (f.province) q = q.where('o.province', '=', f.province);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  // Requests created at the same instant (one post to two organisations) in key order, so every
  // database (SQLite, PostgreSQL) lists them alike. Sorted here, not by SQL: an order by more than
  // created_at made SQLite sort every request before taking the latest 100 (0.04 -> 0.13 s).
  if (!f.limit) return keyOrderTies(await q.orderBy('r.created_at').execute());
  const dir = f.oldest ? 'asc' : 'desc';
  let rows = await q.orderBy('r.created_at', dir).limit(f.limit).execute();
  if (rows.length === f.limit) {
    // The last instant taken may have more requests than fit: all of them, then the first by key.
    const edge = rows[rows.length - 1]!.created_at;
    rows = [...rows.filter((r) => r.created_at !== edge), ...(await q.where('r.created_at', '=', edge).execute())];
  }
  const oldestFirst = keyOrderTies(
    rows.sort((x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0)),
  );
  return f.oldest ? oldestFirst.slice(0, f.limit) : oldestFirst.slice(-f.limit);
}

const keyOf = (r: { platform: string; post_id: string; org_id: string }) => [r.platform, r.post_id, r.org_id];
const byKey = (x: ReturnType<typeof keyOf>, y: ReturnType<typeof keyOf>) => {
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
};

/** Rows in created_at order with each run of equal created_at put in key order (in place; runs are rare and short). */
function keyOrderTies<T extends { created_at: string; platform: string; post_id: string; org_id: string }>(
  rows: T[],
): T[] {
  for (let i = 0; i < rows.length;) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.created_at === rows[i]!.created_at) j++;
    if (j - i > 1) {
      const run = rows.slice(i, j).sort((x, y) => byKey(keyOf(x), keyOf(y)));
      for (let k = 0; k < run.length; k++) rows[i + k] = run[k]!;
    }
    i = j;
  }
  return rows;
}

/** The latest bio of an account, with the text of the version before it (null when it never changed). */
export interface OrgBio {
  orgId: string;
  platform: Platform;
  handle: string;
  fetchedAt: string;
  text: string;
  fields: BioFields;
  previousText: string | null;
}

/** Returns the latest bio of every account that has one (as it stood at `asOf`, default now), in account order. */
export async function latestBios(db: Kysely<Database>, asOf?: Date): Promise<OrgBio[]> {
  let q = db
    .selectFrom('bios as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select(['a.org_id', 'a.platform', 'a.handle', 'b.account_id', 'b.fetched_at', 'b.text', 'b.parsed']);
  if (asOf) q = q.where('b.fetched_at', '<=', asOf.toISOString());
  const rows = await q.orderBy('b.account_id').orderBy('b.fetched_at', 'desc').execute();
  const out: OrgBio[] = [];
  let prevAccount: number | undefined;
  for (const r of rows) {
    // Newest first per account: the first row is the latest bio, the second the one it replaced.
    if (r.account_id === prevAccount) {
      const last = out[out.length - 1]!;
      if (last.previousText === null) last.previousText = r.text;
      continue;
    }
    prevAccount = r.account_id;
    out.push({
      orgId: r.org_id,
      platform: r.platform,
      handle: r.handle,
      fetchedAt: r.fetched_at,
      text: r.text,
      fields: JSON.parse(r.parsed) as BioFields,
      previousText: null,
    });
  }
  return out;
}

/** One stored version of an account's bio. */
export interface BioVersion {
  platform: Platform;
  handle: string;
  fetchedAt: string;
  text: string;
  fields: BioFields;
}

/** Returns every stored bio version of an organisation's accounts, by platform, oldest first. */
export async function bioHistory(db: Kysely<Database>, orgId: string): Promise<BioVersion[]> {
  const rows = await db
    .selectFrom('bios as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select(['a.platform', 'a.handle', 'b.fetched_at', 'b.text', 'b.parsed'])
    .where('a.org_id', '=', orgId)
    .orderBy('a.platform')
    .orderBy('b.fetched_at')
    .execute();
  return rows.map((r) => ({
    platform: r.platform,
    handle: r.handle,
    fetchedAt: r.fetched_at,
    text: r.text,
    fields: JSON.parse(r.parsed) as BioFields,
  }));
}

/**
 * Until when data was collected: the latest post fetch or finished poll run (a poll that found
 * nothing new still looked). Undefined for an empty database.
 */
export async function dataUntil(db: Kysely<Database>): Promise<Date | undefined> {
  // The newest rows by rowid, not a scan of every post on every query: posts are stored as fetched.
  // PostgreSQL has no rowid: the latest fetch of all posts.
  const p = isPostgres(db)
    ? await db
        .selectFrom('posts')
        .select((eb) => eb.fn.max('fetched_at').as('t'))
        .executeTakeFirst()
    : await db
        .selectFrom((eb) =>
          eb
            .selectFrom('posts')
            .select('fetched_at')
            .orderBy(sql`rowid`, 'desc')
            .limit(1000)
            .as('recent'),
        )
        .select((eb) => eb.fn.max('recent.fetched_at').as('t'))
        .executeTakeFirst();
  const r = await db
    .selectFrom('poll_runs')
    .select((eb) => eb.fn.max('finished_at').as('t'))
    .where('errors', '=', 0)
    .executeTakeFirst();
  const times = [p?.t, r?.t].filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t));
  const finite = times.filter((t) => Number.isFinite(t));
  return finite.length ? new Date(Math.max(...finite)) : undefined;
}
