/**
 * Size classes of gemeenten by population, in CBS-like bands: what the dashboard filters by and
 * compares an organisation with ("the median of gemeenten of its size").
 */
export const SIZE_CLASSES = [
  { key: 'lt20k', min: 0, max: 20_000 },
  { key: '20k-50k', min: 20_000, max: 50_000 },
  { key: '50k-100k', min: 50_000, max: 100_000 },
  { key: '100k-250k', min: 100_000, max: 250_000 },
  { key: 'gt250k', min: 250_000, max: Infinity },
] as const;

export type SizeClass = (typeof SIZE_CLASSES)[number]['key'];

/** Whether a string names a size class. */
export function isSizeClass(s: string): s is SizeClass {
  return SIZE_CLASSES.some((c) => c.key === s);
}

/** The size class of a population (lower bound inclusive), or undefined without a known population. */
export function sizeClassOf(population: number | null | undefined): SizeClass | undefined {
  if (population === null || population === undefined || !Number.isFinite(population)) return undefined;
  return SIZE_CLASSES.find((c) => population >= c.min && population < c.max)?.key;
}
