import cron, { type ScheduledTask } from 'node-cron';
import { alertSettings } from '../config/alerts.js';
import { ConfigError } from '../config/errors.js';
import type { Context } from '../context.js';
import { subsystem, type Logger } from '../logger.js';
import { isPostgresUrl, MINUTE_MS, PLATFORMS, shownDatabase, type Platform } from '../model/index.js';
import type { PlatformAdapter } from '../platforms/adapter.js';
import { adapters } from '../platforms/registry.js';
import { pollOnce, type PlatformResult } from '../poller/poll.js';
import { pipelineDeps } from '../poller/setup.js';
import { clearBiosCursors } from '../storage/cursors.js';
import { readProblem, type Store } from '../storage/db.js';
import { countByOutcome } from '../storage/request-outcomes.js';
import { alertPlan } from './alert-plan.js';
import { AlertJob, type AlertRunOptions, type SummaryRun, type WebhookCheck } from './alerts.js';
import { startHttp, type Health, type HttpHandle } from './http.js';
import { ClusterWorker, defaultWorkerName } from './cluster.js';
import { PollHealth } from './health.js';
import { PartRefresh } from './part-refresh.js';
import { acquireLock } from './lock.js';
import { listenError, startError, StartError } from './start-errors.js';
import { DaemonMetrics } from './metrics.js';
import { dailyUpkeep } from './upkeep.js';

export type JobName = 'poll' | 'bios' | 'upkeep' | 'digest';
/** The jobs of `alerts:` (docs/alerts.md), on their own schedules. */
export type AlertJobName = 'alerts' | 'alert-summary';

/** Extra jobs that other parts of the product register (the weekly digest). */
export type JobRunner = (ctx: Context, store: Store, log: Logger) => Promise<void>;

/**
 * `webcare run`: one process per database. Takes the lock, binds the port, opens and migrates the
 * database, reconciles accounts with the config, then schedules the jobs with node-cron (no overlap,
 * in the configured time zone) and serves /healthz and /metrics; all or nothing. On stop() it lets
 * a running job finish and in-flight HTTP answers complete (at most 10 s) before closing the database.
 */
export class Daemon {
  readonly metrics = new DaemonMetrics();
  private tasks: ScheduledTask[] = [];
  private http?: HttpHandle;
  private release?: () => void;
  private store?: Store;
  private ownsStore = false;
  private startedOnce = false;
  private stopping?: Promise<void>;
  private running = new Set<Promise<unknown>>();
  private readonly polls: PollHealth;
  private alerts?: AlertJob;
  /** On PostgreSQL: this process as one of many workers (jobs/cluster.ts). */
  private cluster?: ClusterWorker;
  /** On SQLite: the parts of weeks kept current between upkeeps (jobs/part-refresh.ts). */
  private parts?: PartRefresh;
  /** Aborted when the daemon stops: a webhook post in flight or a backoff wait ends at once. */
  private readonly stopSignal = new AbortController();
  private readonly started: Date;
  private readonly log: Logger;
  port = 0;

  /**
   * `store` omitted: start() opens the context's database after it holds the lock and the port,
   * and stop() closes it. Given (tests): the caller owns it.
   */
  constructor(
    private readonly ctx: Context,
    store?: Store,
    private readonly extraJobs: Partial<Record<JobName, JobRunner>> = {},
    private readonly registry: Record<Platform, PlatformAdapter> = adapters(),
    private readonly options: { alerts?: AlertRunOptions; worker?: string } = {},
  ) {
    this.store = store;
    this.started = ctx.clock.now();
    this.polls = new PollHealth(this.started);
    this.log = subsystem(ctx.logger, 'jobs');
  }

  /** The open database (after start() opened it). */
  private get db(): Store {
    if (!this.store) throw new Error('the daemon has no open database');
    return this.store;
  }

  /**
   * Starts all or nothing, in this order: the lock, the HTTP port, the database (opened and
   * migrated here unless one was given), the accounts reconciled with the config, then the
   * schedules. On any failure it undoes what it started (schedules, server, database, lock) and
   * throws a UserError (exit 2) whose one line names the cause, e.g. `http.port 8080: address
   * already in use`.
   */
  async start(): Promise<void> {
    if (this.startedOnce) throw new Error('a Daemon starts once');
    this.startedOnce = true;
    try {
      await this.startSteps();
    } catch (err) {
      await this.teardown(0);
      throw startError(err, shownDatabase(this.ctx.settings.database));
    }
  }

  private async startSteps(): Promise<void> {
    const database = this.ctx.settings.database;
    // One daemon per SQLite file; on PostgreSQL many workers share the work (jobs/cluster.ts).
    const shared = isPostgresUrl(database);
    if (!shared) this.release = acquireLock(database, { log: this.log });
    const { host, port } = this.ctx.settings.config.http;
    let http: HttpHandle;
    try {
      http = await startHttp(host, port, this.metrics, () => this.health());
    } catch (err) {
      throw listenError(err, host, port);
    }
    this.http = http;
    this.port = http.port;
    if (!this.store) {
      this.ownsStore = true;
      this.store = await this.ctx.store(); // opens and migrates; unreadable files fail here
    }
    const problem = readProblem(this.store);
    if (problem !== undefined) throw new StartError(`${database}: ${problem}`);
    if (shared) {
      const name = this.options.worker ?? defaultWorkerName();
      this.cluster = new ClusterWorker(this.store.db, name, this.ctx.clock, this.intervalMs, this.log);
      await this.cluster.seen();
      this.metrics.registry.setDefaultLabels({ worker: name });
    } else {
      const m = this.ctx.settings.config;
      const method = { windowDays: m.method.answer_window_days, zone: m.timezone };
      this.parts = new PartRefresh(this.store.db, this.ctx.clock, method, this.log);
    }
    await pipelineDeps(this.ctx, this.store); // reconcile accounts with the config
    for (const p of PLATFORMS) {
      const why = this.registry[p].unavailable(this.ctx.settings);
      if (why) this.log.info({ platform: p, reason: why }, 'platform skipped');
    }
    const s = this.ctx.settings.config.schedules;
    const jobs: Record<JobName, () => Promise<void>> = {
      poll: async () => void (await this.poll('cron')),
      bios: () => this.once('bios', () => this.bios()),
      upkeep: () => this.once('upkeep', () => this.upkeep()),
      digest: () =>
        this.once('digest', () =>
          this.extraJobs.digest ? this.extraJobs.digest(this.ctx, this.db, this.log) : Promise.resolve(),
        ),
    };
    const planned = (Object.entries(jobs) as [JobName, () => Promise<void>][]).filter(
      ([name]) => name !== 'digest' || this.extraJobs.digest,
    );
    // Every expression is checked before the first task is scheduled.
    for (const [name] of planned)
      if (!cron.validate(s[name])) throw new ConfigError(`schedules.${name}: not a valid cron expression`);
    for (const [name, run] of planned) {
      const task = cron.schedule(s[name], () => this.track(name, run), {
        timezone: this.ctx.settings.config.timezone,
        noOverlap: true,
        name,
      });
      this.tasks.push(task);
    }
    this.scheduleAlerts();
    this.log.info({ host, port: this.port, schedules: s, db: shownDatabase(database) }, 'webcare run started');
  }

  /**
   * The alerts (config `alerts:`): their own node-cron tasks, never awaited by a poll tick, so a slow
   * or dead webhook receiver delays no poll (docs/alerts.md).
   */
  private scheduleAlerts(): void {
    const settings = alertSettings(this.ctx.settings.config);
    if (!settings) return;
    const alerts = new AlertJob(
      this.ctx,
      this.db,
      subsystem(this.ctx.logger, 'alerts'),
      settings,
      this.metrics.registry,
      this.stopSignal.signal,
      this.options.alerts,
    );
    this.alerts = alerts;
    const zone = this.ctx.settings.config.timezone;
    for (const { name, key, expr, run } of alertPlan(alerts, settings)) {
      if (!cron.validate(expr)) throw new ConfigError(`${key}: not a valid cron expression`);
      this.tasks.push(
        cron.schedule(expr, () => this.track(name, () => this.once(name, run)), {
          timezone: zone,
          noOverlap: true,
          name,
        }),
      );
    }
    this.log.info(alerts.enabledLog(), 'alerts enabled');
  }

  /** One check of the alerts now (what the `alerts.check` schedule runs); null without alerts or while one runs. */
  async alertCheck(): Promise<WebhookCheck[] | null> {
    return this.alerts ? this.alerts.check() : null;
  }

  /** The daily summary now (what `alerts.daily_summary` runs); null without alerts. */
  async alertSummary(): Promise<SummaryRun | null> {
    return this.alerts ? this.alerts.summary() : null;
  }

  /** Runs a job, never letting it throw: failures are logged and counted. */
  track(name: JobName | AlertJobName, run: () => Promise<void>): Promise<void> {
    const p = run().catch((err: unknown) => {
      this.metrics.jobError(name);
      this.log.error({ job: name, err }, 'job failed');
    });
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** A daily or weekly job: on PostgreSQL only on the worker that claims its firing first. */
  private once(job: JobName | AlertJobName, run: () => Promise<void>): Promise<void> {
    return this.cluster ? this.cluster.once(job, run) : run();
  }

  /** The poll interval of schedules.poll. */
  private get intervalMs(): number {
    return pollIntervalMs(this.ctx.settings.config.schedules.poll);
  }

  /** One poll tick: the same code as `webcare poll --once` (on PostgreSQL: this worker's share of it). */
  async poll(trigger: string): Promise<PlatformResult[]> {
    const started = Date.now();
    await this.cluster?.seen();
    const results = await pollOnce(this.ctx, this.db, {
      trigger,
      adapters: this.registry,
      ...(this.cluster ? { worker: this.cluster.share() } : {}),
    });
    for (const r of results) {
      this.metrics.record(r, this.ctx.clock.now());
      this.polls.record(r, this.ctx.clock.now(), Boolean(this.cluster));
    }
    await this.refreshOutcomeGauge();
    this.parts?.afterTick();
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
    await clearBiosCursors(this.db.db);
    await this.poll('bios');
  }

  private async upkeep(): Promise<void> {
    const m = this.ctx.settings.config;
    const r = await dailyUpkeep(
      this.db.db,
      this.ctx.clock.now(),
      m.method.answer_window_days,
      m.timezone,
      m.privacy.retention_days,
    );
    this.log.info(r, 'upkeep done');
  }

  private async refreshOutcomeGauge(): Promise<void> {
    for (const r of await countByOutcome(this.db.db)) this.metrics.requestsByOutcome.set({ outcome: r.outcome }, r.n);
  }

  /** 200 while the database answers and some platform succeeded within 3 poll intervals (or the daemon is younger). */
  health(): Promise<Health> {
    return this.polls.answer(this.store, this.ctx.clock.now(), this.intervalMs, this.cluster?.name);
  }

  /**
   * Stops the schedules and, within `graceMs` together: lets a running job finish, closes the idle
   * and half-open HTTP connections at once and cuts the ones still answering when the grace is over.
   * Then closes the database (when start() opened it) and releases the lock. Safe to call twice.
   */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping ??= this.teardown(graceMs).then(() => this.log.info('webcare run stopped'));
    return this.stopping;
  }

  /** Undoes start(), whatever part of it ran: never throws. */
  private async teardown(graceMs: number): Promise<void> {
    const tasks = this.tasks.splice(0);
    await Promise.allSettled(tasks.map((t) => t.destroy())); // stopped and out of node-cron's registry
    this.stopSignal.abort(new Error('the daemon is stopping')); // webhook posts in flight end now
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise((r) => (timer = setTimeout(r, graceMs)));
    const jobs = Promise.race([Promise.allSettled([...this.running]), graceOver]);
    const http = this.http?.close(graceMs).catch((err: unknown) => this.log.warn({ err }, 'closing http failed'));
    this.http = undefined;
    await Promise.all([jobs, http]);
    clearTimeout(timer);
    await this.cluster?.stopped().catch((err: unknown) => this.log.warn({ err }, 'recording the stop failed'));
    this.cluster = undefined;
    if (this.ownsStore) {
      this.ownsStore = false;
      this.store = undefined;
      await this.ctx.destroy().catch((err: unknown) => this.log.warn({ err }, 'closing the database failed'));
    }
    try {
      this.release?.();
    } catch (err) {
      this.log.warn({ err }, 'releasing the lock failed');
    }
    this.release = undefined;
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
