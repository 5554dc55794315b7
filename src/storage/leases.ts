import { sql, type Kysely } from 'kysely';
import type { Platform } from '../model/index.js';
import { dueAt, type DueAccount } from './accounts.js';
import { isPostgres } from './db.js';
import type { Database } from './schema/index.js';

// Many `webcare run` workers on one database (#17, migration 0014): who polls which account in a
// cycle, which worker runs a daily job, and the rate-limit waits they share. Every claim is one
// statement the database serialises; no coordinator of our own.

export interface Claim {
  worker: string;
  now: Date;
  /** How long the claim holds: past it, another worker takes the account (a dead worker's). */
  leaseMs: number;
  /** At most this many accounts. */
  limit: number;
  orgId?: string;
}

// Due as dueAccounts has it, and not held by a live lease.
const DUE = (t: string, orgId: string | undefined) =>
  sql`${dueAt(t)} and (lease_until is null or lease_until <= ${t}) ${orgId ? sql`and org_id = ${orgId}` : sql``}`;

/**
 * Claims up to `limit` due accounts of a platform for this worker until now + leaseMs, in id order,
 * and returns them. On PostgreSQL the rows another worker is claiming at the same instant are
 * skipped (FOR UPDATE SKIP LOCKED), so no account is claimed twice; on SQLite the claim is one
 * statement, which SQLite runs alone.
 */
export async function claimAccounts(db: Kysely<Database>, platform: Platform, c: Claim): Promise<DueAccount[]> {
  const t = c.now.toISOString();
  const until = new Date(c.now.getTime() + c.leaseMs).toISOString();
  if (isPostgres(db)) {
    const { rows } = await sql<DueAccount>`with due as (
        select id from accounts where platform = ${platform} and ${DUE(t, c.orgId)}
        order by id limit ${c.limit} for update skip locked)
      update accounts a set lease_owner = ${c.worker}, lease_until = ${until} from due where a.id = due.id
      returning a.id, a.org_id, a.handle, a.platform_user_id`.execute(db);
    return rows.sort((x, y) => x.id - y.id);
  }
  // One statement: SQLite takes the write lock for it at once (a select, then an update in a
  // transaction, could not upgrade its lock while another connection waited for its own).
  const { rows } = await sql<DueAccount>`update accounts set lease_owner = ${c.worker}, lease_until = ${until}
    where id in (select id from accounts where platform = ${platform} and ${DUE(t, c.orgId)} order by id limit ${c.limit})
    returning id, org_id, handle, platform_user_id`.execute(db);
  return rows.sort((x, y) => x.id - y.id);
}

/** How many accounts of a platform are due and unclaimed at `now` (a worker claims its share of them). */
export async function claimableCount(
  db: Kysely<Database>,
  platform: Platform,
  now: Date,
  orgId?: string,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from accounts
    where platform = ${platform} and ${DUE(now.toISOString(), orgId)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Records that a worker is alive (every tick), and when it stopped. */
export async function workerSeen(
  db: Kysely<Database>,
  w: { name: string; host: string; pid: number; startedAt: Date },
  now: Date,
  stopped = false,
): Promise<void> {
  const row = {
    name: w.name,
    host: w.host,
    pid: w.pid,
    started_at: w.startedAt.toISOString(),
    seen_at: now.toISOString(),
    stopped_at: stopped ? now.toISOString() : null,
  };
  await db
    .insertInto('workers')
    .values(row)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ seen_at: row.seen_at, stopped_at: row.stopped_at, pid: row.pid }),
    )
    .execute();
}

/** The workers seen since `since` and not stopped (the ones sharing the due accounts). */
export async function liveWorkers(db: Kysely<Database>, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('workers')
    .select('name')
    .where('seen_at', '>=', since.toISOString())
    .where('stopped_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/**
 * Claims one firing of a job (its scheduled slot) for this worker: true for exactly one worker,
 * whichever asks first; false for the others.
 */
export async function claimJob(
  db: Kysely<Database>,
  job: string,
  slot: string,
  worker: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('job_runs')
    .values({ job, slot, worker, started_at: now.toISOString(), finished_at: null })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks a claimed job firing done. */
export async function finishJob(db: Kysely<Database>, job: string, slot: string, now: Date): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: now.toISOString() })
    .where('job', '=', job)
    .where('slot', '=', slot)
    .execute();
}

/** The rate-limit wait of a platform still running at `now`, if any worker was told one. */
export async function platformWait(
  db: Kysely<Database>,
  platform: Platform,
  now: Date,
): Promise<{ until: string; reason: string; worker: string } | undefined> {
  return db
    .selectFrom('platform_waits')
    .select(['until', 'reason', 'worker'])
    .where('platform', '=', platform)
    .where('until', '>', now.toISOString())
    .executeTakeFirst();
}

/** Keeps a rate-limit wait for every worker (the later of the stored and this one). */
export async function setPlatformWait(
  db: Kysely<Database>,
  platform: Platform,
  until: Date,
  reason: string,
  worker: string,
): Promise<void> {
  const row = { platform, until: until.toISOString(), reason, worker };
  await db
    .insertInto('platform_waits')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('platform')
        .doUpdateSet({ until: row.until, reason: row.reason, worker: row.worker })
        .where('platform_waits.until', '<', row.until),
    )
    .execute();
}
