import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { PlatformResult } from '../poller/poll.js';

/** The daemon's Prometheus metrics (own registry, so tests can make several). */
export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly polls = new Counter({
    name: 'webcare_polls_total',
    help: 'Poll cycles per platform and status',
    labelNames: ['platform', 'status'],
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'webcare_api_requests_total',
    help: 'API requests made',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  private readonly postsRead = new Counter({
    name: 'webcare_posts_read_total',
    help: 'Posts read from APIs',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  private readonly postsStored = new Counter({
    name: 'webcare_posts_stored_total',
    help: 'New posts stored',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'webcare_rate_limit_waits_total',
    help: 'Polls that hit a rate limit or usage cap',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'webcare_errors_total',
    help: 'Errors by platform and kind',
    labelNames: ['platform', 'kind'],
    registers: [this.registry],
  });
  private readonly lastPoll = new Gauge({
    name: 'webcare_last_poll_timestamp_seconds',
    help: 'Last successful poll per platform',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly budgetLeft = new Gauge({
    name: 'webcare_budget_posts_left',
    help: 'X post reads left this month',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly requestsByOutcome = new Gauge({
    name: 'webcare_requests',
    help: 'Requests stored, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'webcare_process_' });
  }

  /** Records one platform's poll result. */
  record(r: PlatformResult, at: Date): void {
    if (r.status === 'skipped') return;
    this.polls.inc({ platform: r.platform, status: r.status });
    this.requests.inc({ platform: r.platform }, r.requestsMade);
    this.postsRead.inc({ platform: r.platform }, r.postsRead);
    this.postsStored.inc({ platform: r.platform }, r.postsStored);
    if (r.status === 'rate-limited') this.rateLimited.inc({ platform: r.platform });
    if (r.status === 'failed') this.errors.inc({ platform: r.platform, kind: 'poll' });
    if (r.status === 'ok') this.lastPoll.set({ platform: r.platform }, at.getTime() / 1000);
  }

  /** Counts an error of a job that is not a poll (bios, upkeep, digest). */
  jobError(kind: string): void {
    this.errors.inc({ platform: 'none', kind });
  }
}
