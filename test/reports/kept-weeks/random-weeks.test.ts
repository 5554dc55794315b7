import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src/model/index.js';
import { keepSettledWeeks } from '../../../src/poller/request-weeks.js';
import type { Filters } from '../../../src/reports/load.js';
import { rawConnection, type Store } from '../../../src/storage/db.js';
import { syncOrganisations } from '../../../src/storage/organisations.js';
import { testContext } from '../../helpers/context.js';
import { both, insertRows, refresh, type Row } from '../../helpers/requests.js';

// Random requests around both DST changes of 2026, many on week bounds, kept at several instants,
// mutated by SQL (moves, kind, platform, late replies), compared at instants on settled_ms and week
// ends, over selections whose bounds sit on and next to week starts.
const YAML = `
method:
  answer_window_days: 5
organisations:
  - { id: aa, name: Aa, province: Utrecht, accounts: { x: aa_gem, mastodon: aa@social.example } }
  - { id: bb, name: Bb, province: Drenthe, accounts: { x: bb_gem, mastodon: bb@social.example } }
  - { id: cc, name: Cc, province: Utrecht, accounts: { x: cc_gem } }
`;
const zone = 'Europe/Amsterdam';
let t: ReturnType<typeof testContext>;
let store: Store;
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const weekStarts: number[] = [];
for (const start of ['2026-03-16', '2026-10-12'])
  for (let w = DateTime.fromISO(start, { zone }).startOf('week'), i = 0; i < 5; i++, w = w.plus({ weeks: 1 }))
    weekStarts.push(w.toMillis());

function randomRows(n: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(weekStarts);
    const at = rnd() < 0.4 ? base + pick([-1, 0, 1, -HOUR_MS, HOUR_MS]) : base + Math.floor(rnd() * 7 * DAY_MS);
    const r: Row = { org: pick(['aa', 'bb', 'cc']), platform: pick(['x', 'mastodon']), at };
    if (r.org === 'cc') r.platform = 'x';
    const u = rnd();
    const d = pick([HOUR_MS, HOUR_MS + 1, 24 * HOUR_MS, 2 * DAY_MS, 6 * DAY_MS, 20 * MINUTE_MS, -MINUTE_MS]);
    if (u < 0.3) r.response = [at + d, 'answer'];
    else if (u < 0.45) r.response = [at + d, 'acknowledge'];
    else if (u < 0.55) {
      r.response = [at + d, 'redirect'];
      r.redirect = at + d;
    }
    if (r.response && rnd() < 0.3) r.answer = r.response[0] + pick([0, DAY_MS, 4 * DAY_MS, 9 * DAY_MS]);
    if (rnd() < 0.1) r.community = at + 30 * MINUTE_MS;
    if (rnd() < 0.1) r.otherOrg = at + 2 * HOUR_MS;
    if (rnd() < 0.2) r.kind = 'report';
    rows.push(r);
  }
  return rows;
}

beforeAll(async () => {
  t = testContext(YAML, '2026-12-30T00:00:00Z');
  store = await t.ctx.store();
  await syncOrganisations(store.db, t.ctx.settings.organisations, '2026-01-01T00:00:00Z');
  await insertRows(store, t.ctx.settings, randomRows(160), 1000);
});
afterAll(() => t.close());

async function compareMany(label: string, n: number) {
  const s = t.ctx.settings;
  const sets = rawConnection(store).prepare('select start_ms, end_ms, settled_ms from request_week_sets').all() as {
    start_ms: number;
    end_ms: number;
    settled_ms: number;
  }[];
  const instants = [
    ...sets.flatMap((w) => [w.settled_ms - 1, w.settled_ms, w.end_ms - 1, w.end_ms]),
    ...weekStarts.map((w) => w + 20 * DAY_MS),
  ];
  const bounds = [...weekStarts.flatMap((w) => [w - 1, w, w + 1, w + 3 * DAY_MS]), undefined];
  let fails = 0;
  for (let i = 0; i < n; i++) {
    const T = pick(instants);
    const f: Filters = {};
    const a = pick(bounds);
    const b = pick(bounds);
    if (a !== undefined && rnd() < 0.6) f.since = new Date(a);
    if (b !== undefined && rnd() < 0.6) f.until = new Date(b);
    if (rnd() < 0.25) f.org = pick(['aa', 'bb', 'cc']);
    if (rnd() < 0.25) f.platform = pick(['x', 'mastodon']);
    if (rnd() < 0.2) f.kind = pick(['question', 'report'] as const);
    if (rnd() < 0.15) f.province = pick(['Utrecht', 'Drenthe']);
    const by = pick(['all', 'org', 'platform', 'province', 'week'] as const);
    const r = await both(store, s, by, new Date(T), f);
    if (JSON.stringify(r.counted) !== JSON.stringify(r.reference)) {
      fails++;
      if (fails <= 1) {
        console.log(label, 'MISMATCH', by, new Date(T).toISOString(), JSON.stringify(f), r.taken);
        expect(r.counted).toEqual(r.reference);
      }
    }
  }
  expect(fails, label).toBe(0);
}

it('random selections, instants and mutations: counted equals reference', async () => {
  const s = t.ctx.settings;
  const db = rawConnection(store);
  for (const now of ['2026-04-20T00:00:00Z', '2026-04-30T00:00:00Z', '2026-12-01T00:00:00Z'])
    keepSettledWeeks(store.db, new Date(now), 5, zone);
  console.log('kept', db.prepare('select count(*) c from request_week_sets').get());
  await compareMany('after keep', 150);
  // Mutations by SQL (as a writer would, then stored times refreshed).
  const ids = (db.prepare('select post_id from requests').pluck().all() as string[]).slice(0, 40);
  for (const id of ids.slice(0, 5)) db.prepare("update requests set org_id = 'bb' where post_id = ?").run(id);
  for (const id of ids.slice(5, 10))
    db.prepare(
      "update requests set kind = case kind when 'question' then 'report' else 'question' end where post_id = ?",
    ).run(id);
  for (const id of ids.slice(10, 15)) {
    const at = db.prepare('select created_at from requests where post_id = ?').pluck().get(id) as string;
    const late = new Date(Date.parse(at) + 3 * DAY_MS).toISOString();
    db.prepare(
      "update requests set response_at = ?, response_kind = 'answer', answer_at = ?, response_post_id = 'late' where post_id = ?",
    ).run(late, late, id);
  }
  for (const id of ids.slice(15, 18)) db.prepare('delete from requests where post_id = ?').run(id);
  await refresh(store, s, true);
  await compareMany('after mutations', 120);
  for (const now of ['2026-04-30T00:00:00Z', '2026-12-01T00:00:00Z'])
    keepSettledWeeks(store.db, new Date(now), 5, zone);
  await compareMany('after re-keep', 120);
});
