import type { Weights } from '../analysis/score.js';
import type { StatedHours } from '../model/index.js';
import type { METHOD_VERSION, READER_VERSION } from '../model/index.js';
import type { OrgBio } from '../storage/report-queries.js';
import type { GroupRow } from './group-row.js';

/** The method the digest was computed with (METHOD.md): the figures a reader needs to repeat it. */
export interface DigestMethod {
  version: typeof METHOD_VERSION;
  readerVersion: typeof READER_VERSION;
  weights: Weights;
  answerWindowDays: number;
  normWorkingDays: number;
  /** The default office hours as configured ({"mon": "08:30-17:00", ...}). */
  officeHours: Record<string, string | string[]>;
  minClosedRequests: number;
  /** The score horizon H in days (METHOD.md 4b). */
  scoreHorizonDays: number;
}

/** The ISO week of a digest: the half-open interval in UTC, and its local first and last day. */
export interface DigestWeek {
  label: string;
  from: string;
  to: string;
  zone: string;
  firstDay: string;
  lastDay: string;
}

/** The national figures of the week before, with that week's label. */
export interface PreviousWeekRow extends GroupRow {
  week: string;
}

/** Week over week: differences in requests, response rate (percentage points) and median hours. */
export interface WeekChange {
  requests: number;
  responseRatePoints: number | null;
  medianHours: number | null;
}

/** An organisation in the league table, with its rank the week before (null: not ranked then). */
export interface LeagueRow extends GroupRow {
  rank: number;
  previousRank: number | null;
  /** Positive: climbed. */
  rankChange: number | null;
}

/** Counts per outcome of one platform's requests. */
export interface OutcomeMix {
  platform: string;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
}

/** Responses in one bucket of response time. */
export interface HistogramBucket {
  bucket: string;
  count: number;
}

/** Responses in one hour of the week (local time), and whether that hour is office time. */
export interface HeatCell {
  /** 1 = Monday. */
  weekday: number;
  hour: number;
  responses: number;
  office: boolean;
}

/** The bios the digest reports on: changed during the week, deflecting, saying "niet gemonitord". */
export interface DigestBios {
  changed: OrgBio[];
  deflecting: OrgBio[];
  notMonitored: OrgBio[];
}

/** What an account's bio states against what it did this week (METHOD.md 5). */
export interface StatedVsActual {
  org: string;
  platform: string;
  handle: string;
  statedHours: StatedHours[];
  responses: number;
  insideStatedHours: number | null;
  /** Responses when the bio says nobody is there. */
  whenClosed: number;
  withinPromise: number | null;
}

/** A request still pending at the end of the week. */
export interface OpenRequest {
  org: string;
  name: string;
  platform: string;
  createdAt: string;
  /** Age at the end of the week, in days (1 decimal). */
  ageDays: number;
  kind: string;
  url: string | null;
}

/** An organisation's row of the open-data CSV: every measure, plus its CBS code and province. */
export interface OrganisationRow extends GroupRow {
  cbs: string | null;
  province: string | null;
}

/** Everything the digest shows, as typed data; digestJson turns it into the published JSON document. */
export interface DigestData {
  schema: number;
  method: DigestMethod;
  week: DigestWeek;
  generatedAt: string;
  /** The instant the figures stand at (`--as-of`, or when the digest was made). */
  asOf: string;
  /** The week's rates and scores are final (every request past the score horizon), and from when. */
  final: boolean;
  finalAt: string | null;
  empty: boolean;
  national: GroupRow;
  previousWeek: PreviousWeekRow;
  change: WeekChange;
  /**
   * The last complete week's national figures when the digest's week is an earlier one (the
   * default: the last week whose figures are final); provisional until its `finalAt`.
   */
  latestWeek: PreviousWeekRow | null;
  league: LeagueRow[];
  fastest: GroupRow[];
  mostWithoutResponse: GroupRow[];
  platforms: GroupRow[];
  outcomeMixByPlatform: OutcomeMix[];
  responseTimeHistogram: HistogramBucket[];
  heatmap: HeatCell[];
  bios: DigestBios;
  statedVsActual: StatedVsActual[];
  oldestOpen: OpenRequest[];
  organisations: OrganisationRow[];
}
