import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../context.js';
import type { Logger } from '../logger.js';
import { MINUTE_MS } from '../model/index.js';
import type { WorkerShare } from '../poller/poll.js';
import { claimJob, finishJob, liveWorkers, workerSeen } from '../storage/leases.js';
import type { Database } from '../storage/schema/index.js';

/** A worker's default name: unique per process on a machine, and says where it runs. */
export const defaultWorkerName = (): string => `${hostname()}:${process.pid}`;

/**
 * One `webcare run` among several on one PostgreSQL database (#17): it says it is alive at every
 * tick, claims its share of each poll cycle's accounts with a lease (poller/poll.ts), and runs a
 * daily or weekly job only when it is the first to claim that firing. The SQLite daemon has none:
 * one process per file (jobs/lock.ts).
 */
export class ClusterWorker {
  private readonly started: Date;
  constructor(
    private readonly db: Kysely<Database>,
    readonly name: string,
    private readonly clock: Clock,
    /** The poll interval: a claim holds 80% of it, and a worker unseen for 3 of them is gone. */
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {
    this.started = clock.now();
  }

  private get me() {
    return { name: this.name, host: hostname(), pid: process.pid, startedAt: this.started };
  }

  /** Says this worker is alive (at start and every tick). */
  async seen(): Promise<void> {
    await workerSeen(this.db, this.me, this.clock.now());
  }

  /** Says this worker stopped: the others stop counting it in their shares at once. */
  async stopped(): Promise<void> {
    await workerSeen(this.db, this.me, this.clock.now(), true);
  }

  /** How this worker takes its part of a poll cycle. */
  share(): WorkerShare {
    return {
      name: this.name,
      // Shorter than the interval, so the next tick finds the accounts due again; a dead worker's
      // accounts are taken over at the first tick after it.
      leaseMs: Math.max(MINUTE_MS / 2, Math.floor(0.8 * this.intervalMs)),
      workers: async () =>
        (await liveWorkers(this.db, new Date(this.clock.now().getTime() - 3 * this.intervalMs))).length,
    };
  }

  /**
   * Runs a scheduled job's firing on this worker only if no other worker claimed it: the firing is
   * named by its job and the minute it was scheduled for (workers' clocks differ by less than 30 s).
   */
  async once(job: string, run: () => Promise<void>): Promise<void> {
    const now = this.clock.now();
    const slot = new Date(Math.round(now.getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
    if (!(await claimJob(this.db, job, slot, this.name, now))) {
      this.log.debug({ job, slot }, 'job run by another worker');
      return;
    }
    await run();
    await finishJob(this.db, job, slot, this.clock.now());
  }
}
