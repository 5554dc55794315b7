import type { Kysely } from 'kysely';
import { HOUR_MS } from '../model/index.js';
import { dataUntil } from '../storage/report-queries.js';
import type { Database } from '../storage/schema/index.js';

/** A daemon polls every few minutes: data this much older than the instant asked is still current. */
const COVERAGE_SLACK_MS = HOUR_MS;

/** The instant a page's figures stand at, and the instant asked when the data ends earlier. */
export interface PageInstant {
  asOf: Date;
  /** Set when nothing was collected after `asOf`: the instant that was asked (now or ?as_of). */
  asked?: Date;
}

/**
 * The instant of a page (as `reportInstant` of the CLI, METHOD.md 4b): ?as_of or now, but never
 * after the last poll or import; a request without a stored reply after that was never looked at.
 */
export async function pageInstant(db: Kysely<Database>, asked: Date): Promise<PageInstant> {
  const until = await dataUntil(db);
  if (!until || asked.getTime() - until.getTime() <= COVERAGE_SLACK_MS) return { asOf: asked };
  return { asOf: until, asked };
}
