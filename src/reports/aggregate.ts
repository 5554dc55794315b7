import { DateTime } from 'luxon';
import { computeMetrics, type MethodParams, type Metrics } from '../analysis/metrics.js';
import { computeScore, type Score, type Weights } from '../analysis/score.js';
import type { BioFields } from '../model/index.js';
import type { Settings } from '../config/load.js';
import { emptyMetrics } from './empty.js';
import type { MeasuredRequest } from './load.js';
import { weekOf } from './period.js';

export type GroupBy = 'all' | 'org' | 'platform' | 'province' | 'week' | 'hour';

export interface Group {
  key: string;
  label: string;
  metrics: Metrics;
  /** Organisations: their score. Other groups: the mean of the scores of their organisations (scored ones). */
  score: number | null;
  scored: number; // organisations with a score in this group
  detail?: Score; // organisations only
}

export interface AggregateContext {
  params: MethodParams;
  now: Date;
  weights: Weights;
  minClosed: number;
  bios: Map<string, BioFields>;
  zone: string;
}

function keyOf(r: MeasuredRequest, by: GroupBy, zone: string): [string, string] {
  switch (by) {
    case 'org':
      return [r.orgId, r.orgName];
    case 'platform':
      return [r.platform, r.platform];
    case 'province':
      return [r.province ?? '-', r.province ?? '(none)'];
    case 'week': {
      const w = weekOf(new Date(r.createdAt), zone);
      return [w, w];
    }
    case 'hour': {
      const h = String(DateTime.fromISO(r.createdAt, { zone }).hour).padStart(2, '0');
      return [h, `${h}:00`];
    }
    default:
      return ['all', 'all'];
  }
}

/** The parameters, weights and bios every figure of a report is computed with, as they stood at `asOf`. */
export function aggregateContextOf(settings: Settings, asOf: Date, bios: Map<string, BioFields>): AggregateContext {
  const m = settings.config.method;
  return {
    params: {
      windowDays: m.answer_window_days,
      normWorkingDays: m.norm_working_days,
      horizonDays: m.score_horizon_days,
      zone: settings.config.timezone,
    },
    now: asOf,
    weights: m.weights,
    minClosed: m.min_closed_requests,
    bios,
    zone: settings.config.timezone,
  };
}

/** Scores of every organisation in a set of requests (METHOD.md 6), by org id. */
export function orgScores(reqs: readonly MeasuredRequest[], ctx: AggregateContext): Map<string, Score> {
  const byOrg = new Map<string, MeasuredRequest[]>();
  for (const r of reqs) (byOrg.get(r.orgId) ?? byOrg.set(r.orgId, []).get(r.orgId)!).push(r);
  const out = new Map<string, Score>();
  for (const [org, list] of byOrg)
    out.set(
      org,
      computeScore(
        computeMetrics(list, ctx.params, ctx.now, { distributions: false }),
        ctx.bios.get(org),
        ctx.weights,
        ctx.minClosed,
      ),
    );
  return out;
}

/** Groups requests and computes every measure per group with the one metrics implementation. */
export function aggregate(reqs: readonly MeasuredRequest[], by: GroupBy, ctx: AggregateContext): Group[] {
  const groups = new Map<string, { label: string; reqs: MeasuredRequest[] }>();
  for (const r of reqs) {
    const [key, label] = keyOf(r, by, ctx.zone);
    (groups.get(key) ?? groups.set(key, { label, reqs: [] }).get(key)!).reqs.push(r);
  }
  const out: Group[] = [];
  for (const [key, g] of groups) {
    const metrics = computeMetrics(g.reqs, ctx.params, ctx.now);
    if (by === 'org') {
      const detail = computeScore(metrics, ctx.bios.get(key), ctx.weights, ctx.minClosed);
      out.push({ key, label: g.label, metrics, score: detail.score, scored: detail.score === null ? 0 : 1, detail });
    } else {
      const scores = [...orgScores(g.reqs, ctx).values()].map((s) => s.score).filter((s): s is number => s !== null);
      const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
      out.push({ key, label: g.label, metrics, score: mean, scored: scores.length });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An organisation nobody asked anything in the selection: no metrics, no score ("too few"). */
export function emptyOrgGroup(id: string, name: string, ctx: AggregateContext): Group {
  const metrics = emptyMetrics();
  const detail = computeScore(metrics, ctx.bios.get(id), ctx.weights, ctx.minClosed);
  return { key: id, label: name, metrics, score: null, scored: 0, detail };
}
