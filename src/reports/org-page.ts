import type { Kysely } from 'kysely';
import type { Settings } from '../config/load.js';
import type { Organisation } from '../model/index.js';
import { orgAccounts, type AccountStatus } from '../storage/dashboard-queries.js';
import { bioHistory } from '../storage/report-queries.js';
import type { Database } from '../storage/schema/index.js';
import { emptyOrgGroup, type AggregateContext, type Group } from './aggregate.js';
import { loadMeasured } from './load.js';
import { reportMeta, type ReportMeta } from './meta.js';
import { buildLeague, buildTrend, filtersOfSelection, type PageSelection, type TrendWeek } from './national-page.js';
import {
  bioEntries,
  listRequests,
  peerMedians,
  responseDistribution,
  type BioEntry,
  type Distribution,
  type ListedRequest,
  type PeerMedians,
} from './org-details.js';
import { sizeClassOf, type SizeClass } from './size-class.js';

/** How many requests the page lists as waiting now and as the latest unanswered. */
export const LISTED_REQUESTS = 25;

/** The typed data of the page of one organisation (and /api/v1/organisation/<slug>). */
export interface OrgPage {
  asOf: Date;
  selection: PageSelection;
  meta: ReportMeta;
  org: Organisation;
  sizeClass: SizeClass | undefined;
  /** Its figures over the period; an empty group when nobody asked anything. */
  group: Group;
  /** Its shared rank by score among all organisations (null: no score). */
  rank: number | null;
  ranked: number;
  trend: TrendWeek[];
  distribution: Distribution;
  province: PeerMedians | null;
  size: PeerMedians | null;
  accounts: AccountStatus[];
  bios: BioEntry[];
  /** Requests whose outcome can still change (pending, or only acknowledged), newest first. */
  waiting: ListedRequest[];
  /** The latest requests that got no response within the window, newest first. */
  unanswered: ListedRequest[];
}

/**
 * Builds the page of one organisation over the selection's period and platform (the province and
 * size class of the selection are ignored: its peers are its own province and size class).
 */
export async function buildOrgPage(
  db: Kysely<Database>,
  settings: Settings,
  org: Organisation,
  selection: PageSelection,
  asOf: Date,
  actx: AggregateContext,
): Promise<OrgPage> {
  const s: PageSelection = {
    since: selection.since,
    until: selection.until,
    ...(selection.platform ? { platform: selection.platform } : {}),
  };
  const own = filtersOfSelection(s, { org: org.id });
  // Waiting now and the latest unanswered: whatever the period shown, as they stand at the instant.
  const now = { org: org.id, ...(s.platform ? { platform: s.platform } : {}) };
  const [league, trend, reqs, accounts, versions, waiting, unanswered] = await Promise.all([
    buildLeague(db, settings, s, asOf, actx),
    buildTrend(db, settings, s, asOf, actx, { org: org.id }),
    loadMeasured(db, settings, own, asOf),
    orgAccounts(db, org.id),
    bioHistory(db, org.id),
    listRequests(db, settings, now, asOf, 'waiting', LISTED_REQUESTS),
    listRequests(db, settings, now, asOf, ['unanswered'], LISTED_REQUESTS),
  ]);
  const entry = league.find((e) => e.org.id === org.id);
  const group = entry?.group ?? emptyOrgGroup(org.id, org.name, actx);
  const sizeClass = sizeClassOf(org.population);
  const groupsWhere = (keep: (o: Organisation) => boolean) => league.filter((e) => keep(e.org)).map((e) => e.group);
  return {
    asOf,
    selection: s,
    meta: reportMeta(settings, asOf, [group], { until: s.until }),
    org,
    sizeClass,
    group,
    rank: entry?.rank ?? null,
    ranked: league.filter((e) => e.rank !== null).length,
    trend,
    distribution: responseDistribution(reqs, settings),
    province: org.province ? peerMedians(groupsWhere((o) => o.province === org.province)) : null,
    size: sizeClass ? peerMedians(groupsWhere((o) => sizeClassOf(o.population) === sizeClass)) : null,
    accounts,
    bios: bioEntries(versions, reqs, settings.config.timezone, asOf),
    waiting,
    unanswered,
  };
}
