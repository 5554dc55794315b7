import type { Kysely } from 'kysely';
import type { OfficeHours } from '../analysis/business-time.js';
import type { RequestFacts } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import { outcomeAt } from '../analysis/outcome.js';
import { holidayCalendar } from '../analysis/holidays.js';
import { isPlatform, type BioFields, type WeeklyHours } from '../model/index.js';
import { requestsForReport, type OrgBio, type RequestFilters } from '../storage/report-queries.js';
import type { Database } from '../storage/schema/index.js';

// The CLI, the bench and the digest read bios through the reports; the SQL lives in storage.

/** The filters of a report: those of storage, with the platform as the CLI gives it. */
export interface Filters extends Omit<RequestFilters, 'platform'> {
  platform?: string;
}

/** A request as it stood at the report's instant, with what the reports group and link by. */
export interface LoadedRequest extends RequestFacts {
  platform: string;
  postId: string;
  orgId: string;
  orgName: string;
  province: string | null;
  responseKind: string | null;
  /** When the first answer came (the first response may be an acknowledgement or redirect). */
  answerAt: string | null;
  /** Whether the outcome can still change, and from when it cannot (METHOD.md 3). */
  final: boolean;
  finalAt: string;
  url: string | null;
}

const known = (iso: string | null, asOf: number) => (iso !== null && Date.parse(iso) <= asOf ? iso : null);

/**
 * Requests matching the filters as they stood at `asOf` (METHOD.md 4b), oldest first, with their
 * organisation's name, province and office hours: requests created later are left out, responses
 * that came later are not known yet, and the outcome is decided then by the one rule
 * (analysis/outcome.ts), so a pending request whose window has passed reads as unanswered even
 * before the upkeep job has run. `asOf` is the command's now, or `--as-of`.
 */
export async function loadRequests(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
): Promise<LoadedRequest[]> {
  const platform = f.platform || undefined; // '' filters nothing, as an absent option
  // No stored request is on another platform than the known ones.
  if (platform !== undefined && !isPlatform(platform)) return [];
  const { outcome: wanted, limit, ...sqlFilters } = f;
  // An outcome filter is decided here, at the instant: the limit applies to what it keeps.
  const rows = await requestsForReport(db, { ...sqlFilters, platform, ...(wanted ? {} : { limit }) }, asOf);
  const zone = settings.config.timezone;
  const windowDays = settings.config.method.answer_window_days;
  const defaultHours = settings.config.method.office_hours;
  const hoursCache = new Map<string | null, OfficeHours>();
  // The configured public holidays (METHOD.md 4), one calendar for every organisation.
  const holidays = holidayCalendar(settings.config.method.holidays);
  const T = asOf.getTime();
  const out: LoadedRequest[] = [];
  for (const r of rows) {
    let hours = hoursCache.get(r.hours);
    if (!hours) {
      hours = { zone, weekly: r.hours ? (JSON.parse(r.hours) as WeeklyHours) : defaultHours, holidays };
      hoursCache.set(r.hours, hours);
    }
    const responseAt = known(r.response_at, T);
    const facts = {
      createdAt: r.created_at,
      responseAt,
      responseKind: responseAt === null ? null : r.response_kind,
      answerAt: known(r.answer_at, T) ?? (r.response_kind === 'answer' ? responseAt : null),
      redirectAt: known(r.redirect_at, T),
    };
    const at = outcomeAt(facts, T, windowDays, zone);
    if (wanted && !wanted.includes(at.outcome)) continue;
    out.push({
      platform: r.platform,
      postId: r.post_id,
      orgId: r.org_id,
      orgName: r.name,
      province: r.province,
      kind: r.kind,
      outcome: at.outcome,
      final: at.final,
      finalAt: new Date(at.finalAt).toISOString(),
      createdAt: r.created_at,
      responseAt,
      responseKind: facts.responseKind,
      answerAt: facts.answerAt,
      communityAt: known(r.community_at, T),
      otherOrgAt: known(r.other_org_at, T),
      url: r.url,
      hours,
    });
  }
  return wanted && limit ? out.slice(-limit) : out;
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
