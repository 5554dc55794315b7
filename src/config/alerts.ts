import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { formatPath, readTextFile, type YamlSource } from './yaml-source.js';

/**
 * `alerts:` of the config (docs/alerts.md): webhooks that `webcare run` posts to when a request of a
 * watched organisation passes the norm without any response, and a daily summary. Webhook URLs are
 * secrets (they carry the token): never logged or dumped in full (config/redact.ts), and they may
 * come from the environment (`url: ${SLACK_WEBHOOK_URL}`) or a secret file (`url_file:`).
 */

export const WEBHOOK_FORMATS = ['auto', 'slack', 'mattermost', 'teams', 'teams-workflow', 'generic'] as const;
export type WebhookFormat = Exclude<(typeof WEBHOOK_FORMATS)[number], 'auto'>;

const unknownKey = { error: (iss: { code?: string }) => (iss.code === 'unrecognized_keys' ? 'unknown key' : undefined) };
// Never echo the value in an error: a webhook URL is a secret.
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (the webhook address)' });
const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);

const webhookSchema = z
  .strictObject(
    {
      /** How the database remembers what was sent to this webhook; default: a hash of the URL. */
      name: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'name: letters, digits, "_", "." or "-" (at most 40)')
        .optional(),
      url: z.preprocess(emptyIsUnset, httpUrl.optional()),
      /** A file holding the URL (Docker/systemd secrets), relative to the config file. */
      url_file: z.string().min(1).optional(),
      format: z.enum(WEBHOOK_FORMATS).default('auto'),
    },
    unknownKey,
  )
  .superRefine((w, ctx) => {
    if (w.url === undefined && w.url_file === undefined)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required (or url_file)' });
    if (w.url !== undefined && w.url_file !== undefined)
      ctx.addIssue({ code: 'custom', path: ['url_file'], message: 'give url or url_file, not both' });
  });

const cronOrFalse = z.custom<string | false>(
  (v) => v === false || (typeof v === 'string' && cron.validate(v)),
  'must be a cron expression (e.g. "0 8 * * *") or false for no summary',
);

export const alertsSchema = z
  .strictObject(
    {
      enabled: z.boolean().default(true),
      webhooks: z.array(webhookSchema).default([]),
      /** Organisation ids to alert on; empty or absent: all organisations. */
      watch: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'organisation ids are lowercase slugs')).default([]),
      language: z.enum(['nl', 'en']).default('nl'),
      /** When the daemon looks for requests that passed the norm (cron, in `timezone`). */
      check: z
        .string()
        .refine((s) => cron.validate(s), 'not a valid cron expression (5 or 6 fields, e.g. "*/5 * * * *")')
        .default('*/5 * * * *'),
      daily_summary: cronOrFalse.default('0 8 * * *'),
      /** At most this many alerts per webhook per check; the rest follow on the next checks. */
      max_per_check: z.number().int().min(1).max(1000).default(50),
      /** Only requests whose norm passed within this many days (no flood of history on the first run). */
      lookback_days: z.number().positive().max(60).default(3),
      /** Each POST is given up after this long (then retried with backoff). */
      timeout_seconds: z.number().positive().max(120).default(10),
    },
    unknownKey,
  )
  .superRefine((a, ctx) => {
    if (a.enabled && a.webhooks.length === 0)
      ctx.addIssue({ code: 'custom', path: ['webhooks'], message: 'needs at least one webhook (or enabled: false)' });
    const names = new Map<string, number>();
    a.webhooks.forEach((w, i) => {
      if (w.name === undefined) return;
      if (names.has(w.name))
        ctx.addIssue({ code: 'custom', path: ['webhooks', i, 'name'], message: `"${w.name}" is used twice` });
      names.set(w.name, i);
    });
  });
export type AlertsInput = z.output<typeof alertsSchema>;

/** One webhook, ready to post to. */
export interface AlertWebhook {
  /** The key of what was sent to it in the database (never the URL). */
  name: string;
  url: string;
  format: WebhookFormat | 'auto';
}

/** The alerts of the settings, resolved (URL files read, names given); null when alerts are off. */
export interface AlertSettings {
  webhooks: AlertWebhook[];
  /** Organisation ids, or null for all. */
  watch: string[] | null;
  language: 'nl' | 'en';
  check: string;
  dailySummary: string | false;
  maxPerCheck: number;
  lookbackDays: number;
  timeoutMs: number;
}

/** The default name of a webhook: a short hash of its URL (the URL itself is a secret). */
export function webhookName(url: string): string {
  return `webhook-${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

/**
 * Completes `alerts:` after validation: reads `url_file` (relative to the config file), names every
 * webhook, and checks that watched organisations exist. Throws ConfigError naming the key and line.
 */
export function resolveAlerts(
  alerts: AlertsInput | undefined,
  src: YamlSource,
  baseDir: string,
  orgIds: ReadonlySet<string>,
): AlertsInput | undefined {
  if (!alerts) return alerts;
  const fail = (path: PropertyKey[], what: string) => {
    const full = ['alerts', ...path];
    const line = src.lineOf(full);
    return new ConfigError(`${src.file}: ${formatPath(full)}: ${what}${line ? ` (line ${line})` : ''}`);
  };
  alerts.watch.forEach((id, i) => {
    if (!orgIds.has(id)) throw fail(['watch', i], `unknown organisation "${id}"`);
  });
  const seen = new Map<string, number>();
  const webhooks = alerts.webhooks.map((w, i) => {
    let url = w.url;
    if (url === undefined && w.url_file !== undefined) {
      const file = isAbsolute(w.url_file) ? w.url_file : resolve(baseDir, w.url_file);
      let text: string;
      try {
        text = readTextFile(file, 'webhook URL file').trim();
      } catch (err) {
        throw fail(['webhooks', i, 'url_file'], (err as Error).message);
      }
      if (!httpUrl.safeParse(text).success)
        throw fail(['webhooks', i, 'url_file'], `${file} must hold an http(s) URL (the webhook address)`);
      url = text;
    }
    const name = w.name ?? webhookName(url!);
    const twice = seen.get(name);
    if (twice !== undefined) throw fail(['webhooks', i], `the same webhook as webhooks[${twice}] (give each a name)`);
    seen.set(name, i);
    return { ...w, name, url };
  });
  return { ...alerts, webhooks };
}

/** The alerts to send with these settings, or null when `alerts:` is absent, disabled or has no webhooks. */
export function alertSettings(config: { alerts?: AlertsInput | undefined }): AlertSettings | null {
  const a = config.alerts;
  if (!a || !a.enabled || a.webhooks.length === 0) return null;
  return {
    webhooks: a.webhooks.map((w) => ({ name: w.name ?? webhookName(w.url!), url: w.url!, format: w.format })),
    watch: a.watch.length ? [...a.watch] : null,
    language: a.language,
    check: a.check,
    dailySummary: a.daily_summary,
    maxPerCheck: a.max_per_check,
    lookbackDays: a.lookback_days,
    timeoutMs: Math.round(a.timeout_seconds * 1000),
  };
}
