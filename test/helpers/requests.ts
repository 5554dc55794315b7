// Hand-made requests for tests of the counted figures (counted-edges, kept-weeks): inserted as
// the pipeline would leave them, stored times computed, and compared with the reference path.
import type { Settings } from '../../src/config/load.js';
import { hoursBookOf, methodParamsOf } from '../../src/config/method-params.js';
import { refreshTimes, timesContext } from '../../src/poller/request-times.js';
import { aggregate, aggregateContextOf, type GroupBy } from '../../src/reports/aggregate.js';
import { groupJson, groupRow } from '../../src/reports/group-row.js';
import { measureGroups } from '../../src/reports/groups.js';
import { loadMeasured, type Filters } from '../../src/reports/load.js';
import { rawConnection, type Store } from '../../src/storage/db.js';

export interface Row {
  org: string;
  platform?: string;
  at: number;
  response?: [number, 'answer' | 'redirect' | 'acknowledge'];
  answer?: number;
  redirect?: number;
  community?: number;
  otherOrg?: number;
  kind?: 'question' | 'report';
}
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export async function insertRows(store: Store, settings: Settings, rows: readonly Row[], idBase: number) {
  const post = rawConnection(store).prepare(
    'insert into posts (platform, id, author_id, author_is_org, org_id, kind, text, created_at, reply_to_id, thread_root_id, mentions, referenced_only, raw, source, fetched_at, adapter_version) ' +
      "values (?, ?, 'h:1', 0, null, 'post', 'Wanneer?', ?, null, ?, '[]', 0, '{}', 'test', ?, 'test-1')",
  );
  const st = rawConnection(store).prepare(
    'insert into requests (platform, post_id, org_id, account_id, author_id, kind, score, reasons, lang, created_at, response_post_id, response_at, response_kind, answer_at, redirect_at, community_at, other_org_at, outcome, updated_at) ' +
      "values (?, ?, ?, null, 'h:1', ?, 0.9, '[]', 'nl', ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
  );
  rows.forEach((r, i) => {
    post.run(r.platform ?? 'x', String(idBase + i), iso(r.at), String(idBase + i), iso(r.at));
    st.run(
      r.platform ?? 'x',
      String(idBase + i),
      r.org,
      r.kind ?? 'question',
      iso(r.at),
      r.response ? `r${idBase + i}` : null,
      iso(r.response?.[0]),
      r.response?.[1] ?? null,
      iso(r.answer),
      iso(r.redirect),
      iso(r.community),
      iso(r.otherOrg),
      iso(r.at),
    );
  });
  await refresh(store, settings);
}

export async function refresh(store: Store, settings: Settings, all = false) {
  await refreshTimes(store, await timesContext(store, methodParamsOf(settings), hoursBookOf(settings)), { all });
}

export async function both(store: Store, s: Settings, by: GroupBy, asOf: Date, f: Filters = {}) {
  const actx = aggregateContextOf(s, asOf, new Map());
  const taken: string[] = [];
  const counted = await measureGroups(store.db, s, f, asOf, by, actx, { path: (p) => taken.push(p) });
  const reference = aggregate(await loadMeasured(store.db, s, f, asOf, { slow: true }), by, actx);
  return {
    taken,
    counted: counted.map((g) => groupJson(groupRow(g))),
    reference: reference.map((g) => groupJson(groupRow(g))),
  };
}

/** A copy of the settings with another zone (as a config edit would give). */
export function withZone(s: Settings, zone: string): Settings {
  return { ...s, config: { ...s.config, timezone: zone } };
}
export function withWindow(s: Settings, days: number): Settings {
  return { ...s, config: { ...s.config, method: { ...s.config.method, answer_window_days: days } } };
}
