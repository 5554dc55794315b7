import { Kysely, SqliteDialect } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  alertDeliveries,
  dueNormAlerts,
  failedSummaries,
  recordAlert,
  recordSummary,
  summaryState,
  waitingPastNorm,
} from '../../src/storage/alerts.js';
import { rawConnection, type Store } from '../../src/storage/db.js';
import type { Database, RequestsTable } from '../../src/storage/schema/index.js';
import { postRow } from '../helpers/store.js';
import { DIALECTS, storesPerDialect } from '../helpers/dialects.js';

// The queries of the alerts (migration 0009) on both dialects with the real migrations.
const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-11-04T12:00:00.000Z');

let store: Store;
// #17: on both dialects; each test a fresh database of the dialect in force.
const stores = storesPerDialect();
beforeEach(async () => {
  store = await stores.fresh();
  await store.db
    .insertInto('organisations')
    .values([
      {
        id: 'zwolle',
        name: 'Zwolle',
        official_name: 'Gemeente Zwolle',
        cbs: null,
        province: null,
        population: null,
        hours: null,
        updated_at: '',
      },
      {
        id: 'ede',
        name: 'Ede',
        official_name: null,
        cbs: null,
        province: null,
        population: null,
        hours: null,
        updated_at: '',
      },
    ])
    .execute();
});

let seq = 0;
/** A request (and its post) with the stored times that matter here. */
async function request(org: string, over: Partial<RequestsTable> & { norm_reach_ms: number | null }): Promise<string> {
  const id = String(1_000 + seq++);
  const created = over.created_ms ?? (over.norm_reach_ms ?? NOW) - 2 * D;
  await store.db
    .insertInto('posts')
    .values(postRow({ id, url: `https://x.com/i/status/${id}`, created_at: new Date(created).toISOString() }))
    .execute();
  await store.db
    .insertInto('requests')
    .values({
      platform: 'x',
      post_id: id,
      org_id: org,
      account_id: null,
      author_id: 'h:citizen',
      kind: 'question',
      score: 1,
      reasons: '[]',
      lang: 'nl',
      created_at: new Date(created).toISOString(),
      response_post_id: null,
      response_at: null,
      response_kind: null,
      answer_post_id: null,
      answer_at: null,
      redirect_at: null,
      other_org_post_id: null,
      other_org_at: null,
      outcome: 'pending',
      community_post_id: null,
      community_at: null,
      updated_at: '',
      created_ms: created,
      response_ms: null,
      answer_ms: null,
      redirect_ms: null,
      community_ms: null,
      other_org_ms: null,
      horizon_end_ms: created + 7 * D,
      window_end_ms: created + 30 * D,
      response_business_ms: null,
      response_in_hours: null,
      answer_in_norm: null,
      times_key: 1,
      ...over,
    })
    .execute();
  return id;
}

const due = (webhook = 'kcc', orgs: string[] | null = null, now = NOW, limit = 50) =>
  dueNormAlerts(store.db, { webhook, now, since: now - 3 * D, orgs, limit });

describe.each(DIALECTS)('storage: alerts on $name', (d) => {
  stores.use(d);

  it('due: norm passed within the lookback, no response by now, watched; earliest norm first', async () => {
    const a = await request('zwolle', { norm_reach_ms: NOW - 2 * H });
    const b = await request('zwolle', { norm_reach_ms: NOW - 5 * H });
    await request('zwolle', { norm_reach_ms: NOW + H }); // not yet
    await request('zwolle', { norm_reach_ms: NOW - 4 * D }); // before the lookback
    await request('zwolle', { norm_reach_ms: null }); // times not computed (or never reached)
    await request('zwolle', { norm_reach_ms: NOW - H, response_ms: NOW - 30 * 60_000, response_at: 'x' }); // responded
    const late = await request('zwolle', { norm_reach_ms: NOW - H, response_ms: NOW + H }); // responds after now
    const ede = await request('ede', { norm_reach_ms: NOW - H });
    const rows = await due();
    expect(rows.map((r) => r.post_id)).toEqual([b, a, late, ede]);
    expect(rows[0]).toMatchObject({
      org_id: 'zwolle',
      org_name: 'Gemeente Zwolle',
      kind: 'question',
      url: `https://x.com/i/status/${b}`,
      norm_reach_ms: NOW - 5 * H,
      attempts: 0,
    });
    expect((await due('kcc', ['zwolle'])).map((r) => r.post_id)).toEqual([b, a, late]);
    expect(await due('kcc', [])).toEqual([]);
    expect((await due('kcc', null, NOW, 2)).map((r) => r.post_id)).toEqual([b, a]);
  });

  it('sent is final per webhook; failed is due again, after its retry_at; attempts add up', async () => {
    const a = await request('zwolle', { norm_reach_ms: NOW - 2 * H });
    const b = await request('zwolle', { norm_reach_ms: NOW - H });
    const req = (id: string) => ({ platform: 'x' as const, post_id: id, org_id: 'zwolle' });
    await recordAlert(store.db, req(a), { webhook: 'kcc', ok: true, attempts: 1, at: new Date(NOW) });
    await recordAlert(store.db, req(b), {
      webhook: 'kcc',
      ok: false,
      attempts: 4,
      at: new Date(NOW),
      error: 'HTTP 500',
      retryAt: new Date(NOW + 10 * 60_000),
    });
    expect(await due('kcc')).toEqual([]);
    expect((await due('teams')).map((r) => r.post_id)).toEqual([a, b]); // another webhook has its own record
    const later = NOW + 11 * 60_000;
    expect((await due('kcc', null, later)).map((r) => [r.post_id, r.attempts])).toEqual([[b, 4]]);
    await recordAlert(store.db, req(b), { webhook: 'kcc', ok: true, attempts: 2, at: new Date(later) });
    const rows = await alertDeliveries(store.db, 'kcc');
    expect(rows.map((r) => [r.post_id, r.status, r.attempts, r.last_error, r.retry_at])).toEqual([
      [a, 'sent', 1, null, null],
      [b, 'sent', 6, null, null],
    ]);
    expect(rows[1]!.first_tried_at).toBe(new Date(NOW).toISOString());
    expect(rows[1]!.sent_at).toBe(new Date(later).toISOString());
    expect(await due('kcc', null, later)).toEqual([]);
  });

  it('waiting past the norm: per organisation, still in the window, oldest first with links', async () => {
    const z1 = await request('zwolle', { norm_reach_ms: NOW - 3 * D, created_ms: NOW - 5 * D });
    const z2 = await request('zwolle', { norm_reach_ms: NOW - H, created_ms: NOW - 2 * D });
    await request('zwolle', { norm_reach_ms: NOW - 20 * D, created_ms: NOW - 31 * D, window_end_ms: NOW - D }); // window over
    await request('zwolle', { norm_reach_ms: NOW + H }); // not yet past the norm
    await request('ede', { norm_reach_ms: NOW - H, response_ms: NOW - 2 * H, response_at: 'x' });
    const rows = await waitingPastNorm(store.db, { now: NOW, minNormReach: NOW - 31 * D, orgs: null, links: 3 });
    expect(rows).toEqual([
      {
        org_id: 'zwolle',
        org_name: 'Gemeente Zwolle',
        waiting: 2,
        oldest_created_at: new Date(NOW - 5 * D).toISOString(),
        urls: [`https://x.com/i/status/${z1}`, `https://x.com/i/status/${z2}`],
      },
    ]);
    expect(await waitingPastNorm(store.db, { now: NOW, minNormReach: 0, orgs: ['ede'], links: 3 })).toEqual([]);
  });

  it('summaries: one row per slot and webhook; failed ones are listed for a retry', async () => {
    await recordSummary(store.db, '2026-11-04T08:00', {
      webhook: 'kcc',
      ok: false,
      attempts: 4,
      at: new Date(NOW),
      error: 'HTTP 502',
    });
    await recordSummary(store.db, '2026-11-04T08:00', { webhook: 'teams', ok: true, attempts: 1, at: new Date(NOW) });
    expect((await failedSummaries(store.db, '2026-11-03T12:00')).map((s) => [s.slot, s.webhook])).toEqual([
      ['2026-11-04T08:00', 'kcc'],
    ]);
    expect(await failedSummaries(store.db, '2026-11-05T00:00')).toEqual([]);
    await recordSummary(store.db, '2026-11-04T08:00', { webhook: 'kcc', ok: true, attempts: 1, at: new Date(NOW + H) });
    expect(await summaryState(store.db, '2026-11-04T08:00', 'kcc')).toMatchObject({
      status: 'sent',
      attempts: 5,
      last_error: null,
    });
  });
});

// SQLite's query plan: PostgreSQL's planner weighs the ranges itself.
describe('storage: alerts on SQLite, the index they read', () => {
  stores.use(DIALECTS[0]!);

  it('both queries read the index on norm_reach_ms (migration 0009), with or without a watch list', async () => {
    // The queries as kysely sends them, logged on a second query builder over the same connection.
    const raw = rawConnection(store);
    const sent: { sql: string; parameters: readonly unknown[] }[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: raw }),
      log: (e) => void sent.push(e.query),
    });
    await dueNormAlerts(db, { webhook: 'kcc', now: NOW, since: NOW - 3 * D, orgs: ['zwolle', 'ede'], limit: 50 });
    await dueNormAlerts(db, { webhook: 'kcc', now: NOW, since: NOW - 3 * D, orgs: null, limit: 50 });
    await waitingPastNorm(db, { now: NOW, minNormReach: NOW - 31 * D, orgs: ['zwolle'], links: 3 });
    expect(sent).toHaveLength(3);
    for (const q of sent) {
      const plan = raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[];
      expect(plan.map((p) => p.detail).join('\n')).toContain('SEARCH r USING INDEX requests_norm_reach');
    }
  });
});
