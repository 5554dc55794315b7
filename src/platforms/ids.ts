/**
 * Compares decimal string ids (X snowflakes, Mastodon ids) as numbers; returns <0, 0 or >0.
 * Such ids exceed 2^53, so Number() would lose precision: a longer id (no leading zeros) is the
 * larger one, and ids of equal length compare as text.
 */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
