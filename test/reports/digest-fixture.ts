/** A small DigestData whose outside texts (names, bios, handles, post URL) a test chooses. */
import type { Group } from '../../src/reports/aggregate.js';
import type { DigestData } from '../../src/reports/digest-types.js';
import { emptyMetrics } from '../../src/reports/empty.js';
import { groupRow } from '../../src/reports/group-row.js';
import type { OrgBio } from '../../src/storage/report-queries.js';

export interface OutsideText {
  /** An organisation's name (league, fastest, platforms, open requests, charts). */
  label: string;
  /** An organisation id (bios, stated against actual hours). */
  org: string;
  handle: string;
  bio: string;
  /** The URL of the oldest open request's post. */
  url: string | null;
}

export const PLAIN: OutsideText = {
  label: 'Zwolle',
  org: 'zwolle',
  handle: 'gemeentezwolle',
  bio: 'Voor vragen: e-mail ons op info@zwolle.nl',
  url: 'https://x.com/i/status/1',
};

const weights = { response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 };

/** The digest of one organisation whose texts are `t`. */
export function digestWith(partial: Partial<OutsideText> = {}): DigestData {
  const t = { ...PLAIN, ...partial };
  const metrics = { ...emptyMetrics(), requests: 3, closed: 3, responded: 2, responseRate: 2 / 3 };
  const group: Group = {
    key: t.org,
    label: t.label,
    metrics: { ...metrics, wallHours: { median: 2, p90: 3 } },
    score: 7.5,
    scored: 1,
  };
  const row = groupRow(group);
  const bio: OrgBio = {
    orgId: t.org,
    platform: 'x',
    handle: t.handle,
    fetchedAt: '2026-11-04T06:30:00.000Z',
    text: t.bio,
    fields: {
      deflects: true,
      channels: ['email'],
      notMonitored: true,
      invitesQuestions: false,
      hours: [],
      promise: null,
    },
    previousText: 'before',
  };
  return {
    schema: 1,
    method: {
      version: 2,
      readerVersion: 2,
      weights,
      answerWindowDays: 30,
      normWorkingDays: 2,
      officeHours: { mon: '08:30-17:00' },
      minClosedRequests: 5,
      scoreHorizonDays: 7,
    },
    week: {
      label: '2026-W45',
      from: '2026-11-01T23:00:00.000Z',
      to: '2026-11-08T23:00:00.000Z',
      zone: 'Europe/Amsterdam',
      firstDay: '2026-11-02',
      lastDay: '2026-11-08',
    },
    generatedAt: '2026-11-16T06:00:00.000Z',
    asOf: '2026-11-16T06:00:00.000Z',
    final: true,
    finalAt: '2026-11-15T23:00:00.000Z',
    empty: false,
    national: row,
    previousWeek: { ...row, week: '2026-W44' },
    change: { requests: 1, responseRatePoints: -28.6, medianHours: -1 },
    latestWeek: null,
    league: [{ ...row, rank: 1, previousRank: null, rankChange: null }],
    fastest: [row],
    mostWithoutResponse: [row],
    platforms: [{ ...row, key: 'x', label: 'x' }],
    outcomeMixByPlatform: [{ platform: 'x', answered: 1, redirected: 0, acknowledged: 0, unanswered: 1, pending: 0 }],
    responseTimeHistogram: [
      { bucket: '< 1 h', count: 1 },
      { bucket: '1-4 h', count: 2 },
    ],
    heatmap: [{ weekday: 3, hour: 11, responses: 2, office: true }],
    bios: { changed: [bio], deflecting: [bio], notMonitored: [bio] },
    statedVsActual: [
      {
        org: t.org,
        platform: 'x',
        handle: t.handle,
        statedHours: [],
        responses: 1,
        insideStatedHours: null,
        whenClosed: 0,
        withinPromise: 1,
      },
    ],
    oldestOpen: [
      {
        org: t.org,
        name: t.label,
        platform: 'x',
        createdAt: '2026-11-04T09:00:00.000Z',
        ageDays: 4.6,
        kind: 'question',
        url: t.url,
      },
    ],
    organisations: [{ ...row, cbs: 'GM0193', province: 'Overijssel' }],
  };
}
