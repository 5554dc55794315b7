import { METHOD_VERSION, READER_VERSION } from '../model/index.js';
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { Settings } from '../config/load.js';
import { hoursToYaml } from '../config/hours.js';
import type { Database } from '../storage/schema/index.js';
import { aggregate, aggregateContextOf, type AggregateContext, type Group } from './aggregate.js';
import { measureGroups } from './groups.js';
import { heatmap, histogram, oldestOpen, organisationRows, outcomeMix, statedVsActual } from './digest-parts.js';
import type { DigestData, DigestMethod, DigestWeek, LeagueRow, WeekChange } from './digest-types.js';
import { emptyMetrics } from './empty.js';
import { plusLocalDays } from '../analysis/outcome.js';
import { groupRow } from './group-row.js';
import { latestBios } from '../storage/report-queries.js';
import { bioByOrg, loadMeasured, loadRequests } from './load.js';
import { lastCompleteWeek, previousWeek, type Period } from './period.js';
import { rankWithTies, topWithTies, type Metric } from './rank.js';

// Callers (the demo, the CLI) know the digest's type by the module that builds it.
export type { DigestData } from './digest-types.js';

/** The version of the digest JSON document (docs/digest-schema.md). */
export const DIGEST_SCHEMA_VERSION = 2;

/**
 * Builds the digest of one ISO week from the requests of that week and the week before (read by
 * their created_at index) and the latest bios. `now` is when the digest is made: pending requests
 * of the week are counted as they stand then.
 */
export async function buildDigest(
  db: Kysely<Database>,
  settings: Settings,
  week: Period,
  now: Date,
): Promise<DigestData> {
  const c = settings.config;
  const zone = c.timezone;
  const allBios = await latestBios(db, now);
  const actx: AggregateContext = aggregateContextOf(settings, now, bioByOrg(allBios));
  // The week's requests are read one by one (the histogram, heatmap and outcome mix need them) and
  // its groups measured from them; the other weeks' figures are counted (reports/groups.ts).
  const period = (p: Period) => ({ since: p.from, until: p.to });
  const groups = (p: Period, by: 'all' | 'org') => measureGroups(db, settings, period(p), now, by, actx);
  const reqs = await loadMeasured(db, settings, period(week), now);
  const latest = lastCompleteWeek(now, zone);
  const latestNat = latest.label === week.label ? undefined : nationalOf(await groups(latest, 'all'));
  const prevPeriod = previousWeek(week, zone);
  const nat = nationalOf(aggregate(reqs, 'all', actx));
  const natPrev = nationalOf(await groups(prevPeriod, 'all'));
  const orgs = aggregate(reqs, 'org', actx);
  const [weekStart, weekEnd] = [week.from.toISOString(), week.to.toISOString()];
  // The first ten, and every organisation tied with the tenth (never cut by name inside a tie).
  const top10 = (groups: Group[], metric: Metric, worst: boolean) =>
    topWithTies(rankWithTies(groups, metric, worst).ranked, 10).map((r) => groupRow(r.group));
  const finalAt = plusLocalDays(week.to.getTime(), c.method.score_horizon_days, zone);
  // The ten oldest still open at the end of the week, read oldest first (not every open request).
  const pending = await loadRequests(
    db,
    settings,
    { until: week.to, outcome: ['pending'], limit: 10, oldest: true },
    now,
  );
  return {
    schema: DIGEST_SCHEMA_VERSION,
    method: digestMethod(settings),
    week: digestWeek(week, zone),
    generatedAt: now.toISOString(),
    asOf: now.toISOString(),
    // The week's figures are final once the score horizon has passed for its last possible request.
    final: now.getTime() >= finalAt,
    finalAt: new Date(finalAt).toISOString(),
    empty: reqs.length === 0,
    national: groupRow(nat),
    previousWeek: { week: prevPeriod.label, ...groupRow(natPrev) },
    change: weekChange(nat, natPrev),
    latestWeek: latestNat ? { week: latest.label, ...groupRow(latestNat) } : null,
    league: league(orgs, await groups(prevPeriod, 'org')),
    fastest: top10(
      orgs.filter((g) => g.metrics.responded >= 3),
      'median_response',
      false,
    ),
    mostWithoutResponse: top10(
      orgs.filter((g) => g.metrics.noResponse > 0),
      'no_response',
      true,
    ),
    platforms: aggregate(reqs, 'platform', actx).map(groupRow),
    outcomeMixByPlatform: outcomeMix(reqs),
    responseTimeHistogram: histogram(reqs),
    heatmap: heatmap(reqs, settings),
    bios: {
      changed: allBios.filter((b) => b.fetchedAt >= weekStart && b.fetchedAt < weekEnd && b.previousText !== null),
      deflecting: allBios.filter((b) => b.fields.deflects),
      notMonitored: allBios.filter((b) => b.fields.notMonitored),
    },
    statedVsActual: statedVsActual(allBios, reqs, zone),
    oldestOpen: oldestOpen(pending, week.to),
    organisations: organisationRows(settings, orgs, actx),
  };
}

/** The national group; a week without requests still has one (with empty metrics). */
function nationalOf(groups: readonly Group[]): Group {
  return groups[0] ?? { key: 'all', label: 'all', metrics: emptyMetrics(), score: null, scored: 0 };
}

function digestMethod(settings: Settings): DigestMethod {
  const m = settings.config.method;
  return {
    version: METHOD_VERSION,
    readerVersion: READER_VERSION,
    weights: { ...m.weights },
    answerWindowDays: m.answer_window_days,
    normWorkingDays: m.norm_working_days,
    officeHours: hoursToYaml(m.office_hours),
    minClosedRequests: m.min_closed_requests,
    scoreHorizonDays: m.score_horizon_days,
  };
}

function digestWeek(week: Period, zone: string): DigestWeek {
  return {
    label: week.label,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    zone,
    firstDay: DateTime.fromJSDate(week.from, { zone }).toISODate()!,
    // `to` is the next Monday 00:00: the last day is the Sunday before it.
    lastDay: DateTime.fromJSDate(week.to, { zone }).minus({ days: 1 }).toISODate()!,
  };
}

function weekChange(nat: Group, prev: Group): WeekChange {
  const diff = (a: number | null, b: number | null, f = 1) =>
    a === null || b === null ? null : Math.round((a - b) * f * 100) / 100;
  const points = diff(nat.metrics.responseRate, prev.metrics.responseRate, 100);
  return {
    requests: nat.metrics.requests - prev.metrics.requests,
    // Rounded twice (2 decimals, then 1) as published since schema 1.
    responseRatePoints: points === null ? null : Math.round(points * 10) / 10,
    medianHours: diff(nat.metrics.wallHours.median, prev.metrics.wallHours.median),
  };
}

/** Organisations with a score, best first, with their rank the week before. */
function league(orgs: Group[], prevOrgs: Group[]): LeagueRow[] {
  const prevRanks = new Map(rankWithTies(prevOrgs, 'score', false).ranked.map((r) => [r.group.key, r.rank]));
  return rankWithTies(orgs, 'score', false).ranked.map(({ group: g, rank: position }) => {
    const previous = prevRanks.get(g.key) ?? null;
    const rankChange = previous === null ? null : previous - position;
    return { ...groupRow(g), rank: position, previousRank: previous, rankChange };
  });
}
