import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Settings } from '../config/load.js';
import type { Organisation } from '../model/index.js';
import type { Database } from '../storage/schema/index.js';
import { emptyOrgGroup, type AggregateContext, type Group } from './aggregate.js';
import { measureGroups } from './groups.js';
import type { Filters } from './load.js';
import { reportMeta, type ReportMeta } from './meta.js';
import { weekOf } from './period.js';
import { rankWithTies } from './rank.js';
import { sizeClassOf, type SizeClass } from './size-class.js';

/** The selection of a dashboard page: a period [since, until) and optional province, platform, size class. */
export interface PageSelection {
  since: Date;
  until: Date;
  province?: string;
  platform?: string;
  size?: SizeClass;
}

/** One organisation of the league: its figures, its shared rank by score (null: too few requests). */
export interface LeagueEntry {
  org: Organisation;
  sizeClass: SizeClass | undefined;
  group: Group;
  rank: number | null;
}

/** One ISO week of a trend: its label and figures (null: no requests that week). */
export interface TrendWeek {
  week: string;
  from: Date;
  group: Group | null;
}

/** The typed data of the national page and of /api/v1/national and /api/v1/organisations. */
export interface NationalPage {
  asOf: Date;
  selection: PageSelection;
  meta: ReportMeta;
  /** Every request of the selection (province, platform, period; not the size class). */
  national: Group | null;
  league: LeagueEntry[];
  trend: TrendWeek[];
}

/** Number of weeks in a trend chart. */
export const TREND_WEEKS = 26;

/** The storage filters of a selection (the size class is applied to organisations afterwards). */
export function filtersOfSelection(s: PageSelection, extra: Partial<Filters> = {}): Filters {
  return {
    since: s.since,
    until: s.until,
    ...(s.province ? { province: s.province } : {}),
    ...(s.platform ? { platform: s.platform } : {}),
    ...extra,
  };
}

/** The organisations of the selection's province and size class, registry order. */
export function organisationsIn(settings: Settings, s: PageSelection): Organisation[] {
  return settings.organisations.filter(
    (o) => (!s.province || o.province === s.province) && (!s.size || sizeClassOf(o.population) === s.size),
  );
}

/**
 * The league: every organisation of the selection with its figures (also those nobody asked
 * anything), with shared ranks by score (METHOD.md 4b: equal scores share a rank; no score, no rank).
 */
export async function buildLeague(
  db: Kysely<Database>,
  settings: Settings,
  s: PageSelection,
  asOf: Date,
  actx: AggregateContext,
): Promise<LeagueEntry[]> {
  const groups = new Map(
    (await measureGroups(db, settings, filtersOfSelection(s), asOf, 'org', actx)).map((g) => [g.key, g]),
  );
  const orgs = organisationsIn(settings, s);
  const all = orgs.map((o) => groups.get(o.id) ?? emptyOrgGroup(o.id, o.name, actx));
  const ranks = new Map(rankWithTies(all, 'score', false).ranked.map((r) => [r.group.key, r.rank]));
  return orgs.map((org, i) => ({
    org,
    sizeClass: sizeClassOf(org.population),
    group: all[i]!,
    rank: ranks.get(org.id) ?? null,
  }));
}

/**
 * The weekly figures of the TREND_WEEKS ISO weeks ending with the week of `until` (exclusive end),
 * one entry per week, also for weeks without requests. `extra` narrows it (one organisation).
 */
export async function buildTrend(
  db: Kysely<Database>,
  settings: Settings,
  s: PageSelection,
  asOf: Date,
  actx: AggregateContext,
  extra: Partial<Filters> = {},
): Promise<TrendWeek[]> {
  const zone = settings.config.timezone;
  const lastWeek = DateTime.fromMillis(s.until.getTime() - 1, { zone }).startOf('week');
  const first = lastWeek.minus({ weeks: TREND_WEEKS - 1 });
  const f = filtersOfSelection({ ...s, since: first.toJSDate() }, extra);
  const groups = new Map((await measureGroups(db, settings, f, asOf, 'week', actx)).map((g) => [g.key, g]));
  const weeks: TrendWeek[] = [];
  for (let i = 0; i < TREND_WEEKS; i++) {
    const from = first.plus({ weeks: i });
    const week = weekOf(from.toJSDate(), zone);
    weeks.push({ week, from: from.toJSDate(), group: groups.get(week) ?? null });
  }
  return weeks;
}

/** Builds the national page: KPIs, the league with shared ranks and the national weekly trend. */
export async function buildNationalPage(
  db: Kysely<Database>,
  settings: Settings,
  s: PageSelection,
  asOf: Date,
  actx: AggregateContext,
): Promise<NationalPage> {
  const [nationalGroups, league, trend] = await Promise.all([
    measureGroups(db, settings, filtersOfSelection(s), asOf, 'all', actx),
    buildLeague(db, settings, s, asOf, actx),
    buildTrend(db, settings, s, asOf, actx),
  ]);
  const national = nationalGroups[0] ?? null;
  const meta = reportMeta(settings, asOf, national ? [national] : [], { until: s.until });
  return { asOf, selection: s, meta, national, league, trend };
}
