/** Small statistics used by the metrics: quantiles and the Kaplan-Meier estimator. Pure. */

/** Linear-interpolated quantile (type 7, as R and numpy default) of unsorted values; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
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
  const sorted = [...obs].sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event));
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i]!.time;
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
  }
  return null;
}
