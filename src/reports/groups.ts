import type { Kysely } from 'kysely';
import type { Settings } from '../config/load.js';
import type { Database } from '../storage/schema/index.js';
import { aggregate, type AggregateContext, type Group, type GroupBy } from './aggregate.js';
import { loadMeasured, type Filters } from './load.js';

/**
 * Every measure of METHOD.md 3-6 per group (national, organisation, platform, province, week,
 * hour) of the requests matching the filters, as they stood at `asOf`: what stats, top, the
 * digest and the dashboard show. The one entry point for figures of groups, so a faster way of
 * computing them (#16) serves every reader at once.
 */
export async function measureGroups(
  db: Kysely<Database>,
  settings: Settings,
  f: Filters,
  asOf: Date,
  by: GroupBy,
  ctx: AggregateContext,
): Promise<Group[]> {
  return aggregate(await loadMeasured(db, settings, f, asOf), by, ctx);
}
