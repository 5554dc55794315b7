import { sql, type Kysely } from 'kysely';
import { unindexed } from './dialect.js';
import type { Platform } from '../model/index.js';
import type { Database, RequestsTable } from './schema/index.js';

// The queries of the alerts (issue #15 item 5, docs/alerts.md; jobs/alerts.ts sends them). Every
// query goes through kysely, so it waits for a poll's open transaction instead of joining it.

/** A request that passed the norm without any response, with what an alert says about it. */
export interface DueAlert {
  platform: Platform;
  post_id: string;
  org_id: string;
  org_name: string;
  kind: RequestsTable['kind'];
  created_at: string;
  norm_reach_ms: number;
  /** The link to the citizen's post (stored by the pipeline, never with the citizen's handle on X). */
  url: string | null;
  /** Posts tried before for this webhook (a failed earlier check), 0 for none. */
  attempts: number;
}

/**
 * Requests of `orgs` (null: all) whose norm passed in [since, now] without any response by `now`, and
 * that `webhook` was not sent yet (nor asked to wait: a 429's retry_at), the earliest norm first, at
 * most `limit`. Instants are epoch ms.
 */
export async function dueNormAlerts(
  db: Kysely<Database>,
  q: { webhook: string; now: number; since: number; orgs: readonly string[] | null; limit: number },
): Promise<DueAlert[]> {
  if (q.orgs && q.orgs.length === 0) return [];
  const nowIso = new Date(q.now).toISOString();
  let query = db
    .selectFrom('requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    .leftJoin('alert_requests as a', (j) =>
      j
        .onRef('a.platform', '=', 'r.platform')
        .onRef('a.post_id', '=', 'r.post_id')
        .onRef('a.org_id', '=', 'r.org_id')
        .on('a.webhook', '=', q.webhook),
    )
    .select((eb) => [
      'r.platform',
      'r.post_id',
      'r.org_id',
      eb.fn.coalesce('o.official_name', 'o.name').as('org_name'),
      'r.kind',
      'r.created_at',
      'r.norm_reach_ms',
      'p.url',
      eb.fn.coalesce('a.attempts', eb.val(0)).as('attempts'),
    ])
    .where('r.norm_reach_ms', '>=', q.since)
    .where('r.norm_reach_ms', '<=', q.now)
    .where((eb) => eb.or([eb('r.response_ms', 'is', null), eb('r.response_ms', '>', q.now)]))
    .where((eb) =>
      eb.or([
        eb('a.status', 'is', null),
        eb.and([eb('a.status', '=', 'failed'), eb.or([eb('a.retry_at', 'is', null), eb('a.retry_at', '<=', nowIso)])]),
      ]),
    );
  // `+org_id`: the organisation filter must not steer SQLite to requests_org_created (every request
  // of a watched organisation): the range of norm_reach_ms is the narrow one.
  if (q.orgs) query = query.where(unindexed(db, 'r.org_id'), 'in', [...q.orgs]);
  const rows = await query
    .orderBy('r.norm_reach_ms')
    .orderBy('r.platform')
    .orderBy('r.post_id')
    .orderBy('r.org_id')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, norm_reach_ms: r.norm_reach_ms!, attempts: Number(r.attempts) }));
}

/** The outcome of posting one alert or summary to one webhook. */
export interface DeliveryRecord {
  webhook: string;
  ok: boolean;
  /** Posts tried now (added to the stored count). */
  attempts: number;
  at: Date;
  /** Why it failed (secrets already removed). */
  error?: string;
  /** Not before this instant (a long Retry-After). */
  retryAt?: Date;
}

/** Records what posting the alert of a request to a webhook did (sent is final; failed is tried again). */
export async function recordAlert(
  db: Kysely<Database>,
  req: { platform: Platform; post_id: string; org_id: string },
  d: DeliveryRecord,
): Promise<void> {
  const at = d.at.toISOString();
  await db
    .insertInto('alert_requests')
    .values({
      platform: req.platform,
      post_id: req.post_id,
      org_id: req.org_id,
      webhook: d.webhook,
      status: d.ok ? 'sent' : 'failed',
      attempts: d.attempts,
      first_tried_at: at,
      last_tried_at: at,
      sent_at: d.ok ? at : null,
      retry_at: d.retryAt?.toISOString() ?? null,
      last_error: d.ok ? null : (d.error ?? null),
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'post_id', 'org_id', 'webhook']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        attempts: sql<number>`alert_requests.attempts + excluded.attempts`,
        last_tried_at: eb.ref('excluded.last_tried_at'),
        sent_at: eb.ref('excluded.sent_at'),
        retry_at: eb.ref('excluded.retry_at'),
        last_error: eb.ref('excluded.last_error'),
      })),
    )
    .execute();
}

/** The alerts a webhook was sent or tried, oldest first (tests and `webcare sql` users read the table too). */
export async function alertDeliveries(db: Kysely<Database>, webhook?: string): Promise<Database['alert_requests'][]> {
  let q = db.selectFrom('alert_requests').selectAll();
  if (webhook !== undefined) q = q.where('webhook', '=', webhook);
  return q.orderBy('first_tried_at').orderBy('platform').orderBy('post_id').execute();
}

/** One organisation's requests waiting past the norm (the daily summary). */
export interface WaitingOrg {
  org_id: string;
  org_name: string;
  waiting: number;
  oldest_created_at: string;
  /** Links to the oldest waiting requests (at most `links`, oldest first; null where none is known). */
  urls: (string | null)[];
}

/**
 * Per organisation of `orgs` (null: all) with any: the requests whose norm passed by `now` without any
 * response and whose answer window has not ended (still waiting, METHOD.md 3), with the oldest first.
 * `minNormReach` bounds the index range read (no request still in its window passed its norm earlier).
 */
export async function waitingPastNorm(
  db: Kysely<Database>,
  q: { now: number; minNormReach: number; orgs: readonly string[] | null; links: number },
): Promise<WaitingOrg[]> {
  if (q.orgs && q.orgs.length === 0) return [];
  let query = db
    .selectFrom('requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    .select((eb) => ['r.org_id', eb.fn.coalesce('o.official_name', 'o.name').as('org_name'), 'r.created_at', 'p.url'])
    .where('r.norm_reach_ms', '>=', q.minNormReach)
    .where('r.norm_reach_ms', '<=', q.now)
    .where('r.window_end_ms', '>', q.now)
    .where((eb) => eb.or([eb('r.response_ms', 'is', null), eb('r.response_ms', '>', q.now)]));
  if (q.orgs) query = query.where(unindexed(db, 'r.org_id'), 'in', [...q.orgs]);
  const rows = await query.orderBy('r.org_id').orderBy('r.created_ms').orderBy('r.post_id').execute();
  const out: WaitingOrg[] = [];
  for (const r of rows) {
    let last = out[out.length - 1];
    if (!last || last.org_id !== r.org_id) {
      last = { org_id: r.org_id, org_name: r.org_name, waiting: 0, oldest_created_at: r.created_at, urls: [] };
      out.push(last);
    }
    last.waiting++;
    if (last.urls.length < q.links) last.urls.push(r.url);
  }
  return out;
}

/** The names of organisations by id (the summary names watched organisations that have nothing waiting). */
export async function organisationNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select((eb) => ['id', eb.fn.coalesce('official_name', 'name').as('name')])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What became of the summary `slot` for `webhook`: sent, failed (with when to retry), or undefined (not tried). */
export async function summaryState(
  db: Kysely<Database>,
  slot: string,
  webhook: string,
): Promise<Database['alert_summaries'] | undefined> {
  return db
    .selectFrom('alert_summaries')
    .selectAll()
    .where('slot', '=', slot)
    .where('webhook', '=', webhook)
    .executeTakeFirst();
}

/** Failed summaries of slots at or after `sinceSlot` (to try again), oldest first. */
export async function failedSummaries(db: Kysely<Database>, sinceSlot: string): Promise<Database['alert_summaries'][]> {
  return db
    .selectFrom('alert_summaries')
    .selectAll()
    .where('status', '=', 'failed')
    .where('slot', '>=', sinceSlot)
    .orderBy('slot')
    .execute();
}

/** Records what posting the summary of `slot` to a webhook did. */
export async function recordSummary(db: Kysely<Database>, slot: string, d: DeliveryRecord): Promise<void> {
  const at = d.at.toISOString();
  await db
    .insertInto('alert_summaries')
    .values({
      slot,
      webhook: d.webhook,
      status: d.ok ? 'sent' : 'failed',
      attempts: d.attempts,
      first_tried_at: at,
      last_tried_at: at,
      sent_at: d.ok ? at : null,
      retry_at: d.retryAt?.toISOString() ?? null,
      last_error: d.ok ? null : (d.error ?? null),
    })
    .onConflict((oc) =>
      oc.columns(['slot', 'webhook']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        attempts: sql<number>`alert_summaries.attempts + excluded.attempts`,
        last_tried_at: eb.ref('excluded.last_tried_at'),
        sent_at: eb.ref('excluded.sent_at'),
        retry_at: eb.ref('excluded.retry_at'),
        last_error: eb.ref('excluded.last_error'),
      })),
    )
    .execute();
}
