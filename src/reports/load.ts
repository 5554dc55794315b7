import type { Kysely } from 'kysely';
import type { Settings } from '../config/load.js';
import { hoursBookOf } from '../config/method-params.js';
import { DAY_MS, isPlatform, type BioFields, type Outcome } from '../model/index.js';
import {
  requestsForReport,
  type OrgBio,
  type ReportRequestRow,
  type RequestFilters,
} from '../storage/report-queries.js';
import { hoursJsonOf, reportOrganisations, timesRows } from '../storage/request-times.js';
import type { Database } from '../storage/schema/index.js';
import {
  keyer,
  LoadedRow,
  MeasuredRow,
  storedTimes,
  type LoadedRequest,
  type MeasuredRequest,
  type Stored,
} from './measured-row.js';

export type { LoadedRequest, MeasuredRequest } from './measured-row.js';

// The CLI, the bench and the digest read requests through the reports; the SQL lives in storage.

/** The filters of a report: those of storage, with the platform as the CLI gives it. */
export interface Filters extends Omit<RequestFilters, 'platform'> {
  platform?: string;
}

const parse = (s: string | null) => (s === null ? null : Date.parse(s));

/**
 * WEBCARE_REFERENCE_PATH=1: every report computes every request's times from its instants and
 * office hours, ignoring what is stored (the slow path the fast one is tested against; also a way
 * for a user to check a figure they doubt).
 */
export const referencePath = () => process.env.WEBCARE_REFERENCE_PATH === '1';

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
  // And only a request whose window has closed can be unanswered: "the latest 100 unanswered" starts
  // reading where the open window begins (a day later, for daylight saving), not at the instant.
  if (wanted?.length && wanted.every((o) => o === 'unanswered')) {
    const closed = new Date(asOf.getTime() - (windowDays - 1) * DAY_MS);
    if (!sqlFilters.until || sqlFilters.until > closed) sqlFilters.until = closed;
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
    return matchingFromEnd(db, { ...sqlFilters, platform }, asOf, wanted, limit, Boolean(f.oldest), toLoaded);
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

const keyOfRow = (r: ReportRequestRow) => `${r.platform}|${r.post_id}|${r.org_id}`;

/**
 * The newest (or with `oldest` the oldest) `limit` requests with one of the wanted outcomes at the
 * instant, oldest first: read from that end in growing chunks until enough are found ("the latest
 * 100 unanswered" reads weeks, not the whole history; the digest's ten oldest open requests read
 * the start of the open window). The outcome is decided per request, so it cannot be filtered in SQL.
 */
async function matchingFromEnd(
  db: Kysely<Database>,
  f: Omit<RequestFilters, 'outcome' | 'limit'>,
  asOf: Date,
  wanted: readonly Outcome[],
  limit: number,
  oldest: boolean,
  toLoaded: (r: ReportRequestRow) => LoadedRequest,
): Promise<LoadedRequest[]> {
  const found: LoadedRequest[] = [];
  const seen = new Set<string>();
  let bound = oldest ? f.since : f.until;
  for (let chunk = Math.max(1000, limit * 4); ; chunk *= 2) {
    const rows = await requestsForReport(
      db,
      { ...f, ...(oldest ? { since: bound, oldest } : { until: bound }), limit: chunk },
      asOf,
    );
    // Oldest first in both cases: walk from the end that was asked for.
    const fromEnd = oldest ? rows : [...rows].reverse();
    for (const r of fromEnd) {
      if (found.length >= limit) break;
      if (seen.has(keyOfRow(r))) continue;
      seen.add(keyOfRow(r));
      const row = toLoaded(r);
      if (wanted.includes(row.outcome)) found.push(row);
    }
    if (found.length >= limit || rows.length < chunk) break;
    // The next chunk starts at the last instant read (inclusive): requests of the same millisecond
    // are read again rather than skipped (the seen set drops them).
    const last = Date.parse(fromEnd[fromEnd.length - 1]!.created_at);
    bound = new Date(oldest ? last : last + 1);
  }
  return oldest ? found : found.reverse();
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
