import type { Kysely } from 'kysely';
import type { Clock } from '../context.js';
import type { Logger } from '../logger.js';
import { HOUR_MS } from '../model/index.js';
import { keepSettledWeeks, PART_HOLDS_MS } from '../poller/request-weeks.js';
import type { Database } from '../storage/schema/index.js';

/**
 * Keeps the parts of the recent weeks current between two daily upkeeps (#16, migration 0016): a
 * part holds for PART_HOLDS_MS after its cut, and a reply to an open request it holds drops it, so
 * the SQLite daemon keeps them again after a poll tick once an hour has passed since it last did.
 * Without it, reports would count those weeks request by request (exact, slower).
 */
export class PartRefresh {
  private last = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly method: { windowDays: number; zone: string },
    private readonly log: Logger,
  ) {}

  /** After a poll tick: keeps the parts again when an hour has passed since the last time. */
  afterTick(): void {
    const now = this.clock.now();
    if (now.getTime() - this.last < HOUR_MS) return;
    const r = keepSettledWeeks(this.db, now, this.method.windowDays, this.method.zone, undefined, PART_HOLDS_MS);
    // A busy database (another writer past the busy timeout) is tried again at the next tick.
    if (!r.busy) this.last = now.getTime();
    this.log.debug(r, 'parts of weeks kept');
  }
}
