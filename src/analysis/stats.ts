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

/** The median and p90 of unsorted values (sorted once, as `quantile` computes each); nulls when empty. */
export function medianAndP90(values: readonly number[] | Float64Array): { median: number | null; p90: number | null } {
  const s = finiteCopy(values).sort();
  if (s.length === 0) return { median: null, p90: null };
  const at = (q: number) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
  };
  return { median: at(0.5), p90: at(0.9) };
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
