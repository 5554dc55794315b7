import type { MethodParams } from '../analysis/metrics.js';
import { requestTimes, timesKey, type HoursBook } from '../analysis/request-times.js';
import type { Store } from '../storage/db.js';
import {
  hoursJsonOf,
  requestsForTimes,
  storedHours,
  timesKeysInUse,
  writeTimes,
  type StoredHours,
  type RequestKey,
  type TimesSource,
} from '../storage/request-times.js';
import type { RequestBase, TimesColumns, TimesOf } from '../storage/requests.js';

/** What a request's stored times are computed with: the method parameters and the stored hours. */
export interface TimesContext {
  params: MethodParams;
  book: HoursBook;
  hours: StoredHours;
}

export async function timesContext(store: Store, params: MethodParams, book: HoursBook): Promise<TimesContext> {
  return { params, book, hours: await storedHours(store.db) };
}

const ms = (iso: string | null) => {
  const t = iso === null ? NaN : Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};
const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

const hoursJson = (r: Pick<TimesSource, 'org_id' | 'account_id'>, tc: TimesContext) =>
  hoursJsonOf(r.org_id, r.account_id, tc.hours);

/** The derived columns of one request (migration 0008). */
export function timesColumnsOf(
  r: Omit<TimesSource, 'platform' | 'post_id' | 'times_key'>,
  tc: TimesContext,
): TimesColumns {
  const hours = tc.book.of(hoursJson(r, tc));
  // The answer the outcome rule uses: the first answer, or the first response when it answers.
  const answerAt = r.answer_at ?? (r.response_kind === 'answer' ? r.response_at : null);
  const t = requestTimes({ createdAt: r.created_at, responseAt: r.response_at, answerAt }, hours, tc.params);
  return {
    created_ms: ms(r.created_at),
    response_ms: ms(r.response_at),
    answer_ms: ms(r.answer_at),
    redirect_ms: ms(r.redirect_at),
    community_ms: ms(r.community_at),
    other_org_ms: ms(r.other_org_at),
    horizon_end_ms: Number.isFinite(t.horizonEnd) ? t.horizonEnd : null,
    window_end_ms: Number.isFinite(t.windowEnd) ? t.windowEnd : null,
    norm_reach_ms: t.normReach,
    response_business_ms: t.responseBusinessMs,
    response_in_hours: bit(t.responseInHours),
    answer_in_norm: bit(t.answerInNorm),
    times_key: timesKey(hours, tc.params),
  };
}

/**
 * Computes the stored times of every request whose times are missing or were computed with other
 * parameters or hours (`all`: every request), 5,000 per transaction. The writers run it when they
 * open a database (a config with other method parameters or office hours takes effect here) and
 * `webcare rollup` runs it on demand. Returns how many requests were looked at and rewritten.
 */
export async function refreshTimes(
  store: Store,
  tc: TimesContext,
  opts: { all?: boolean; onProgress?: (done: number) => void } = {},
): Promise<{ checked: number; updated: number }> {
  // Nearly always nothing is stale: the distinct keys in use say so without reading every request.
  const current = (r: Pick<TimesSource, 'org_id' | 'account_id' | 'times_key'>) =>
    r.times_key !== null && r.times_key === timesKey(tc.book.of(hoursJson(r, tc)), tc.params);
  if (!opts.all && (await timesKeysInUse(store)).every(current)) return { checked: 0, updated: 0 };
  let after: RequestKey | null = null;
  let checked = 0;
  let updated = 0;
  for (;;) {
    const rows = await requestsForTimes(store, after, 5000);
    if (!rows.length) break;
    const stale = rows.filter((r) => opts.all || !current(r));
    await writeTimes(
      store,
      stale.map((r) => ({ platform: r.platform, post_id: r.post_id, org_id: r.org_id, ...timesColumnsOf(r, tc) })),
    );
    checked += rows.length;
    updated += stale.length;
    const last: TimesSource = rows[rows.length - 1]!;
    after = { platform: last.platform, post_id: last.post_id, org_id: last.org_id };
    opts.onProgress?.(checked);
  }
  return { checked, updated };
}

/** The derived columns of requests with this context, for saveRequests (which computes them only for rows it writes). */
export function timesOfContext(tc: TimesContext): TimesOf {
  const f = ((row: RequestBase) => timesColumnsOf(row, tc)) as TimesOf;
  f.key = (row) => timesKey(tc.book.of(hoursJson(row, tc)), tc.params);
  return f;
}
