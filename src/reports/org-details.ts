import type { Kysely } from 'kysely';
import { statedVersusActual, type StatedVersusActual } from '../analysis/metrics.js';
import { requestTimes } from '../analysis/request-times.js';
import { quantile } from '../analysis/stats.js';
import type { Settings } from '../config/load.js';
import { methodParamsOf } from '../config/method-params.js';
import { DAY_MS, HOUR_MS, type Outcome } from '../model/index.js';
import { requestTexts, type RequestTexts } from '../storage/dashboard-queries.js';
import type { BioVersion } from '../storage/report-queries.js';
import type { Database } from '../storage/schema/index.js';
import type { Group } from './aggregate.js';
import { loadRequests, type Filters, type LoadedRequest, type MeasuredRequest } from './load.js';

/** Upper bounds (hours, exclusive) of the response-time histogram's bins; the last bin is open. */
export const HISTOGRAM_EDGES = [1, 4, 24, 48, 168] as const;

/** Response times of the responded requests: counts per bin (HISTOGRAM_EDGES + one open bin), wall and business. */
export interface Distribution {
  responses: number;
  wall: number[];
  business: number[];
}

function bin(hours: number): number {
  const i = HISTOGRAM_EDGES.findIndex((edge) => hours < edge);
  return i === -1 ? HISTOGRAM_EDGES.length : i;
}

/** Counts the first responses known at the instant per bin of wall-clock and business hours (METHOD.md 4). */
export function responseDistribution(reqs: readonly MeasuredRequest[], settings: Settings): Distribution {
  const params = methodParamsOf(settings);
  const wall = new Array<number>(HISTOGRAM_EDGES.length + 1).fill(0);
  const business = new Array<number>(HISTOGRAM_EDGES.length + 1).fill(0);
  let responses = 0;
  for (const r of reqs) {
    if (r.responseAt === null || r.outcome === 'unanswered' || r.outcome === 'pending') continue;
    const created = r.createdMs ?? Date.parse(r.createdAt);
    const ms = Math.max(0, (r.responseMs ?? Date.parse(r.responseAt)) - created);
    const t =
      r.times ??
      requestTimes({ createdAt: r.createdAt, responseAt: r.responseAt, answerAt: r.answerAt ?? null }, r.hours, params);
    responses++;
    wall[bin(ms / HOUR_MS)]!++;
    business[bin((t.responseBusinessMs ?? 0) / HOUR_MS)]!++;
  }
  return { responses, wall, business };
}

/** The medians of the organisations with a score among `peers` (one of which may be the organisation itself). */
export interface PeerMedians {
  organisations: number;
  score: number | null;
  responseRate: number | null;
  medianHours: number | null;
  withinNorm: number | null;
}

/** Medians of the organisation figures of peers (METHOD.md 6: only organisations with enough requests for a score). */
export function peerMedians(peers: readonly Group[]): PeerMedians {
  const scored = peers.filter((g) => g.score !== null);
  const med = (pick: (g: Group) => number | null) => {
    const values = scored.map(pick).filter((v): v is number => v !== null);
    return values.length ? quantile(values, 0.5) : null;
  };
  return {
    organisations: scored.length,
    score: med((g) => g.score),
    responseRate: med((g) => g.metrics.responseRate),
    medianHours: med((g) => g.metrics.wallHours.median),
    withinNorm: med((g) => g.metrics.withinNorm),
  };
}

/** A bio version with, for the account's latest version, how the account really behaved (METHOD.md 5). */
export interface BioEntry {
  version: BioVersion;
  latest: boolean;
  actual: StatedVersusActual | null;
}

/** Every bio version known at the instant, oldest first per account; the latest ones compared with the requests. */
export function bioEntries(
  versions: readonly BioVersion[],
  reqs: readonly MeasuredRequest[],
  zone: string,
  asOf: Date,
) {
  const known = versions.filter((v) => Date.parse(v.fetchedAt) <= asOf.getTime());
  const lastOf = new Map<string, BioVersion>();
  for (const v of known) lastOf.set(`${v.platform}|${v.handle}`, v);
  return known.map((version): BioEntry => {
    const latest = lastOf.get(`${version.platform}|${version.handle}`) === version;
    const own = reqs.filter((r) => r.platform === version.platform);
    return { version, latest, actual: latest ? statedVersusActual(version.fields, own, zone) : null };
  });
}

/** A listed request with its texts (while retained) and its age at the instant. */
export interface ListedRequest {
  request: LoadedRequest;
  texts: RequestTexts | undefined;
  ageMs: number;
}

/**
 * The requests waiting now (oldest first, the newest `limit`): no response yet, or only an
 * acknowledgement, while their answer window is open, so their outcome can still change. Read from
 * the open window only (plus a day for daylight saving), so every one of them is found.
 */
export async function waitingNow(
  db: Kysely<Database>,
  settings: Settings,
  f: Omit<Filters, 'outcome' | 'limit'>,
  asOf: Date,
  limit: number,
): Promise<LoadedRequest[]> {
  const open = new Date(asOf.getTime() - (settings.config.method.answer_window_days + 1) * DAY_MS);
  const since = f.since && f.since > open ? f.since : open;
  const loaded = await loadRequests(db, settings, { ...f, since, outcome: ['pending', 'acknowledged'] }, asOf);
  return loaded.filter((r) => !r.final).slice(-limit);
}

/**
 * The newest `limit` requests of an organisation with one of `outcomes` at the instant (newest first),
 * with their texts; `waiting` lists the requests waiting now instead (waitingNow).
 */
export async function listRequests(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters & { org: string },
  asOf: Date,
  outcomes: Outcome[] | 'waiting',
  limit: number,
): Promise<ListedRequest[]> {
  const loaded =
    outcomes === 'waiting'
      ? await waitingNow(db, settings, f, asOf, limit)
      : await loadRequests(db, settings, { ...f, outcome: outcomes, limit }, asOf);
  const reqs = loaded.reverse();
  const texts = await requestTexts(db, f.org, reqs);
  return reqs.map((request) => ({
    request,
    texts: texts.get(`${request.platform}|${request.postId}`),
    ageMs: Math.max(0, asOf.getTime() - Date.parse(request.createdAt)),
  }));
}
