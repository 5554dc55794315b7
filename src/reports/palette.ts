/**
 * The colours of the choropleth (issue #15: "a colour-blind-safe palette with a legend").
 *
 * Viridis (van der Walt & Smith, the matplotlib default), sampled at 0, 1/4, 1/2, 3/4 and 1 as d3's
 * interpolateViridis gives them. Why viridis rather than a single-hue ColorBrewer ramp: its lightness rises
 * monotonically, so the order of the classes survives deuteranopia, protanopia, tritanopia and greyscale print;
 * and its lightest step is a saturated yellow, not near-white, so no class can be mistaken for "no data".
 */
export const VIRIDIS_5 = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;

/** No data: light grey with darker diagonal hatching, so it differs from every class by pattern, not hue alone. */
export const NO_DATA = { background: '#f2f2f2', hatch: '#a6a6a6' } as const;

/** The borders between gemeenten. */
export const BORDER = '#ffffff';

/**
 * The fills for `n` classes, lowest first: spread over the palette's ends so that few classes stay far apart.
 * Throws when `n` is not 1..5 (more classes than a reader can tell apart on a map).
 */
export function classColours(n: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > VIRIDIS_5.length) {
    throw new RangeError(`a map has 1 to ${VIRIDIS_5.length} classes, not ${n}`);
  }
  const last = VIRIDIS_5.length - 1;
  if (n === 1) return [VIRIDIS_5[2]];
  return Array.from({ length: n }, (_, i) => VIRIDIS_5[Math.round((i * last) / (n - 1))]!);
}
