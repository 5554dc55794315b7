import type { BioFields } from '../model/index.js';
import type { Metrics } from './metrics.js';

export interface Weights {
  response_rate: number;
  substance: number;
  speed: number;
  accessibility: number;
}

export interface Score {
  /** 0-10, one decimal; null with too few requests past their horizon. */
  score: number | null;
  reason: 'too few' | null;
  parts: { responseRate: number | null; substance: number | null; speed: number | null; accessibility: number | null };
  weights: Weights;
}

/** Accessibility from the bio: a third each for not deflecting, not "niet gemonitord", hours stated. */
export function accessibility(bio: BioFields | null | undefined): number | null {
  if (!bio) return null;
  return ((bio.deflects ? 0 : 1) + (bio.notMonitored ? 0 : 1) + (bio.hours.length ? 1 : 0)) / 3;
}

/**
 * The 0-10 score of METHOD.md 6 with its parts. Parts without data (no responses: substance 0;
 * no bio known: accessibility left out and the other weights rescaled) are shown as they are.
 */
export function computeScore(
  m: Metrics,
  bio: BioFields | null | undefined,
  weights: Weights,
  minClosed: number,
): Score {
  const parts = {
    responseRate: m.responseRate,
    // Nobody responded within H to the due requests: substance 0, not unknown.
    substance: m.substance ?? (m.due > 0 ? 0 : null),
    speed: m.withinNorm,
    accessibility: accessibility(bio),
  };
  // METHOD.md 6: fewer than minClosed requests past their horizon get no score.
  if (m.due < minClosed) return { score: null, reason: 'too few', parts, weights };
  const pairs: [number | null, number][] = [
    [parts.responseRate, weights.response_rate],
    [parts.substance, weights.substance],
    [parts.speed, weights.speed],
    [parts.accessibility, weights.accessibility],
  ];
  const used = pairs.filter(([v]) => v !== null) as [number, number][];
  const totalWeight = used.reduce((s, [, w]) => s + w, 0);
  const value = used.reduce((s, [v, w]) => s + v * w, 0) / (totalWeight || 1);
  return { score: Math.round(value * 100) / 10, reason: null, parts, weights };
}
