import type { RequestBase, TimesOf } from './requests.js';
import type { RequestsTable } from './schema/index.js';

// What saveRequests compares a re-read request with, and what it then writes: one rule for SQLite's
// row-by-row writes (storage/requests.ts) and PostgreSQL's batches (storage/pg-writes.ts).

/** The stored columns a re-read request is compared with (times_key: its stored times' parameters). */
export const STATE_COLUMNS = [
  'outcome',
  'response_post_id',
  'response_kind',
  'answer_post_id',
  'redirect_at',
  'community_post_id',
  'other_org_post_id',
  'kind',
  'times_key',
] as const;
export type StoredState = Pick<RequestsTable, (typeof STATE_COLUMNS)[number]>;

/** What saveRequests did: new rows, removed rows, and outcome changes counted by "from->to". */
export interface SaveResult {
  added: number;
  removed: number;
  changed: Map<string, number>;
}

export const newSaveResult = (): SaveResult => ({ added: 0, removed: 0, changed: new Map() });

/**
 * The row to write for `base` given what is stored (undefined: nothing to write), counting it in
 * `result`. The derived times are computed only for rows written (most of a re-read thread is unchanged).
 */
export function written(
  existing: StoredState | undefined,
  base: RequestBase,
  timesOf: TimesOf,
  result: SaveResult,
): RequestsTable | undefined {
  if (!existing) {
    result.added++;
    return { ...base, ...timesOf(base) };
  }
  const differs = STATE_COLUMNS.some((c) => c !== 'times_key' && existing[c] !== base[c]);
  if (!differs && !(timesOf.key && existing.times_key !== timesOf.key(base))) return undefined;
  const row = { ...base, ...timesOf(base) };
  if (existing.outcome !== row.outcome) {
    const key = `${existing.outcome}->${row.outcome}`;
    result.changed.set(key, (result.changed.get(key) ?? 0) + 1);
  }
  return row;
}
