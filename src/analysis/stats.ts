/** Small statistics used by the metrics: quantiles and the Kaplan-Meier estimator. Pure. */

/** Linear-interpolated quantile (type 7, as R and numpy default) of unsorted values; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  // A time that is not a number (an unparseable date in storage) must not poison the figure.
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** The finite values as a new array: a plain loop (a typed array's filter with a callback is slow on a year). */
function finiteCopy(values: readonly number[] | Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return n === out.length ? out : out.slice(0, n);
}

/**
 * The median and p90 of unsorted values divided by `per` (ms to hours): the numbers `quantile`
 * gives for each, found by selection instead of a sort (a year by organisation sorted some
 * million values per read; #16). Dividing after selecting is the same: division keeps the order.
 */
export function medianAndP90(
  values: readonly number[] | Float64Array,
  per = 1,
): { median: number | null; p90: number | null } {
  const s = finiteCopy(values);
  if (s.length === 0) return { median: null, p90: null };
  const last = s.length - 1;
  // The p90's ranks are at or above the median's, so its selection searches only above them.
  const median = interpolated(s, last * 0.5, 0, per);
  const p90 = interpolated(s, last * 0.9, Math.floor(last * 0.5) + 1, per);
  return { median, p90 };
}

/** Type 7 interpolation between ranks floor(pos) and ceil(pos), selected within s[from..]. */
function interpolated(s: Float64Array, pos: number, from: number, per: number): number {
  const lo = Math.floor(pos);
  select(s, lo, Math.min(from, lo), s.length - 1);
  let hi = s[lo]!;
  if (Math.ceil(pos) > lo) {
    // After the selection every value above rank lo is at least s[lo]: the next rank is their least.
    hi = Infinity;
    for (let i = lo + 1; i < s.length; i++) if (s[i]! < hi) hi = s[i]!;
  }
  const a = s[lo]! / per;
  return a + (hi / per - a) * (pos - lo);
}

/** Reorders a[lo..hi] so that a[k] holds the value of rank k, with no greater value before it and no smaller one after. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot: sorted and nearly sorted input stay linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

export interface Survival {
  time: number;
  event: boolean;
}

/**
 * Kaplan-Meier median time to event: the first event time at which the survival estimate drops to
 * 0.5 or below. Censored observations (pending requests, unanswered ones at the window) leave the
 * risk set without an event. Returns null when the estimate never reaches 0.5.
 */
export function kaplanMeierMedian(obs: readonly Survival[]): number | null {
  // NaN never equals itself: with one in the list the inner loop below would never advance (a hang).
  const sorted = obs
    .filter((o) => Number.isFinite(o.time))
    .sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event));
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i]!.time;
    const start = i;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i]!.time === t) {
      if (sorted[i]!.event) events++;
      leaving++;
      i++;
    }
    if (events > 0) {
      survival *= 1 - events / atRisk;
      if (survival <= 0.5) return t;
    }
    atRisk -= leaving;
    if (i === start) break; // cannot happen with finite times; a guard, never a loop forever
  }
  return null;
}
