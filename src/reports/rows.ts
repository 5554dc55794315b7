import type { Metrics } from '../analysis/metrics.js';
import type { Group } from './aggregate.js';
import { dur, num, pct, r4 } from './fmt.js';

/** One group as a JSON object with every metric (also the open-data CSV row). */
export function groupJson(g: Group): Record<string, unknown> {
  const m: Metrics = g.metrics;
  return {
    key: g.key,
    label: g.label,
    requests: m.requests,
    questions: m.byKind.question,
    reports: m.byKind.report,
    closed: m.closed,
    responded: m.responded,
    ...Object.fromEntries(Object.entries(m.byOutcome).map(([k, v]) => [k, v])),
    response_rate: r4(m.responseRate),
    substance: r4(m.substance),
    median_hours: r4(m.wallHours.median),
    p90_hours: r4(m.wallHours.p90),
    business_median_hours: r4(m.businessHours.median),
    business_p90_hours: r4(m.businessHours.p90),
    within_1h: r4(m.within1h),
    within_24h: r4(m.within24h),
    within_norm: r4(m.withinNorm),
    out_of_hours_responses: m.outOfHoursResponses,
    community_first: r4(m.communityFirst),
    km_median_hours: r4(m.kmMedianHours),
    score: g.score,
    score_response_rate: r4(g.detail?.parts.responseRate ?? null),
    score_substance: r4(g.detail?.parts.substance ?? null),
    score_speed: r4(g.detail?.parts.speed ?? null),
    score_accessibility: r4(g.detail?.parts.accessibility ?? null),
    score_note: g.detail ? g.detail.reason : `mean of ${g.scored} scored organisations`,
  };
}

/** A group as a row of the 80-column table. */
export function groupRow(g: Group): Record<string, unknown> {
  const m = g.metrics;
  return { group: g.label.slice(0, 22), requests: m.requests, closed: m.closed, responded: pct(m.responseRate), median: dur(m.wallHours.median), p90: dur(m.wallHours.p90), norm: pct(m.withinNorm), score: num(g.score) };
}
export const GROUP_COLUMNS = ['group', 'requests', 'closed', 'responded', 'median', 'p90', 'norm', 'score'];
