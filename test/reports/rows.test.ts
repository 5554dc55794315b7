import { describe, expect, it } from 'vitest';
import type { Group } from '../../src/reports/aggregate.js';
import {
  BIO_EXPORT_COLUMNS,
  BIO_HISTORY_COLUMNS,
  BIO_TABLE_COLUMNS,
  bioExportRow,
  bioListJson,
  bioTableRow,
  bioVersionJson,
  digestBioJson,
} from '../../src/reports/bio-row.js';
import { digestJson, ORGANISATION_COLUMNS, organisationJson } from '../../src/reports/digest-json.js';
import type { DigestData } from '../../src/reports/digest-types.js';
import { emptyMetrics } from '../../src/reports/empty.js';
import {
  GROUP_JSON_COLUMNS,
  GROUP_TABLE_COLUMNS,
  groupJson,
  groupRow,
  groupTableRow,
} from '../../src/reports/group-row.js';
import type { OrgBio } from '../../src/storage/report-queries.js';

const metrics = {
  ...emptyMetrics(),
  requests: 3,
  closed: 3,
  responded: 2,
  responseRate: 2 / 3,
  wallHours: { median: 2.04999, p90: null },
};
const weights = { response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 };
const scored: Group = {
  key: 'utrecht',
  label: 'Utrecht',
  metrics,
  score: 7.5,
  scored: 1,
  detail: {
    score: 7.5,
    reason: null,
    parts: { responseRate: 2 / 3, substance: 1, speed: 0.5, accessibility: 1 },
    weights,
  },
};
const national: Group = { key: 'all', label: 'all', metrics, score: null, scored: 0 };

const bio: OrgBio = {
  orgId: 'zwolle',
  platform: 'x',
  handle: 'gemeentezwolle',
  fetchedAt: '2026-10-01T06:30:00.000Z',
  text: 'Voor vragen: e-mail ons op info@zwolle.nl, "ma-vr"',
  fields: {
    deflects: true,
    channels: ['email', 'phone'],
    notMonitored: false,
    invitesQuestions: false,
    hours: [{ days: [1, 2], from: '09:00', to: '17:00' }],
    promise: 24,
  },
  previousText: null,
};

describe('group rows: one typed row, one mapping to the published names', () => {
  it.each([
    ['an organisation with a score', scored],
    ['a group of organisations', national],
  ])('%s has exactly the published fields, in the published order', (_name, g) => {
    expect(Object.keys(groupJson(groupRow(g)))).toEqual([...GROUP_JSON_COLUMNS]);
    expect(Object.keys(groupTableRow(g))).toEqual([...GROUP_TABLE_COLUMNS]);
  });

  it('rounds shares and hours to 4 decimals and names the score note', () => {
    expect(groupJson(groupRow(scored))).toMatchObject({
      response_rate: 0.6667,
      median_hours: 2.05,
      score: 7.5,
      score_speed: 0.5,
      score_note: null,
    });
    expect(groupJson(groupRow(national))).toMatchObject({
      score: null,
      score_speed: null,
      score_note: 'mean of 0 scored organisations',
    });
  });

  it('the table formats from the unrounded metrics', () => {
    // 2.04999 h is "2h"; read from the 4-decimal 2.05 it would be "2.1h".
    expect(groupTableRow(scored)).toMatchObject({ group: 'Utrecht', responded: '67%', median: '2h', score: '7.5' });
  });
});

describe('bio rows: one mapping to the published names', () => {
  const who = ['org', 'platform', 'handle', 'fetched_at', 'text', 'previous_text'];
  it.each([
    ['digest', digestBioJson(bio), [...who, 'deflects', 'channels', 'not_monitored']],
    [
      'bios --format json',
      bioListJson(bio),
      [...who, 'deflects', 'channels', 'notMonitored', 'invitesQuestions', 'hours', 'promise'],
    ],
    ['export', bioExportRow(bio), [...BIO_EXPORT_COLUMNS]],
    ['bios table', bioTableRow(bio), [...BIO_TABLE_COLUMNS]],
  ])('%s: fields in the published order', (_name, row, keys) => {
    expect(Object.keys(row)).toEqual(keys);
  });

  it('flattens for CSV and the table', () => {
    expect(bioExportRow(bio)).toMatchObject({
      channels: 'email phone',
      hours: '[{"days":[1,2],"from":"09:00","to":"17:00"}]',
      promise_hours: 24,
    });
    expect(bioTableRow(bio, 12)).toMatchObject({
      deflects: 'yes',
      channels: 'email,phone',
      not_monitored: '',
      hours: '1,2 09:00-17:00',
      text: 'Voor vragen:',
    });
  });

  it('a history version keeps the stored fields after where and when', () => {
    const v = bioVersionJson({ platform: 'x', handle: 'h', fetchedAt: 't', text: 'x', fields: bio.fields });
    expect(Object.keys(v)).toEqual(['platform', 'handle', 'fetched_at', 'text', ...Object.keys(bio.fields)]);
    expect(BIO_HISTORY_COLUMNS.every((c) => c in v)).toBe(true);
  });
});

describe('the digest JSON document', () => {
  const row = groupRow(scored);
  const d: DigestData = {
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
      from: 'a',
      to: 'b',
      zone: 'Europe/Amsterdam',
      firstDay: '2026-11-02',
      lastDay: '2026-11-08',
    },
    generatedAt: 'now',
    asOf: 'now',
    final: true,
    finalAt: 'then',
    empty: false,
    national: row,
    previousWeek: { ...row, week: '2026-W44' },
    change: { requests: 1, responseRatePoints: null, medianHours: -1 },
    latestWeek: null,
    league: [{ ...row, rank: 1, previousRank: 3, rankChange: 2 }],
    fastest: [row],
    mostWithoutResponse: [],
    platforms: [row],
    outcomeMixByPlatform: [{ platform: 'x', answered: 1, redirected: 0, acknowledged: 0, unanswered: 1, pending: 0 }],
    responseTimeHistogram: [{ bucket: '< 1 h', count: 1 }],
    heatmap: [{ weekday: 1, hour: 0, responses: 0, office: false }],
    bios: { changed: [bio], deflecting: [bio], notMonitored: [] },
    statedVsActual: [
      {
        org: 'zwolle',
        platform: 'x',
        handle: 'h',
        statedHours: [],
        responses: 1,
        insideStatedHours: null,
        whenClosed: 0,
        withinPromise: 1,
      },
    ],
    oldestOpen: [
      {
        org: 'zwolle',
        name: 'Zwolle',
        platform: 'x',
        createdAt: 't',
        ageDays: 1.5,
        kind: 'question',
        url: null,
      },
    ],
    organisations: [{ ...row, cbs: 'GM0193', province: 'Overijssel' }],
  };
  const j = digestJson(d);

  it('has the keys of docs/digest-schema.md, in order, in snake_case', () => {
    expect(Object.keys(j)).toEqual([
      'schema',
      'method',
      'week',
      'generated_at',
      'as_of',
      'final',
      'final_at',
      'empty',
      'national',
      'previous_week',
      'change',
      'latest_week',
      'league',
      'fastest',
      'most_without_response',
      'platforms',
      'outcome_mix_by_platform',
      'response_time_histogram',
      'heatmap',
      'bios',
      'stated_vs_actual',
      'oldest_open',
      'organisations',
    ]);
    expect(Object.keys(j.method)).toEqual([
      'version',
      'reader_version',
      'weights',
      'answer_window_days',
      'norm_working_days',
      'office_hours',
      'min_closed_requests',
      'score_horizon_days',
    ]);
    expect(Object.keys(j.week)).toEqual(['label', 'from', 'to', 'zone', 'first_day', 'last_day']);
    expect(Object.keys(j.change)).toEqual(['requests', 'response_rate_points', 'median_hours']);
    expect(Object.keys(j.bios)).toEqual(['changed', 'deflecting', 'not_monitored']);
    expect(Object.keys(j.stated_vs_actual[0]!)).toEqual([
      'org',
      'platform',
      'handle',
      'stated_hours',
      'responses',
      'inside_stated_hours',
      'when_closed',
      'within_promise',
    ]);
    const open = ['org', 'name', 'platform', 'created_at', 'age_days', 'kind', 'url'];
    expect(Object.keys(j.oldest_open[0]!)).toEqual(open);
  });

  it('group rows carry their extra fields where they always stood', () => {
    expect(Object.keys(j.previous_week)).toEqual(['week', ...GROUP_JSON_COLUMNS]);
    expect(Object.keys(j.league[0]!)).toEqual(['rank', 'previous_rank', 'rank_change', ...GROUP_JSON_COLUMNS]);
    expect(Object.keys(j.organisations[0]!)).toEqual([...ORGANISATION_COLUMNS]);
    expect(organisationJson(d.organisations[0]!)).toEqual(j.organisations[0]);
  });
});
