import { createHash } from 'node:crypto';
import { businessMillis, businessReachAt, calendarOf, isWithinHours, workingDayMillis } from './business-time.js';
import type { OfficeHours } from './business-time.js';
import { plusLocalDays } from './outcome.js';
import type { MethodParams } from './metrics.js';

/**
 * What the metrics need of one request that does not depend on the instant a report is read at
 * (METHOD.md 3-4b): its horizon and window ends, when its norm passes, and the office time of its
 * first response and answer. The ingest stores them with the request, so a report adds up numbers
 * instead of walking the office calendar per request; the metrics compute them the same way when a
 * stored row lacks them (the slow path, and the reference the fast one is tested against).
 */
export interface RequestTimes {
  /** created + H calendar days (the score horizon). */
  horizonEnd: number;
  /** created + the answer window in calendar days. */
  windowEnd: number;
  /** The instant the norm's office time has passed since created; null when it never does. */
  normReach: number | null;
  /** Office time from the request to its first response; null without one. */
  responseBusinessMs: number | null;
  /** The first response came inside office hours; null without one. */
  responseInHours: boolean | null;
  /** The first answer came within the norm (office time); null without an answer. */
  answerInNorm: boolean | null;
}

/** One request's instants as stored (ISO strings); the answer is the first response that answers. */
export interface TimesInput {
  createdAt: string;
  responseAt: string | null;
  answerAt: string | null;
}

/** Computes a request's instant-free times with the method parameters and its office hours. */
export function requestTimes(r: TimesInput, hours: OfficeHours, p: MethodParams): RequestTimes {
  const created = Date.parse(r.createdAt);
  const normMs = p.normWorkingDays * workingDayMillis(hours);
  return {
    horizonEnd: plusLocalDays(created, p.horizonDays, p.zone),
    windowEnd: plusLocalDays(created, p.windowDays, p.zone),
    normReach: businessReachAt(created, hours, normMs),
    responseBusinessMs: r.responseAt === null ? null : businessMillis(r.createdAt, r.responseAt, hours),
    responseInHours: r.responseAt === null ? null : isWithinHours(r.responseAt, hours),
    answerInNorm: r.answerAt === null ? null : businessMillis(created, r.answerAt, hours) <= normMs,
  };
}

const keys = new Map<string, number>();

/**
 * A number naming everything the times were computed with (method parameters, zone, office hours,
 * holiday calendar): stored with each row, so a row computed with other parameters or hours is
 * recognised and recomputed. 52 bits of SHA-1, an exact integer in SQLite and JavaScript.
 */
export function timesKey(hours: OfficeHours, p: MethodParams): number {
  // Asked per request: the same hours and parameters objects answer from memory.
  const hit = byObject.get(hours);
  if (hit && hit.p === p) return hit.key;
  const key = keyOfText(hours, p);
  byObject.set(hours, { p, key });
  return key;
}
const byObject = new WeakMap<OfficeHours, { p: MethodParams; key: number }>();

function keyOfText(hours: OfficeHours, p: MethodParams): number {
  const text = JSON.stringify([
    1, // the version of requestTimes itself: raise it when its rules change
    p.windowDays,
    p.horizonDays,
    p.normWorkingDays,
    p.zone,
    hours.zone,
    hours.weekly,
    calendarOf(hours).key,
  ]);
  let k = keys.get(text);
  if (k === undefined) {
    k = parseInt(createHash('sha1').update(text).digest('hex').slice(0, 13), 16);
    if (keys.size > 10_000) keys.clear();
    keys.set(text, k);
  }
  return k;
}

/**
 * The office hours of requests, from the JSON stored with their account or organisation (null: the
 * method's default), one object per distinct JSON: the writer and every reader build them the same
 * way, so their keys agree.
 */
export class HoursBook {
  private readonly byJson = new Map<string | null, OfficeHours>();
  constructor(
    private readonly zone: string,
    private readonly defaultWeekly: OfficeHours['weekly'],
    private readonly holidays: OfficeHours['holidays'],
  ) {}
  of(json: string | null): OfficeHours {
    let h = this.byJson.get(json);
    if (!h) {
      const weekly = json ? (JSON.parse(json) as OfficeHours['weekly']) : this.defaultWeekly;
      this.byJson.set(json, (h = { zone: this.zone, weekly, holidays: this.holidays }));
    }
    return h;
  }
}
