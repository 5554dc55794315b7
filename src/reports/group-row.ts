import type { Group } from './aggregate.js';
import { dur, num, pct, r4 } from './fmt.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Every published measure of one group (national, organisation, platform, ...), as the digest and
 * the query commands publish it: shares and hours rounded to 4 decimals. `groupJson` gives the
 * snake_case field names of the JSON and CSV outputs (docs/digest-schema.md).
 */
export interface GroupRow {
  key: string;
  label: string;
  requests: number;
  questions: number;
  reports: number;
  closed: number;
  responded: number;
  due: number;
  notYetDue: number;
  /** Due requests without any response within the score horizon. */
  noResponse: number;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
  responseRate: number | null;
  substance: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  businessMedianHours: number | null;
  businessP90Hours: number | null;
  answerMedianHours: number | null;
  answerP90Hours: number | null;
  within1h: number | null;
  within24h: number | null;
  withinNorm: number | null;
  outOfHoursResponses: number;
  communityFirst: number | null;
  otherOrgReplied: number;
  kmMedianHours: number | null;
  /** The rates and score are final (every request past the score horizon), and from when. */
  final: boolean;
  finalAt: string | null;
  /** When the last provisional outcome (not yet answered, window still open) becomes final; null when none. */
  outcomesFinalAt: string | null;
  /** Organisations: their score; other groups: the mean score of their scored organisations. */
  score: number | null;
  scoreResponseRate: number | null;
  scoreSubstance: number | null;
  scoreSpeed: number | null;
  scoreAccessibility: number | null;
  /** "too few" or null for an organisation; for other groups how many organisations the mean covers. */
  scoreNote: string | null;
}

/** A group row with the field names of the JSON and CSV outputs, in their published order. */
export interface GroupJson {
  key: string;
  label: string;
  requests: number;
  questions: number;
  reports: number;
  closed: number;
  responded: number;
  due: number;
  not_yet_due: number;
  no_response: number;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
  response_rate: number | null;
  substance: number | null;
  median_hours: number | null;
  p90_hours: number | null;
  business_median_hours: number | null;
  business_p90_hours: number | null;
  answer_median_hours: number | null;
  answer_p90_hours: number | null;
  within_1h: number | null;
  within_24h: number | null;
  within_norm: number | null;
  out_of_hours_responses: number;
  community_first: number | null;
  other_org_replied: number;
  km_median_hours: number | null;
  final: boolean;
  final_at: string | null;
  outcomes_final_at: string | null;
  score: number | null;
  score_response_rate: number | null;
  score_substance: number | null;
  score_speed: number | null;
  score_accessibility: number | null;
  score_note: string | null;
}

/** The CSV columns of a group row: every field of GroupJson, in the order groupJson writes them. */
export const GROUP_JSON_COLUMNS = [
  'key',
  'label',
  'requests',
  'questions',
  'reports',
  'closed',
  'responded',
  'due',
  'not_yet_due',
  'no_response',
  'answered',
  'redirected',
  'acknowledged',
  'unanswered',
  'pending',
  'response_rate',
  'substance',
  'median_hours',
  'p90_hours',
  'business_median_hours',
  'business_p90_hours',
  'answer_median_hours',
  'answer_p90_hours',
  'within_1h',
  'within_24h',
  'within_norm',
  'out_of_hours_responses',
  'community_first',
  'other_org_replied',
  'km_median_hours',
  'final',
  'final_at',
  'outcomes_final_at',
  'score',
  'score_response_rate',
  'score_substance',
  'score_speed',
  'score_accessibility',
  'score_note',
] as const satisfies readonly (keyof GroupJson)[];

/** Returns the published measures of a group (rounded as published). */
export function groupRow(g: Group): GroupRow {
  const m = g.metrics;
  const parts = g.detail?.parts;
  return {
    key: g.key,
    label: g.label,
    requests: m.requests,
    questions: m.byKind.question,
    reports: m.byKind.report,
    closed: m.closed,
    responded: m.responded,
    due: m.due,
    notYetDue: m.notYetDue,
    noResponse: m.noResponse,
    answered: m.byOutcome.answered,
    redirected: m.byOutcome.redirected,
    acknowledged: m.byOutcome.acknowledged,
    unanswered: m.byOutcome.unanswered,
    pending: m.byOutcome.pending,
    responseRate: r4(m.responseRate),
    substance: r4(m.substance),
    medianHours: r4(m.wallHours.median),
    p90Hours: r4(m.wallHours.p90),
    businessMedianHours: r4(m.businessHours.median),
    businessP90Hours: r4(m.businessHours.p90),
    answerMedianHours: r4(m.answerHours.median),
    answerP90Hours: r4(m.answerHours.p90),
    within1h: r4(m.within1h),
    within24h: r4(m.within24h),
    withinNorm: r4(m.withinNorm),
    outOfHoursResponses: m.outOfHoursResponses,
    communityFirst: r4(m.communityFirst),
    otherOrgReplied: m.otherOrgReplied,
    kmMedianHours: r4(m.kmMedianHours),
    final: m.final,
    finalAt: iso(m.finalAt),
    outcomesFinalAt: iso(m.outcomesFinalAt),
    score: g.score,
    scoreResponseRate: r4(parts?.responseRate ?? null),
    scoreSubstance: r4(parts?.substance ?? null),
    scoreSpeed: r4(parts?.speed ?? null),
    scoreAccessibility: r4(parts?.accessibility ?? null),
    scoreNote: g.detail ? g.detail.reason : `mean of ${g.scored} scored organisations`,
  };
}

/** Returns a group row with the published JSON/CSV field names (the one place they are spelled). */
export function groupJson(r: GroupRow): GroupJson {
  return {
    key: r.key,
    label: r.label,
    requests: r.requests,
    questions: r.questions,
    reports: r.reports,
    closed: r.closed,
    responded: r.responded,
    due: r.due,
    not_yet_due: r.notYetDue,
    no_response: r.noResponse,
    answered: r.answered,
    redirected: r.redirected,
    acknowledged: r.acknowledged,
    unanswered: r.unanswered,
    pending: r.pending,
    response_rate: r.responseRate,
    substance: r.substance,
    median_hours: r.medianHours,
    p90_hours: r.p90Hours,
    business_median_hours: r.businessMedianHours,
    business_p90_hours: r.businessP90Hours,
    answer_median_hours: r.answerMedianHours,
    answer_p90_hours: r.answerP90Hours,
    within_1h: r.within1h,
    within_24h: r.within24h,
    within_norm: r.withinNorm,
    out_of_hours_responses: r.outOfHoursResponses,
    community_first: r.communityFirst,
    other_org_replied: r.otherOrgReplied,
    km_median_hours: r.kmMedianHours,
    final: r.final,
    final_at: r.finalAt,
    outcomes_final_at: r.outcomesFinalAt,
    score: r.score,
    score_response_rate: r.scoreResponseRate,
    score_substance: r.scoreSubstance,
    score_speed: r.scoreSpeed,
    score_accessibility: r.scoreAccessibility,
    score_note: r.scoreNote,
  };
}

/** A group as a line of the 80-column table of `stats` and `top`. */
export interface GroupTableRow {
  group: string;
  requests: number;
  due: number;
  responded: string;
  median: string;
  p90: string;
  norm: string;
  score: string;
}

/** The columns of the 80-column group table, in order. */
export const GROUP_TABLE_COLUMNS = [
  'group',
  'requests',
  'due',
  'responded',
  'median',
  'p90',
  'norm',
  'score',
] as const satisfies readonly (keyof GroupTableRow)[];

/** Returns a group as a table line, formatted from the unrounded metrics. */
export function groupTableRow(g: Group): GroupTableRow {
  const m = g.metrics;
  return {
    group: g.label.slice(0, 22),
    requests: m.requests,
    due: m.due,
    // '*': this row's rates can still change (its requests are not all past the score horizon).
    responded: pct(m.responseRate) + (m.final ? '' : '*'),
    median: dur(m.wallHours.median),
    p90: dur(m.wallHours.p90),
    norm: pct(m.withinNorm),
    score: num(g.score) + (m.final || g.score === null ? '' : '*'),
  };
}
