import { postInstant } from '../model/index.js';
import { flatToPage } from '../platforms/x/normalize.js';
import type { XPage } from '../platforms/x/types.js';

/** What one line of a twarc2 file turned out to be. */
export type TwarcLine =
  { kind: 'page'; page: XPage } | { kind: 'skip'; reason: string } | { kind: 'reject'; reason: string };

/**
 * Reads one line of twarc2 output: a raw API v2 page (with `__twarc`), a stream message, or a
 * flattened tweet. Lines of other kinds of output (users, counts, lists, compliance) and lines that
 * are not JSON are rejected with the reason; pages without tweets (only errors) are skipped.
 */
export function readTwarcLine(text: string): TwarcLine {
  if (!text.trim()) return { kind: 'skip', reason: 'empty line' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { kind: 'reject', reason: `not JSON (${(err as Error).message.split('\n')[0]})` };
  }
  return classifyDocument(doc);
}

/** Classifies a parsed JSON document as an X v2 page, something to skip, or something to reject. */
export function classifyDocument(doc: unknown): TwarcLine {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { kind: 'reject', reason: 'not a JSON object' };
  const d = doc as Record<string, unknown>;
  if (typeof d.id === 'string' && typeof d.text === 'string') {
    if (!postInstant(d.created_at))
      return { kind: 'reject', reason: `created_at: ${d.created_at === undefined ? 'missing' : 'not a valid time'}` };
    return { kind: 'page', page: flatToPage(d) };
  }
  if (typeof d.action === 'string' && typeof d.reason === 'string')
    return { kind: 'reject', reason: 'a compliance record, not tweets' };
  if (!('data' in d)) {
    return 'errors' in d
      ? { kind: 'skip', reason: 'only errors, no tweets' }
      : { kind: 'reject', reason: 'not an X API v2 page or tweet (no data)' };
  }
  const items = Array.isArray(d.data) ? (d.data as Record<string, unknown>[]) : [d.data as Record<string, unknown>];
  const first = items[0];
  if (first === undefined) return { kind: 'skip', reason: 'a page without tweets' };
  if (!first || typeof first !== 'object') return { kind: 'reject', reason: 'data[0]: not a tweet object' };
  // Looks like tweets: the schema check of normalizePage names any field of the wrong type.
  if (typeof first.text === 'string' || 'created_at' in first) {
    // A tweet without a valid time rejects its line (file:line in the summary), never lands at 1970.
    const bad = items.findIndex((t) => !t || typeof t !== 'object' || !postInstant(t.created_at));
    if (bad >= 0) {
      const item = items[bad];
      if (!item || typeof item !== 'object') return { kind: 'reject', reason: `data[${bad}]: not a tweet object` };
      const value = item.created_at;
      const what = value === undefined ? 'missing' : `not a valid time (${JSON.stringify(value).slice(0, 40)})`;
      return { kind: 'reject', reason: `data[${bad}].created_at: ${what}` };
    }
    return { kind: 'page', page: d as XPage };
  }
  if ('tweet_count' in first) return { kind: 'reject', reason: 'a counts page, not tweets' };
  if ('username' in first) return { kind: 'reject', reason: 'a users page, not tweets' };
  if ('member_count' in first || 'follower_count' in first)
    return { kind: 'reject', reason: 'a lists page, not tweets' };
  return { kind: 'reject', reason: 'a page of something other than tweets' };
}
