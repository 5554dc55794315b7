import { DateTime } from 'luxon';
import type { Settings } from '../config/load.js';
import { METHOD_VERSION, READER_VERSION } from '../model/index.js';
import type { Group } from './aggregate.js';
import { plusLocalDays } from '../analysis/outcome.js';

/**
 * What every output names (METHOD.md 4b): the method version and the parameters its figures were
 * computed with, the instant they stand at, and whether they are final or from when they will be.
 */
export interface ReportMeta {
  method: typeof METHOD_VERSION;
  reader: typeof READER_VERSION;
  params: {
    answer_window_days: number;
    norm_working_days: number;
    score_horizon_days: number;
    min_closed_requests: number;
    weights: Settings['config']['method']['weights'];
    timezone: string;
  };
  as_of: string;
  /** Every rate and score below is final (each request past the score horizon). */
  final: boolean;
  /** From when they are final (null without requests). */
  final_at: string | null;
}

/**
 * The meta block of an output whose figures are the given groups, computed at `asOf`, over a period
 * ending at `until`. A period without an end (no --until) can always get new requests: it is never
 * final. With an end it is final once the score horizon has passed for that end (and for every
 * request in it).
 */
export function reportMeta(
  settings: Settings,
  asOf: Date,
  groups: readonly Group[],
  period: { until?: Date | undefined; open?: boolean } = {},
): ReportMeta {
  const m = settings.config.method;
  const finals = groups.map((g) => g.metrics.finalAt).filter((t): t is number => t !== null);
  if (period.until) finals.push(plusLocalDays(period.until.getTime(), m.score_horizon_days, settings.config.timezone));
  const open = period.open === true && !period.until;
  const finalAt = open || !finals.length ? null : Math.max(...finals);
  return {
    method: METHOD_VERSION,
    reader: READER_VERSION,
    params: {
      answer_window_days: m.answer_window_days,
      norm_working_days: m.norm_working_days,
      score_horizon_days: m.score_horizon_days,
      min_closed_requests: m.min_closed_requests,
      weights: { ...m.weights },
      timezone: settings.config.timezone,
    },
    as_of: asOf.toISOString(),
    final: !open && (finalAt === null || asOf.getTime() >= finalAt),
    final_at: finalAt === null ? null : new Date(finalAt).toISOString(),
  };
}

/**
 * The line under a table: method, parameters, instant, and (for tables of rates, `rates`) whether
 * they are final or provisional until when.
 */
export function metaFooter(meta: ReportMeta, rates = true): string {
  const p = meta.params;
  const local = (iso: string) => DateTime.fromISO(iso, { zone: p.timezone }).toFormat('yyyy-MM-dd HH:mm');
  // Two lines that each fit the 80-column tables above them.
  const state = meta.final
    ? 'final'
    : meta.final_at
      ? `PROVISIONAL (*), final from ${local(meta.final_at)}`
      : 'PROVISIONAL (*): an open period, give --until to fix its end';
  return (
    `method ${meta.method}: answer window ${p.answer_window_days} d, norm ${p.norm_working_days} working days, ` +
    `score horizon ${p.score_horizon_days} d\nas of ${local(meta.as_of)}${rates ? `: ${state}` : ''}\n`
  );
}

/** The columns every CSV of figures ends with, so a file read alone says how it was computed. */
export interface MetaColumns {
  method: number;
  answer_window_days: number;
  norm_working_days: number;
  score_horizon_days: number;
  as_of: string;
}
export const META_COLUMNS = [
  'method',
  'answer_window_days',
  'norm_working_days',
  'score_horizon_days',
  'as_of',
] as const satisfies readonly (keyof MetaColumns)[];

/** The meta block as CSV columns. */
export function metaColumns(meta: ReportMeta): MetaColumns {
  const p = meta.params;
  return {
    method: meta.method,
    answer_window_days: p.answer_window_days,
    norm_working_days: p.norm_working_days,
    score_horizon_days: p.score_horizon_days,
    as_of: meta.as_of,
  };
}
