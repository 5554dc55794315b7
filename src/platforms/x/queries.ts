/** Batches handles into search queries within X's query length limit (512 on self-serve access). */

export type Direction = 'inbound' | 'outbound';

// The one spelling of a handle term per direction, shared by the builder and the parser below.
const TERM: Record<Direction, { prefix: string; pattern: RegExp }> = {
  inbound: { prefix: '@', pattern: /@(\w+)/g },
  outbound: { prefix: 'from:', pattern: /from:(\w+)/g },
};

/** "(@a OR @b) -is:retweet" (mentions of the accounts) or "(from:a OR from:b) is:reply" (their replies). */
export function buildQuery(direction: Direction, handles: readonly string[]): string {
  const terms = handles.map((h) => `${TERM[direction].prefix}${h}`);
  const body = terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
  return direction === 'inbound' ? `${body} -is:retweet` : `${body} is:reply`;
}

/**
 * The direction and lower-cased handles of a query as buildQuery writes it (the simulator answers
 * with it). A query naming any @handle is inbound; otherwise its from: handles make it outbound.
 */
export function parseQuery(query: string): { direction: Direction; handles: string[] } {
  const handles = (d: Direction) => [...query.matchAll(TERM[d].pattern)].map((m) => m[1]!.toLowerCase());
  const inbound = handles('inbound');
  if (inbound.length) return { direction: 'inbound', handles: inbound };
  return { direction: 'outbound', handles: handles('outbound') };
}

/**
 * Packs sorted handles greedily into as few queries as fit `maxChars`. Sorting keeps the batches
 * stable between cycles as long as the account list does not change.
 */
export function batchHandles(direction: Direction, handles: readonly string[], maxChars: number): string[][] {
  const sorted = [...new Set(handles.map((h) => h.toLowerCase()))].sort();
  const batches: string[][] = [];
  let current: string[] = [];
  for (const h of sorted) {
    if (buildQuery(direction, [h]).length > maxChars)
      throw new Error(`handle ${h} does not fit in a ${maxChars}-character query`);
    if (current.length && buildQuery(direction, [...current, h]).length > maxChars) {
      batches.push(current);
      current = [];
    }
    current.push(h);
  }
  if (current.length) batches.push(current);
  return batches;
}
