import { Counter, type Registry } from 'prom-client';
import type { AlertSettings, AlertWebhook, WebhookFormat } from '../config/alerts.js';
import { redactUrl } from '../config/redact.js';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import { DAY_MS, SECOND_MS } from '../model/index.js';
import {
  dueNormAlerts,
  failedSummaries,
  recordAlert,
  recordSummary,
  summaryState,
  type DeliveryRecord,
} from '../storage/alerts.js';
import type { Store } from '../storage/db.js';
import { slotOf, summaryOf } from './alert-summary.js';
import { detectFormat, normAlertBody, summaryBody, type Summary, type TextOptions } from './alert-text.js';
import {
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_DELAYS_MS,
  postJson,
  sleep,
  type PostOptions,
  type PostResult,
} from './webhook.js';

/**
 * The alerts of `webcare run` (issue #15 item 5, docs/alerts.md). A check posts, per webhook, one
 * message for every request of a watched organisation whose norm passed without any response, once
 * per request and webhook ever (recorded in alert_requests); the daily summary posts the requests
 * waiting past the norm now. Both run on their own schedules, off the poll path: a slow or dead
 * receiver delays nothing but its own next alert. Failures are recorded and tried again on the next
 * check; webhook URLs never reach a log (only their host).
 */

/** Knobs of the sending that the config does not expose (tests shorten them). */
export interface AlertRunOptions {
  retryDelaysMs?: readonly number[];
  maxRetryAfterMs?: number;
  /** Wait between two posts to one webhook (Slack takes about one message a second). */
  paceMs?: number;
  sleep?: PostOptions['sleep'];
  fetch?: PostOptions['fetch'];
}

/** What one webhook's part of a check did. */
export interface WebhookCheck {
  webhook: string;
  sent: number;
  failed: number;
  /** Due alerts not tried in this check (the webhook failed, or the batch limit): the next check sends them. */
  deferred: number;
  summariesRetried: number;
}

/** What one summary did per webhook: sent, failed, or already sent for this slot. */
export interface SummaryRun {
  slot: string;
  waiting: number;
  webhooks: { webhook: string; result: 'sent' | 'failed' | 'already sent' }[];
}

export class AlertJob {
  private checking = false;
  private readonly sentTotal: Counter;
  private readonly failedTotal: Counter;
  private readonly post: Omit<PostOptions, 'timeoutMs'>;
  private readonly paceMs: number;
  private readonly wait: NonNullable<PostOptions['sleep']>;

  constructor(
    private readonly ctx: Context,
    private readonly store: Store,
    private readonly log: Logger,
    readonly settings: AlertSettings,
    registry: Registry,
    private readonly signal: AbortSignal,
    opts: AlertRunOptions = {},
  ) {
    this.sentTotal = new Counter({
      name: 'webcare_alerts_sent_total',
      help: 'Webhook posts delivered, by kind (norm, summary)',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.failedTotal = new Counter({
      name: 'webcare_alerts_failed_total',
      help: 'Webhook posts that failed after their retries, by kind (norm, summary)',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.wait = opts.sleep ?? sleep;
    this.paceMs = opts.paceMs ?? SECOND_MS;
    this.post = {
      retryDelaysMs: opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      signal: this.signal,
      sleep: this.wait,
      fetch: opts.fetch,
    };
  }

  /** The webhooks as they may be logged: name, host and format, never the URL's path. */
  /** What `webcare run` logs when the alerts start (webhook hosts only). */
  enabledLog(): Record<string, unknown> {
    const s = this.settings;
    return { webhooks: this.describe(), watch: s.watch ?? 'all', check: s.check, daily_summary: s.dailySummary };
  }

  describe(): { name: string; url: string; format: WebhookFormat }[] {
    return this.settings.webhooks.map((w) => ({ name: w.name, url: redactUrl(w.url), format: formatOf(w) }));
  }

  /**
   * One check: for every webhook at once, the due alerts (earliest norm first, at most max_per_check),
   * one post each, paced; a webhook whose post failed gets no more this check. Then failed summaries
   * of the last day are tried again. A check while one runs returns at once (null).
   */
  async check(): Promise<WebhookCheck[] | null> {
    if (this.checking) return null;
    this.checking = true;
    try {
      return await Promise.all(this.settings.webhooks.map((w) => this.checkWebhook(w)));
    } finally {
      this.checking = false;
    }
  }

  private async checkWebhook(w: AlertWebhook): Promise<WebhookCheck> {
    const s = this.settings;
    const now = this.ctx.clock.now();
    const result: WebhookCheck = { webhook: w.name, sent: 0, failed: 0, deferred: 0, summariesRetried: 0 };
    const due = await dueNormAlerts(this.store.db, {
      webhook: w.name,
      now: now.getTime(),
      since: now.getTime() - s.lookbackDays * DAY_MS,
      orgs: s.watch,
      limit: s.maxPerCheck,
    });
    const text = this.textOptions();
    let healthy = true;
    for (const [i, a] of due.entries()) {
      if (!healthy || this.signal.aborted) {
        result.deferred = due.length - i;
        break;
      }
      if (i > 0 && !(await this.pace())) break;
      const body = normAlertBody(
        {
          orgId: a.org_id,
          orgName: a.org_name,
          platform: a.platform,
          kind: a.kind,
          createdAt: a.created_at,
          normReachMs: a.norm_reach_ms,
          url: a.url,
        },
        formatOf(w),
        text,
      );
      const r = await this.deliver(w, body);
      if (r.ok === false && r.aborted) break;
      await recordAlert(this.store.db, a, this.record(w, r));
      if (r.ok) {
        result.sent++;
        this.sentTotal.inc({ kind: 'norm' });
      } else {
        result.failed++;
        healthy = false;
        this.failedTotal.inc({ kind: 'norm' });
        this.log.warn(
          { webhook: w.name, host: hostOf(w.url), org: a.org_id, attempts: r.attempts, error: r.error },
          'alert not delivered: tried again on the next check',
        );
      }
    }
    if (healthy && !this.signal.aborted) result.summariesRetried = await this.retrySummaries(w);
    if (result.sent || result.failed)
      this.log.info({ host: hostOf(w.url), ...result }, 'alerts: requests past the norm');
    return result;
  }

  /** Failed summaries of the last day for `w`, sent again with today's figures. */
  private async retrySummaries(w: AlertWebhook): Promise<number> {
    const now = this.ctx.clock.now();
    const since = slotOf(new Date(now.getTime() - DAY_MS), this.ctx.settings.config.timezone);
    let n = 0;
    let data: Summary | undefined; // today's figures, read once for every slot sent again
    for (const f of await failedSummaries(this.store.db, since)) {
      if (f.webhook !== w.name) continue;
      if (f.retry_at !== null && Date.parse(f.retry_at) > now.getTime()) continue;
      data ??= await this.summaryNow();
      if (!(await this.sendSummary(w, f.slot, data))) break;
      n++;
    }
    return n;
  }

  /**
   * The daily summary: per watched organisation the requests waiting past the norm now, posted to
   * every webhook that did not get this slot's summary yet. A failure is tried again by the checks.
   */
  async summary(): Promise<SummaryRun> {
    const slot = slotOf(this.ctx.clock.now(), this.ctx.settings.config.timezone);
    const data = await this.summaryNow();
    const webhooks = await Promise.all(
      this.settings.webhooks.map(async (w) => {
        if ((await summaryState(this.store.db, slot, w.name))?.status === 'sent')
          return { webhook: w.name, result: 'already sent' as const };
        return {
          webhook: w.name,
          result: (await this.sendSummary(w, slot, data)) ? ('sent' as const) : ('failed' as const),
        };
      }),
    );
    const waiting = data.orgs.reduce((n, o) => n + o.waiting, 0);
    this.log.info({ slot, waiting, webhooks }, 'alerts: daily summary');
    return { slot, waiting, webhooks };
  }

  private async sendSummary(w: AlertWebhook, slot: string, data: Summary): Promise<boolean> {
    const r = await this.deliver(w, summaryBody(data, formatOf(w), this.textOptions()));
    if (r.ok === false && r.aborted) return false;
    await recordSummary(this.store.db, slot, this.record(w, r));
    if (r.ok) {
      this.sentTotal.inc({ kind: 'summary' });
      return true;
    }
    this.failedTotal.inc({ kind: 'summary' });
    this.log.warn(
      { webhook: w.name, host: hostOf(w.url), slot, attempts: r.attempts, error: r.error },
      'daily summary not delivered: tried again on the next check',
    );
    return false;
  }

  private summaryNow(): Promise<Summary> {
    const window = this.ctx.settings.config.method.answer_window_days;
    return summaryOf(this.store.db, this.settings.watch, window, this.ctx.clock.now());
  }

  private deliver(w: AlertWebhook, body: unknown): Promise<PostResult> {
    return postJson(w.url, body, { ...this.post, timeoutMs: this.settings.timeoutMs });
  }

  private record(w: AlertWebhook, r: PostResult): DeliveryRecord {
    const at = this.ctx.clock.now();
    if (r.ok) return { webhook: w.name, ok: true, attempts: r.attempts, at };
    return {
      webhook: w.name,
      ok: false,
      attempts: r.attempts,
      at,
      error: r.error,
      retryAt: r.retryAfterMs !== undefined ? new Date(at.getTime() + r.retryAfterMs) : undefined,
    };
  }

  /** Waits the pace between two posts to one webhook; false when the daemon stops meanwhile. */
  private async pace(): Promise<boolean> {
    if (this.paceMs <= 0) return !this.signal.aborted;
    try {
      await this.wait(this.paceMs, this.signal);
      return true;
    } catch {
      return false;
    }
  }

  private textOptions(): TextOptions {
    const c = this.ctx.settings.config;
    return {
      lang: this.settings.language,
      zone: c.timezone,
      normWorkingDays: c.method.norm_working_days,
      now: this.ctx.clock.now(),
    };
  }
}

function formatOf(w: AlertWebhook): WebhookFormat {
  return w.format === 'auto' ? detectFormat(w.url) : w.format;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
