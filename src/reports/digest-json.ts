import type { StatedHours } from '../model/index.js';
import { digestBioJson, type DigestBioJson } from './bio-row.js';
import type { DigestData, HeatCell, HistogramBucket, OrganisationRow, OutcomeMix } from './digest-types.js';
import { GROUP_JSON_COLUMNS, groupJson, type GroupJson } from './group-row.js';

/**
 * The digest as published in `<week>.json` (docs/digest-schema.md). Field names and their order
 * are part of the contract: the interfaces below spell them, digestJson fills them in that order.
 */
export interface DigestJson {
  schema: number;
  method: {
    version: number;
    reader_version: number;
    weights: Record<string, number>;
    answer_window_days: number;
    norm_working_days: number;
    office_hours: Record<string, string | string[]>;
    min_closed_requests: number;
    score_horizon_days: number;
  };
  week: { label: string; from: string; to: string; zone: string; first_day: string; last_day: string };
  generated_at: string;
  as_of: string;
  final: boolean;
  final_at: string | null;
  empty: boolean;
  national: GroupJson;
  previous_week: { week: string } & GroupJson;
  change: { requests: number; response_rate_points: number | null; median_hours: number | null };
  latest_week: ({ week: string } & GroupJson) | null;
  league: ({ rank: number; previous_rank: number | null; rank_change: number | null } & GroupJson)[];
  fastest: GroupJson[];
  most_without_response: GroupJson[];
  platforms: GroupJson[];
  outcome_mix_by_platform: OutcomeMix[];
  response_time_histogram: HistogramBucket[];
  heatmap: HeatCell[];
  bios: { changed: DigestBioJson[]; deflecting: DigestBioJson[]; not_monitored: DigestBioJson[] };
  stated_vs_actual: StatedVsActualJson[];
  oldest_open: OpenRequestJson[];
  organisations: OrganisationJson[];
}

/** An account's stated hours against its responses, as published. */
export interface StatedVsActualJson {
  org: string;
  platform: string;
  handle: string;
  stated_hours: StatedHours[];
  responses: number;
  inside_stated_hours: number | null;
  when_closed: number;
  within_promise: number | null;
}

/** A request still pending at the end of the week, as published. */
export interface OpenRequestJson {
  org: string;
  name: string;
  platform: string;
  created_at: string;
  age_days: number;
  kind: string;
  url: string | null;
}

/** An organisation's open-data record: every measure, then CBS code and province. */
export type OrganisationJson = GroupJson & { cbs: string | null; province: string | null };

/** The columns of the open-data CSV, in order. */
export const ORGANISATION_COLUMNS = [
  ...GROUP_JSON_COLUMNS,
  'cbs',
  'province',
] as const satisfies readonly (keyof OrganisationJson)[];

/** Returns an organisation's row with the published field names. */
export function organisationJson(r: OrganisationRow): OrganisationJson {
  return { ...groupJson(r), cbs: r.cbs, province: r.province };
}

/** Returns the digest as the published JSON document. */
export function digestJson(d: DigestData): DigestJson {
  const m = d.method;
  const w = d.week;
  return {
    schema: d.schema,
    method: {
      version: m.version,
      reader_version: m.readerVersion,
      weights: { ...m.weights },
      answer_window_days: m.answerWindowDays,
      norm_working_days: m.normWorkingDays,
      office_hours: m.officeHours,
      min_closed_requests: m.minClosedRequests,
      score_horizon_days: m.scoreHorizonDays,
    },
    week: { label: w.label, from: w.from, to: w.to, zone: w.zone, first_day: w.firstDay, last_day: w.lastDay },
    generated_at: d.generatedAt,
    as_of: d.asOf,
    final: d.final,
    final_at: d.finalAt,
    empty: d.empty,
    national: groupJson(d.national),
    previous_week: { week: d.previousWeek.week, ...groupJson(d.previousWeek) },
    change: {
      requests: d.change.requests,
      response_rate_points: d.change.responseRatePoints,
      median_hours: d.change.medianHours,
    },
    latest_week: d.latestWeek ? { week: d.latestWeek.week, ...groupJson(d.latestWeek) } : null,
    league: d.league.map((r) => ({
      rank: r.rank,
      previous_rank: r.previousRank,
      rank_change: r.rankChange,
      ...groupJson(r),
    })),
    fastest: d.fastest.map(groupJson),
    most_without_response: d.mostWithoutResponse.map(groupJson),
    platforms: d.platforms.map(groupJson),
    outcome_mix_by_platform: d.outcomeMixByPlatform.map((x) => ({
      platform: x.platform,
      answered: x.answered,
      redirected: x.redirected,
      acknowledged: x.acknowledged,
      unanswered: x.unanswered,
      pending: x.pending,
    })),
    response_time_histogram: d.responseTimeHistogram.map((b) => ({ bucket: b.bucket, count: b.count })),
    heatmap: d.heatmap.map((c) => ({ weekday: c.weekday, hour: c.hour, responses: c.responses, office: c.office })),
    bios: {
      changed: d.bios.changed.map(digestBioJson),
      deflecting: d.bios.deflecting.map(digestBioJson),
      not_monitored: d.bios.notMonitored.map(digestBioJson),
    },
    stated_vs_actual: d.statedVsActual.map((s) => ({
      org: s.org,
      platform: s.platform,
      handle: s.handle,
      stated_hours: s.statedHours,
      responses: s.responses,
      inside_stated_hours: s.insideStatedHours,
      when_closed: s.whenClosed,
      within_promise: s.withinPromise,
    })),
    oldest_open: d.oldestOpen.map((o) => ({
      org: o.org,
      name: o.name,
      platform: o.platform,
      created_at: o.createdAt,
      age_days: o.ageDays,
      kind: o.kind,
      url: o.url,
    })),
    organisations: d.organisations.map(organisationJson),
  };
}
