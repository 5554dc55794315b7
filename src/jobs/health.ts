import { PLATFORMS, type Platform } from '../model/index.js';
import type { PlatformResult } from '../poller/poll.js';
import { reachable, type Store } from '../storage/db.js';
import type { Health } from './http.js';

/**
 * What `/healthz` says of a daemon: 200 while the database answers and some platform succeeded
 * within 3 poll intervals (or the daemon is younger than that), with each platform's last success
 * and last error.
 */
export class PollHealth {
  private readonly lastOk = new Map<Platform, Date>();
  private readonly lastError = new Map<Platform, string>();

  constructor(private readonly started: Date) {}

  /** Notes a platform's poll. `shared`: one worker of several, whose empty share is its part done too. */
  record(r: PlatformResult, now: Date, shared: boolean): void {
    if (r.status === 'ok' && (r.accounts > 0 || shared)) this.lastOk.set(r.platform, now);
    if (r.lastError) this.lastError.set(r.platform, r.lastError);
  }

  /** The answer at `now`; `store` undefined while the daemon is starting. */
  async answer(store: Store | undefined, now: Date, intervalMs: number, worker?: string): Promise<Health> {
    if (!store) return { status: 'degraded', httpStatus: 503, body: { status: 'starting', database: 'not open yet' } };
    const dbOk = await reachable(store);
    const recent = [...this.lastOk.values()].some((t) => now.getTime() - t.getTime() <= 3 * intervalMs);
    const young = now.getTime() - this.started.getTime() <= 3 * intervalMs;
    const ok = dbOk && (recent || young);
    return {
      status: ok ? 'ok' : 'degraded',
      httpStatus: ok ? 200 : 503,
      body: {
        status: ok ? 'ok' : 'degraded',
        ...(worker ? { worker } : {}),
        database: dbOk ? 'ok' : 'unreachable',
        started_at: this.started.toISOString(),
        last_successful_poll: Object.fromEntries(PLATFORMS.map((p) => [p, this.lastOk.get(p)?.toISOString() ?? null])),
        last_error: Object.fromEntries(PLATFORMS.map((p) => [p, this.lastError.get(p) ?? null])),
      },
    };
  }
}
