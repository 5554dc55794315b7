import type { Kysely } from 'kysely';
import type { OfficeHours } from '../analysis/business-time.js';
import type { RequestFacts } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import type { BioFields, Outcome, WeeklyHours } from '../model/index.js';
import type { Database } from '../storage/schema/index.js';

export interface Filters {
  since?: Date;
  until?: Date;
  org?: string;
  platform?: string;
  province?: string;
  kind?: 'question' | 'report';
  outcome?: Outcome[];
  /** Only the newest this many (newest first in SQL, returned oldest first). */
  limit?: number;
}

/** A request with what the reports group and link by. */
export interface LoadedRequest extends RequestFacts {
  platform: string;
  postId: string;
  orgId: string;
  orgName: string;
  province: string | null;
  responseKind: string | null;
  url: string | null;
}

/**
 * Requests matching the filters, read through the indexes on requests (created_at, org), joined to
 * their organisation for name, province and office hours. The outcome of a pending request whose
 * window has passed is read as unanswered even before the upkeep job has run.
 */
export async function loadRequests(db: Kysely<Database>, settings: Settings, f: Filters, now: Date): Promise<LoadedRequest[]> {
  let q = db
    .selectFrom('requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    .select(['r.platform', 'r.post_id', 'r.org_id', 'o.name', 'o.province', 'o.hours', 'r.kind', 'r.outcome', 'r.created_at', 'r.response_at', 'r.response_kind', 'r.community_at', 'p.url']);
  if (f.since) q = q.where('r.created_at', '>=', f.since.toISOString());
  if (f.until) q = q.where('r.created_at', '<', f.until.toISOString());
  if (f.org) q = q.where('r.org_id', '=', f.org);
  if (f.platform) q = q.where('r.platform', '=', f.platform);
  if (f.province) q = q.where('o.province', '=', f.province);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  const cutoff = now.getTime() - settings.config.method.answer_window_days * 86_400_000;
  const cutoffIso = new Date(cutoff).toISOString();
  if (f.outcome) {
    // A pending request past the window reads as unanswered: filter on the outcome as it reads now.
    const wanted = f.outcome;
    const settled = wanted.filter((o) => o !== 'pending');
    q = q.where((eb) =>
      eb.or([
        ...(settled.length ? [eb('r.outcome', 'in', settled)] : []),
        ...(wanted.includes('pending') ? [eb.and([eb('r.outcome', '=', 'pending'), eb('r.created_at', '>=', cutoffIso)])] : []),
        ...(wanted.includes('unanswered') ? [eb.and([eb('r.outcome', '=', 'pending'), eb('r.created_at', '<', cutoffIso)])] : []),
      ]),
    );
  }
  const rows = f.limit ? (await q.orderBy('r.created_at', 'desc').limit(f.limit).execute()).reverse() : await q.orderBy('r.created_at').execute();
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
    const outcome = (r.outcome === 'pending' && Date.parse(r.created_at) < cutoff ? 'unanswered' : r.outcome) as Outcome;
    if (f.outcome && !f.outcome.includes(outcome)) continue;
    out.push({
      platform: r.platform,
      postId: r.post_id,
      orgId: r.org_id,
      orgName: r.name,
      province: r.province,
      kind: r.kind as 'question' | 'report',
      outcome,
      createdAt: r.created_at,
      responseAt: r.response_at,
      responseKind: r.response_kind,
      communityAt: r.community_at,
      url: r.url,
      hours,
    });
  }
  return out;
}

export interface OrgBio { orgId: string; platform: string; handle: string; fetchedAt: string; text: string; fields: BioFields; previousText: string | null }

/** The latest bio of every account (with the version before it), optionally only changed since `since`. */
export async function latestBios(db: Kysely<Database>): Promise<OrgBio[]> {
  const rows = await db
    .selectFrom('bios as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select(['a.org_id', 'a.platform', 'a.handle', 'b.account_id', 'b.fetched_at', 'b.text', 'b.parsed'])
    .orderBy('b.account_id')
    .orderBy('b.fetched_at', 'desc')
    .execute();
  const out: OrgBio[] = [];
  let prevAccount: number | undefined;
  for (const r of rows) {
    if (r.account_id === prevAccount) {
      const last = out[out.length - 1]!;
      if (last.previousText === null) last.previousText = r.text;
      continue;
    }
    prevAccount = r.account_id;
    out.push({ orgId: r.org_id, platform: r.platform, handle: r.handle, fetchedAt: r.fetched_at, text: r.text, fields: JSON.parse(r.parsed) as BioFields, previousText: null });
  }
  return out;
}

/** One bio per organisation for the score: its first account with a bio (platform order), or undefined. */
export function bioByOrg(bios: readonly OrgBio[], platform?: string): Map<string, BioFields> {
  const order = ['x', 'facebook', 'mastodon', 'bluesky'];
  const sorted = [...bios].filter((b) => !platform || b.platform === platform).sort((a, b) => order.indexOf(a.platform) - order.indexOf(b.platform));
  const map = new Map<string, BioFields>();
  for (const b of sorted) if (!map.has(b.orgId)) map.set(b.orgId, b.fields);
  return map;
}
