import type { Platform } from '../../model/index.js';

/** job_runs: one firing of a daily or weekly job, claimed once across the workers (migration 0014). */
export interface JobRunsTable {
  job: string;
  /** The scheduled instant it fired for (ISO, to the minute). */
  slot: string;
  worker: string;
  started_at: string;
  finished_at: string | null;
}

/** workers: the `webcare run` processes polling this database, seen at every tick. */
export interface WorkersTable {
  name: string;
  host: string;
  pid: number;
  started_at: string;
  seen_at: string;
  stopped_at: string | null;
}

/** platform_waits: a rate-limit wait a platform gave one worker, kept for all of them. */
export interface PlatformWaitsTable {
  platform: Platform;
  until: string;
  reason: string;
  worker: string;
}
