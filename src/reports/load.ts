import type { Kysely } from 'kysely';
import type { OfficeHours } from '../analysis/business-time.js';
import type { RequestFacts } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import { outcomeAtMs, plusLocalDays } from '../analysis/outcome.js';
import { timesKey, type RequestTimes } from '../analysis/request-times.js';
import { hoursBookOf, methodParamsOf } from '../config/method-params.js';
import { DAY_MS, isPlatform, type BioFields, type Outcome } from '../model/index.js';
import {
  requestsForReport,
  type OrgBio,
  type ReportRequestRow,
  type RequestFilters,
} from '../storage/report-queries.js';
import { hoursJsonOf, reportOrganisations, timesRows } from '../storage/request-times.js';
import type { Database } from '../storage/schema/index.js';

// The CLI, the bench and the digest read bios through the reports; the SQL lives in storage.

/** The filters of a report: those of storage, with the platform as the CLI gives it. */
export interface Filters extends Omit<RequestFilters, 'platform'> {
  platform?: string;
}

/** A request as it stood at the report's instant: what the metrics and the groupings read. */
export interface MeasuredRequest extends RequestFacts {
  platform: string;
  orgId: string;
  orgName: string;
  province: string | null;
  responseKind: string | null;
  /** When the first answer came (the first response may be an acknowledgement or redirect). */
  answerAt: string | null;
  /** Whether the outcome can still change, and from when it cannot (METHOD.md 3). */
  final: boolean;
  finalAt: string;
}

/** A measured request with what lists link it by: its post id and link. */
export interface LoadedRequest extends MeasuredRequest {
  postId: string;
  url: string | null;
}

/** One request's stored instants (epoch ms, null: none) and stored times with their key. */
interface Stored {
  platform: string;
  orgId: string;
  orgName: string;
  province: string | null;
  kind: MeasuredRequest['kind'];
  createdMs: number;
  responseMs: number | null;
  responseKind: string | null;
  answerMs: number | null;
  redirectMs: number | null;
  communityMs: number | null;
  otherOrgMs: number | null;
  hours: OfficeHours;
  times: RequestTimes | undefined;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const upTo = (ms: number | null, T: number) => (ms !== null && ms <= T ? ms : null);
const INF = Infinity;

/**
 * A request as it stood at instant T (METHOD.md 4b): responses that came later are not known yet,
 * the outcome is decided then by the one rule (analysis/outcome.ts). Instants are numbers; the
 * ISO strings the outputs print are made only when asked for.
 */
class MeasuredRow implements MeasuredRequest {
  readonly platform: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly province: string | null;
  readonly kind: MeasuredRequest['kind'];
  readonly outcome: Outcome;
  readonly final: boolean;
  readonly hours: OfficeHours;
  readonly times: RequestTimes | undefined;
  readonly createdMs: number;
  readonly responseMs: number | null;
  readonly answerMs: number | null;
  readonly responseKind: string | null;
  protected readonly finalMs: number;
  protected readonly communityMs: number | null;
  protected readonly otherOrgMs: number | null;

  constructor(s: Stored, T: number, windowDays: number, zone: string) {
    this.platform = s.platform;
    this.orgId = s.orgId;
    this.orgName = s.orgName;
    this.province = s.province;
    this.kind = s.kind;
    this.hours = s.hours;
    this.createdMs = s.createdMs;
    const responseMs = upTo(s.responseMs, T);
    this.responseMs = responseMs;
    this.responseKind = responseMs === null ? null : s.responseKind;
    this.answerMs = upTo(s.answerMs, T) ?? (s.responseKind === 'answer' ? responseMs : null);
    const redirectMs = upTo(s.redirectMs, T) ?? (this.responseKind === 'redirect' ? responseMs : null);
    this.communityMs = upTo(s.communityMs, T);
    this.otherOrgMs = upTo(s.otherOrgMs, T);
    // The stored norm flag is for the stored first answer; an answer known otherwise is measured anew.
    const storedAnswer = s.answerMs ?? (s.responseKind === 'answer' ? s.responseMs : null);
    this.times = this.answerMs === null || this.answerMs === storedAnswer ? s.times : undefined;
    const windowEnd = s.times?.windowEnd ?? plusLocalDays(s.createdMs, windowDays, zone);
    const at = outcomeAtMs(
      { responseMs: responseMs ?? INF, answerMs: this.answerMs ?? INF, redirectMs: redirectMs ?? INF },
      T,
      windowEnd,
    );
    this.outcome = at.outcome;
    this.final = at.final;
    this.finalMs = at.finalAt;
  }
  get createdAt(): string {
    return iso(this.createdMs)!;
  }
  get responseAt(): string | null {
    return iso(this.responseMs);
  }
  get answerAt(): string | null {
    return iso(this.answerMs);
  }
  get communityAt(): string | null {
    return iso(this.communityMs);
  }
  get otherOrgAt(): string | null {
    return iso(this.otherOrgMs);
  }
  get finalAt(): string {
    return new Date(this.finalMs).toISOString();
  }
}

/** A loaded request keeps the instants as stored (the lists print them as they came from the platform). */
class LoadedRow extends MeasuredRow implements LoadedRequest {
  constructor(
    s: Stored,
    T: number,
    windowDays: number,
    zone: string,
    readonly postId: string,
    readonly url: string | null,
    private readonly text: { created: string; response: string | null; answer: string | null },
    private readonly others: { community: string | null; otherOrg: string | null },
  ) {
    super(s, T, windowDays, zone);
  }
  override get createdAt(): string {
    return this.text.created;
  }
  override get responseAt(): string | null {
    return this.responseMs === null ? null : (this.text.response ?? iso(this.responseMs));
  }
  override get answerAt(): string | null {
    if (this.answerMs === null) return null;
    return this.text.answer !== null && Date.parse(this.text.answer) === this.answerMs
      ? this.text.answer
      : this.responseAt;
  }
  override get communityAt(): string | null {
    return this.communityMs === null ? null : this.others.community;
  }
  override get otherOrgAt(): string | null {
    return this.otherOrgMs === null ? null : this.others.otherOrg;
  }
}

const parse = (s: string | null) => (s === null ? null : Date.parse(s));

/**
 * WEBCARE_REFERENCE_PATH=1: every report computes every request's times from its instants and
 * office hours, ignoring what is stored (the slow path the fast one is tested against; also a way
 * for a user to check a figure they doubt).
 */
export const referencePath = () => process.env.WEBCARE_REFERENCE_PATH === '1';

/** Stored times when they were computed with these parameters and hours; else undefined (computed when read). */
function storedTimes(
  key: number | null,
  expected: number,
  t: {
    horizonEnd: number | null;
    windowEnd: number | null;
    normReach: number | null;
    responseBusinessMs: number | null;
    responseInHours: 0 | 1 | null;
    answerInNorm: 0 | 1 | null;
  },
): RequestTimes | undefined {
  if (key !== expected || t.horizonEnd === null || t.windowEnd === null) return undefined;
  return {
    horizonEnd: t.horizonEnd,
    windowEnd: t.windowEnd,
    normReach: t.normReach,
    responseBusinessMs: t.responseBusinessMs,
    responseInHours: t.responseInHours === null ? null : t.responseInHours === 1,
    answerInNorm: t.answerInNorm === null ? null : t.answerInNorm === 1,
  };
}

/** The expected key of each office hours object, computed once per report. */
function keyer(settings: Settings): (h: OfficeHours) => number {
  const params = methodParamsOf(settings);
  const keys = new Map<OfficeHours, number>();
  return (h) => {
    let k = keys.get(h);
    if (k === undefined) keys.set(h, (k = timesKey(h, params)));
    return k;
  };
}

/**
 * Requests matching the filters as they stood at `asOf` (METHOD.md 4b), oldest first, with their
 * organisation's name, province, office hours and link: requests created later are left out,
 * responses that came later are not known yet, and the outcome is decided then by the one rule
 * (analysis/outcome.ts), so a pending request whose window has passed reads as unanswered even
 * before the upkeep job has run. `asOf` is the command's now, or `--as-of`. The times stored with
 * each request are used when they were computed with the current parameters and hours.
 */
export async function loadRequests(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
  opts: { reference?: boolean } = {},
): Promise<LoadedRequest[]> {
  const platform = f.platform || undefined; // '' filters nothing, as an absent option
  // No stored request is on another platform than the known ones.
  if (platform !== undefined && !isPlatform(platform)) return [];
  const { outcome: wanted, limit, ...sqlFilters } = f;
  const windowDays = settings.config.method.answer_window_days;
  // Only a request whose answer window is still open can be pending: asking for pending ones
  // reads the last window (plus a day for daylight saving), not the whole history.
  if (wanted?.length && wanted.every((o) => o === 'pending')) {
    const open = new Date(asOf.getTime() - (windowDays + 1) * DAY_MS);
    if (!sqlFilters.since || sqlFilters.since < open) sqlFilters.since = open;
  }
  const zone = settings.config.timezone;
  const book = hoursBookOf(settings);
  const keyOf = keyer(settings);
  const T = asOf.getTime();
  const reference = opts.reference || referencePath();
  const toLoaded = (r: ReportRequestRow): LoadedRequest => {
    const hours = book.of(r.hours);
    const stored: Stored = {
      platform: r.platform,
      orgId: r.org_id,
      orgName: r.name,
      province: r.province,
      kind: r.kind,
      createdMs: Date.parse(r.created_at),
      responseMs: parse(r.response_at),
      responseKind: r.response_kind,
      answerMs: parse(r.answer_at),
      redirectMs: parse(r.redirect_at),
      communityMs: parse(r.community_at),
      otherOrgMs: parse(r.other_org_at),
      hours,
      times: reference
        ? undefined
        : storedTimes(r.times_key, keyOf(hours), {
            horizonEnd: r.horizon_end_ms,
            windowEnd: r.window_end_ms,
            normReach: r.norm_reach_ms,
            responseBusinessMs: r.response_business_ms,
            responseInHours: r.response_in_hours,
            answerInNorm: r.answer_in_norm,
          }),
    };
    return new LoadedRow(
      stored,
      T,
      windowDays,
      zone,
      r.post_id,
      r.url,
      { created: r.created_at, response: r.response_at, answer: r.answer_at },
      { community: r.community_at, otherOrg: r.other_org_at },
    );
  };
  if (wanted && limit)
    return (f.oldest ? oldestMatching : newestMatching)(db, { ...sqlFilters, platform }, asOf, wanted, limit, toLoaded);
  // An outcome filter is decided here, at the instant.
  const rows = await requestsForReport(db, { ...sqlFilters, platform, ...(wanted ? {} : { limit }) }, asOf);
  const out: LoadedRequest[] = [];
  for (const r of rows) {
    const row = toLoaded(r);
    if (wanted && !wanted.includes(row.outcome)) continue;
    out.push(row);
  }
  return out;
}

/**
 * The oldest `limit` requests with one of the wanted outcomes at the instant, oldest first (the
 * digest's oldest open requests): read oldest first in growing chunks until enough are found.
 */
async function oldestMatching(
  db: Kysely<Database>,
  f: Omit<RequestFilters, 'outcome' | 'limit'>,
  asOf: Date,
  wanted: readonly Outcome[],
  limit: number,
  toLoaded: (r: ReportRequestRow) => LoadedRequest,
): Promise<LoadedRequest[]> {
  const found: LoadedRequest[] = [];
  const seen = new Set<string>();
  let since = f.since;
  for (let chunk = Math.max(1000, limit * 4); ; chunk *= 2) {
    const rows = await requestsForReport(db, { ...f, since, limit: chunk, oldest: true }, asOf);
    for (const r of rows) {
      if (found.length >= limit) break;
      if (seen.has(keyOfRow(r))) continue;
      seen.add(keyOfRow(r));
      const row = toLoaded(r);
      if (wanted.includes(row.outcome)) found.push(row);
    }
    if (found.length >= limit || rows.length < chunk) break;
    // The next chunk starts at the newest one read: requests of the same millisecond are read
    // again rather than skipped (the seen set drops them).
    since = new Date(Date.parse(rows[rows.length - 1]!.created_at));
  }
  return found;
}

const keyOfRow = (r: ReportRequestRow) => `${r.platform}|${r.post_id}|${r.org_id}`;

/**
 * The newest `limit` requests with one of the wanted outcomes at the instant, oldest first: read
 * newest first in growing chunks until enough are found ("the latest 100 unanswered" reads weeks,
 * not the whole history). The outcome is decided per request, so it cannot be filtered in SQL.
 */
async function newestMatching(
  db: Kysely<Database>,
  f: Omit<RequestFilters, 'outcome' | 'limit'>,
  asOf: Date,
  wanted: readonly Outcome[],
  limit: number,
  toLoaded: (r: ReportRequestRow) => LoadedRequest,
): Promise<LoadedRequest[]> {
  const found: LoadedRequest[] = [];
  const seen = new Set<string>();
  let until = f.until;
  for (let chunk = Math.max(1000, limit * 4); ; chunk *= 2) {
    const rows = await requestsForReport(db, { ...f, until, limit: chunk }, asOf);
    for (let i = rows.length - 1; i >= 0 && found.length < limit; i--) {
      const r = rows[i]!;
      if (seen.has(keyOfRow(r))) continue;
      seen.add(keyOfRow(r));
      const row = toLoaded(r);
      if (wanted.includes(row.outcome)) found.push(row);
    }
    if (found.length >= limit || rows.length < chunk) break;
    // The next chunk ends just after the oldest one read: requests created in the same millisecond
    // are read again rather than skipped (the seen set drops them).
    until = new Date(Date.parse(rows[0]!.created_at) + 1);
  }
  return found.reverse();
}

/**
 * The requests of a report of figures (stats, top, the digest's tables), as loadRequests gives them
 * but without post ids and links: read from the covering index of stored times alone, which is
 * what makes a year of every gemeente a matter of milliseconds (#16). Falls back to loadRequests
 * when the database has requests without stored instants, and with `slow` (the reference path the
 * tests compare it with). The figures are the same either way.
 */
export async function loadMeasured(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
  opts: { slow?: boolean } = {},
): Promise<MeasuredRequest[]> {
  const platform = f.platform || undefined;
  if (platform !== undefined && !isPlatform(platform)) return [];
  if (opts.slow || referencePath()) return loadRequests(db, settings, f, asOf, { reference: true });
  if (f.outcome || f.limit) return loadRequests(db, settings, f, asOf);
  const rows = timesRows(db, { since: f.since, until: f.until, org: f.org, platform, kind: f.kind }, asOf);
  if (!rows) return loadRequests(db, settings, f, asOf);
  const { orgs, hours: storedHours } = await reportOrganisations(db);
  const zone = settings.config.timezone;
  const windowDays = settings.config.method.answer_window_days;
  const book = hoursBookOf(settings);
  const keyOf = keyer(settings);
  const T = asOf.getTime();
  const out: MeasuredRequest[] = [];
  for (const r of rows) {
    const org = orgs.get(r.orgId);
    if (!org || (f.province && org.province !== f.province)) continue;
    const hours = book.of(hoursJsonOf(r.orgId, r.accountId, storedHours));
    const stored: Stored = {
      platform: r.platform,
      orgId: r.orgId,
      orgName: org.name,
      province: org.province,
      kind: r.kind,
      createdMs: r.createdMs,
      responseMs: r.responseMs,
      responseKind: r.responseKind,
      answerMs: r.answerMs,
      redirectMs: r.redirectMs,
      communityMs: r.communityMs,
      otherOrgMs: r.otherOrgMs,
      hours,
      times: storedTimes(r.timesKey, keyOf(hours), {
        horizonEnd: r.horizonEndMs,
        windowEnd: r.windowEndMs,
        normReach: r.normReachMs,
        responseBusinessMs: r.responseBusinessMs,
        responseInHours: r.responseInHours,
        answerInNorm: r.answerInNorm,
      }),
    };
    out.push(new MeasuredRow(stored, T, windowDays, zone));
  }
  return out;
}

/** One bio per organisation for the score: its first account with a bio (platform order), or undefined. */
export function bioByOrg(bios: readonly OrgBio[], platform?: string): Map<string, BioFields> {
  const order = ['x', 'facebook', 'mastodon', 'bluesky'];
  const sorted = [...bios]
    .filter((b) => !platform || b.platform === platform)
    .sort((a, b) => order.indexOf(a.platform) - order.indexOf(b.platform));
  const map = new Map<string, BioFields>();
  for (const b of sorted) if (!map.has(b.orgId)) map.set(b.orgId, b.fields);
  return map;
}
