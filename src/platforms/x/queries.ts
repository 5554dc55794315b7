/** Batches handles into search queries within X's query length limit (512 on self-serve access). */

export type Direction = 'inbound' | 'outbound';

/** "(@a OR @b) -is:retweet" (mentions of the accounts) or "(from:a OR from:b) is:reply" (their replies). */
export function buildQuery(direction: Direction, handles: readonly string[]): string {
  const terms = handles.map((h) => (direction === 'inbound' ? `@${h}` : `from:${h}`));
  const body = terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
  return direction === 'inbound' ? `${body} -is:retweet` : `${body} is:reply`;
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
    if (buildQuery(direction, [h]).length > maxChars) throw new Error(`handle ${h} does not fit in a ${maxChars}-character query`);
    if (current.length && buildQuery(direction, [...current, h]).length > maxChars) {
      batches.push(current);
      current = [];
    }
    current.push(h);
  }
  if (current.length) batches.push(current);
  return batches;
}
