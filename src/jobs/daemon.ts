import cron, { type ScheduledTask } from 'node-cron';
import type { Server } from 'node:http';
import { ConfigError } from '../config/errors.js';
import type { Context } from '../context.js';
import { subsystem, type Logger } from '../logger.js';
import { MINUTE_MS, PLATFORMS, type Platform } from '../model/index.js';
import type { PlatformAdapter } from '../platforms/adapter.js';
import { adapters } from '../platforms/registry.js';
import { pollOnce, type PlatformResult } from '../poller/poll.js';
import { pipelineDeps } from '../poller/setup.js';
import { clearBiosCursors } from '../storage/cursors.js';
import { ping, type Store } from '../storage/db.js';
import { countByOutcome } from '../storage/requests.js';
import { startHttp, type Health } from './http.js';
import { acquireLock } from './lock.js';
import { DaemonMetrics } from './metrics.js';
import { dailyUpkeep } from './upkeep.js';

export type JobName = 'poll' | 'bios' | 'upkeep' | 'digest';

/** Extra jobs that other parts of the product register (the weekly digest). */
export type JobRunner = (ctx: Context, store: Store, log: Logger) => Promise<void>;

/**
 * `webcare run`: one process per database. Migrates, reconciles accounts with the config, schedules
 * the jobs with node-cron (no overlap, in the configured time zone), serves /healthz and /metrics,
 * and on stop() lets a running job finish (at most 10 s) before closing the database.
 */
export class Daemon {
  readonly metrics = new DaemonMetrics();
  private tasks: ScheduledTask[] = [];
  private server?: Server;
  private release?: () => void;
  private running = new Set<Promise<unknown>>();
  private lastOk = new Map<Platform, Date>();
  private lastError = new Map<Platform, string>();
  private readonly started: Date;
  private readonly log: Logger;
  port = 0;

  constructor(
    private readonly ctx: Context,
    private readonly store: Store,
    private readonly extraJobs: Partial<Record<JobName, JobRunner>> = {},
    private readonly registry: Record<Platform, PlatformAdapter> = adapters(),
  ) {
    this.started = ctx.clock.now();
    this.log = subsystem(ctx.logger, 'jobs');
  }

  /** Takes the lock, reconciles accounts, starts the schedules and the HTTP server. Throws UsageError when locked. */
  async start(): Promise<void> {
    this.release = acquireLock(this.ctx.settings.database);
    await pipelineDeps(this.ctx, this.store); // reconcile accounts with the config
    for (const p of PLATFORMS) {
      const why = this.registry[p].unavailable(this.ctx.settings);
      if (why) this.log.info({ platform: p, reason: why }, 'platform skipped');
    }
    const s = this.ctx.settings.config.schedules;
    const jobs: Record<JobName, () => Promise<void>> = {
      poll: async () => void (await this.poll('cron')),
      bios: () => this.bios(),
      upkeep: () => this.upkeep(),
      digest: () => (this.extraJobs.digest ? this.extraJobs.digest(this.ctx, this.store, this.log) : Promise.resolve()),
    };
    for (const [name, run] of Object.entries(jobs) as [JobName, () => Promise<void>][]) {
      if (name === 'digest' && !this.extraJobs.digest) continue;
      if (!cron.validate(s[name])) throw new ConfigError(`schedules.${name}: not a valid cron expression`);
      const task = cron.schedule(s[name], () => this.track(name, run), {
        timezone: this.ctx.settings.config.timezone,
        noOverlap: true,
        name,
      });
      this.tasks.push(task);
    }
    const { host, port } = this.ctx.settings.config.http;
    const http = await startHttp(host, port, this.metrics, () => this.health());
    this.server = http.server;
    this.port = http.port;
    this.log.info({ host, port: this.port, schedules: s, db: this.ctx.settings.database }, 'webcare run started');
  }

  /** Runs a job, never letting it throw: failures are logged and counted. */
  track(name: JobName, run: () => Promise<void>): Promise<void> {
    const p = run().catch((err: unknown) => {
      this.metrics.jobError(name);
      this.log.error({ job: name, err }, 'job failed');
    });
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** One poll tick: the same code as `webcare poll --once`. */
  async poll(trigger: string): Promise<PlatformResult[]> {
    const started = Date.now();
    const results = await pollOnce(this.ctx, this.store, { trigger, adapters: this.registry });
    for (const r of results) {
      this.metrics.record(r, this.ctx.clock.now());
      if (r.status === 'ok' && r.accounts > 0) this.lastOk.set(r.platform, this.ctx.clock.now());
      if (r.lastError) this.lastError.set(r.platform, r.lastError);
    }
    await this.refreshOutcomeGauge();
    this.log.info(
      {
        platforms: results.filter((r) => r.status !== 'skipped').length,
        requests: sum(results, 'requestsMade'),
        posts_read: sum(results, 'postsRead'),
        posts_stored: sum(results, 'postsStored'),
        requests_found: sum(results, 'requestsFound'),
        duration_ms: Date.now() - started,
      },
      'poll tick',
    );
    return results;
  }

  private async bios(): Promise<void> {
    // Bios are refreshed inside the poll when a day has passed; forcing the bios cursor back makes this tick fetch them.
    await clearBiosCursors(this.store.db);
    await this.poll('bios');
  }

  private async upkeep(): Promise<void> {
    const m = this.ctx.settings.config;
    const r = await dailyUpkeep(
      this.store.db,
      this.ctx.clock.now(),
      m.method.answer_window_days,
      m.timezone,
      m.privacy.retention_days,
    );
    this.log.info(r, 'upkeep done');
  }

  private async refreshOutcomeGauge(): Promise<void> {
    for (const r of await countByOutcome(this.store.db))
      this.metrics.requestsByOutcome.set({ outcome: r.outcome }, r.n);
  }

  /** 200 while the database answers and some platform succeeded within 3 poll intervals (or the daemon is younger). */
  async health(): Promise<Health> {
    const now = this.ctx.clock.now();
    const interval = pollIntervalMs(this.ctx.settings.config.schedules.poll);
    const dbOk = ping(this.store);
    const recent = [...this.lastOk.values()].some((t) => now.getTime() - t.getTime() <= 3 * interval);
    const young = now.getTime() - this.started.getTime() <= 3 * interval;
    const ok = dbOk && (recent || young);
    return {
      status: ok ? 'ok' : 'degraded',
      httpStatus: ok ? 200 : 503,
      body: {
        status: ok ? 'ok' : 'degraded',
        database: dbOk ? 'ok' : 'unreachable',
        started_at: this.started.toISOString(),
        last_successful_poll: Object.fromEntries(PLATFORMS.map((p) => [p, this.lastOk.get(p)?.toISOString() ?? null])),
        last_error: Object.fromEntries(PLATFORMS.map((p) => [p, this.lastError.get(p) ?? null])),
      },
    };
  }

  /** Stops the schedules, waits for a running job (at most `graceMs`), closes HTTP and releases the lock. */
  async stop(graceMs = 10_000): Promise<void> {
    for (const t of this.tasks) await t.stop();
    const pending = Promise.allSettled([...this.running]);
    await Promise.race([pending, new Promise((r) => setTimeout(r, graceMs).unref())]);
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections?.();
    this.release?.();
    this.log.info('webcare run stopped');
  }
}

function sum(rs: PlatformResult[], k: 'requestsMade' | 'postsRead' | 'postsStored' | 'requestsFound'): number {
  return rs.reduce((s, r) => s + r[k], 0);
}

/** The time between two runs of a cron expression (for health: "within 3 poll intervals"). */
export function pollIntervalMs(expr: string): number {
  const task = cron.createTask(expr, () => undefined);
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : 5 * MINUTE_MS;
}
