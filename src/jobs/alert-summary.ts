import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { DAY_MS } from '../model/index.js';
import { organisationNames, waitingPastNorm } from '../storage/alerts.js';
import type { Database } from '../storage/schema/index.js';
import type { Summary } from './alert-text.js';

/** Links to the oldest waiting requests per organisation in the summary. */
const SUMMARY_LINKS = 3;

/**
 * What the daily summary says (docs/alerts.md): per watched organisation (all when `watch` is
 * null) the requests waiting past the norm now, most waiting first; a watched organisation
 * with nothing waiting is listed with 0.
 */
export async function summaryOf(
  db: Kysely<Database>,
  watch: readonly string[] | null,
  windowDays: number,
  now: Date,
): Promise<Summary> {
  const rows = await waitingPastNorm(db, {
    now: now.getTime(),
    // Still in its window means created less than the window ago, so its norm passed after that.
    minNormReach: now.getTime() - (windowDays + 1) * DAY_MS,
    orgs: watch,
    links: SUMMARY_LINKS,
  });
  const orgs: Summary['orgs'] = rows.map((r) => ({
    id: r.org_id,
    name: r.org_name,
    waiting: r.waiting,
    oldestCreatedAt: r.oldest_created_at,
    urls: r.urls,
  }));
  if (watch) {
    const names = await organisationNames(db, watch);
    for (const id of watch)
      if (!orgs.some((o) => o.id === id))
        orgs.push({ id, name: names.get(id) ?? id, waiting: 0, oldestCreatedAt: null, urls: [] });
  }
  orgs.sort((a, b) => b.waiting - a.waiting || a.name.localeCompare(b.name, 'nl'));
  return { at: now, orgs };
}

/** A summary's slot: the local minute it was due ("2026-11-04T08:00"), in the configured time zone. */
export function slotOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
