import type { Kysely } from 'kysely';
import type { OfficeHours } from '../analysis/business-time.js';
import type { RequestFacts } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import { DAY_MS, isPlatform, type BioFields, type Outcome, type WeeklyHours } from '../model/index.js';
import { requestsForReport, type OrgBio, type RequestFilters } from '../storage/report-queries.js';
import type { Database } from '../storage/schema/index.js';

// The CLI, the bench and the digest read bios through the reports; the SQL lives in storage.

/** The filters of a report: those of storage, with the platform as the CLI gives it. */
export interface Filters extends Omit<RequestFilters, 'platform'> {
  platform?: string;
}

/** A request with what the reports group and link by. */
export interface LoadedRequest extends RequestFacts {
  platform: string;
  postId: string;
  orgId: string;
  orgName: string;
  province: string | null;
  responseKind: string | null;
  /** When the first answer came (the first response may be an acknowledgement or redirect). */
  answerAt: string | null;
  url: string | null;
}

/**
 * Requests matching the filters, oldest first, with their organisation's name, province and office
 * hours. The outcome of a pending request whose window has passed is read as unanswered even before
 * the upkeep job has run.
 */
export async function loadRequests(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  now: Date,
): Promise<LoadedRequest[]> {
  const platform = f.platform || undefined; // '' filters nothing, as an absent option
  // No stored request is on another platform than the known ones.
  if (platform !== undefined && !isPlatform(platform)) return [];
  const cutoff = now.getTime() - settings.config.method.answer_window_days * DAY_MS;
  const rows = await requestsForReport(db, { ...f, platform }, new Date(cutoff));
  const zone = settings.config.timezone;
  const defaultHours = settings.config.method.office_hours;
  const hoursCache = new Map<string | null, OfficeHours>();
  const out: LoadedRequest[] = [];
  for (const r of rows) {
    let hours = hoursCache.get(r.hours);
    if (!hours) {
      hours = { zone, weekly: r.hours ? (JSON.parse(r.hours) as WeeklyHours) : defaultHours };
      hoursCache.set(r.hours, hours);
    }
    const outcome: Outcome = r.outcome === 'pending' && Date.parse(r.created_at) < cutoff ? 'unanswered' : r.outcome;
    if (f.outcome && !f.outcome.includes(outcome)) continue;
    out.push({
      platform: r.platform,
      postId: r.post_id,
      orgId: r.org_id,
      orgName: r.name,
      province: r.province,
      kind: r.kind,
      outcome,
      createdAt: r.created_at,
      responseAt: r.response_at,
      responseKind: r.response_kind,
      answerAt: r.answer_at,
      communityAt: r.community_at,
      url: r.url,
      hours,
    });
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
