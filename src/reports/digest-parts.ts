import { DateTime } from 'luxon';
import { isWithinHours } from '../analysis/business-time.js';
import { statedVersusActual } from '../analysis/metrics.js';
import type { Settings } from '../config/load.js';
import { DAY_MS, HOUR_MS, PLATFORMS, type Outcome } from '../model/index.js';
import type { OrgBio } from '../storage/report-queries.js';
import { emptyOrgGroup, type AggregateContext, type Group } from './aggregate.js';
import type {
  HeatCell,
  HistogramBucket,
  OpenRequest,
  OrganisationRow,
  OutcomeMix,
  StatedVsActual,
} from './digest-types.js';
import { groupRow } from './group-row.js';
import type { LoadedRequest, MeasuredRequest } from './load.js';

/** Response-time buckets of the histogram: [from hours, to hours, label]. */
const HISTOGRAM = [
  [0, 1, '< 1 h'],
  [1, 4, '1-4 h'],
  [4, 24, '4-24 h'],
  [24, 48, '1-2 days'],
  [48, 168, '2-7 days'],
  [168, Infinity, '> 7 days'],
] as const;

/** Returns the counts per outcome of each platform that has requests, in platform order. */
export function outcomeMix(reqs: readonly MeasuredRequest[]): OutcomeMix[] {
  return PLATFORMS.map((p) => ({ platform: p, ...countOutcomes(reqs.filter((r) => r.platform === p)) })).filter(
    (x) => x.answered + x.redirected + x.acknowledged + x.unanswered + x.pending > 0,
  );
}

function countOutcomes(reqs: readonly MeasuredRequest[]): Record<Outcome, number> {
  const out = { answered: 0, redirected: 0, acknowledged: 0, unanswered: 0, pending: 0 };
  for (const r of reqs) out[r.outcome]++;
  return out;
}

/** Returns how many responses fell in each response-time bucket (wall clock). */
export function histogram(reqs: readonly MeasuredRequest[]): HistogramBucket[] {
  const hours = reqs
    .filter((r) => r.responseAt && r.outcome !== 'unanswered')
    .map((r) => (Date.parse(r.responseAt!) - Date.parse(r.createdAt)) / HOUR_MS);
  return HISTOGRAM.map(([lo, hi, label]) => ({ bucket: label, count: hours.filter((h) => h >= lo && h < hi).length }));
}

const QUARTER_MS = 15 * 60_000;

/** Returns the 168 cells of responses per local weekday and hour, each marked office time or not. */
export function heatmap(reqs: readonly MeasuredRequest[], settings: Settings): HeatCell[] {
  const zone = settings.config.timezone;
  const counts = new Map<string, number>();
  // Local weekday and hour per UTC quarter hour: every zone's offset and its changes fall on
  // quarter hours, so one conversion serves all responses of that quarter (a week's requests
  // would otherwise each pay for a time zone conversion).
  const slots = new Map<number, string>();
  for (const r of reqs) {
    if (!r.responseAt || r.outcome === 'unanswered') continue;
    const quarter = Math.floor(Date.parse(r.responseAt) / QUARTER_MS);
    let k = slots.get(quarter);
    if (k === undefined) {
      const t = DateTime.fromMillis(quarter * QUARTER_MS, { zone });
      slots.set(quarter, (k = `${t.weekday}|${t.hour}`));
    }
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const office = { zone, weekly: settings.config.method.office_hours, holidays: false };
  // Office time is read off an ordinary week (no clock change in it).
  const monday = DateTime.fromObject({ weekYear: 2026, weekNumber: 2, weekday: 1 }, { zone });
  const cells: HeatCell[] = [];
  for (let d = 1; d <= 7; d++) {
    for (let h = 0; h < 24; h++) {
      const at = monday.plus({ days: d - 1, hours: h, minutes: 30 }).toJSDate();
      cells.push({ weekday: d, hour: h, responses: counts.get(`${d}|${h}`) ?? 0, office: isWithinHours(at, office) });
    }
  }
  return cells;
}

/** Returns, per account whose bio states hours or a promise and that responded, what it did. */
export function statedVsActual(
  bios: readonly OrgBio[],
  reqs: readonly MeasuredRequest[],
  zone: string,
): StatedVsActual[] {
  return bios
    .filter((b) => b.fields.hours.length || b.fields.promise !== null)
    .map((b) => {
      const mine = reqs.filter((r) => r.orgId === b.orgId && r.platform === b.platform);
      const s = statedVersusActual(b.fields, mine, zone);
      return {
        org: b.orgId,
        platform: b.platform,
        handle: b.handle,
        statedHours: b.fields.hours,
        responses: s.responses,
        insideStatedHours: s.insideStatedHours,
        whenClosed: s.whenClosed,
        withinPromise: s.withinPromise,
      };
    })
    .filter((s) => s.responses > 0);
}

/** Returns up to 10 pending requests, oldest first, with their age at `end` in days (1 decimal). */
export function oldestOpen(pending: readonly LoadedRequest[], end: Date): OpenRequest[] {
  return pending.slice(0, 10).map((r) => ({
    org: r.orgId,
    name: r.orgName,
    platform: r.platform,
    createdAt: r.createdAt,
    ageDays: Math.round(((end.getTime() - Date.parse(r.createdAt)) / DAY_MS) * 10) / 10,
    kind: r.kind,
    url: r.url,
  }));
}

/** Returns one row per organisation (the open-data CSV): the configured ones, then others with requests. */
export function organisationRows(
  settings: Settings,
  orgs: readonly Group[],
  actx: AggregateContext,
): OrganisationRow[] {
  const byOrg = new Map(orgs.map((g) => [g.key, g]));
  const meta = new Map(settings.organisations.map((o) => [o.id, o]));
  const rows = settings.organisations.map((o) => byOrg.get(o.id) ?? emptyOrgGroup(o.id, o.name, actx));
  rows.push(...orgs.filter((g) => !meta.has(g.key)));
  return rows.map((g) => {
    const o = meta.get(g.key);
    return { ...groupRow(g), cbs: o?.cbs ?? null, province: o?.province ?? null };
  });
}
