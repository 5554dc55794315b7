import { z } from 'zod';
import cron from 'node-cron';
import { DateTime, IANAZone } from 'luxon';
import { accountsSchema } from './handles.js';
import { DEFAULT_HOURS_YAML, hoursSchema } from './hours.js';
import { DEFAULT_HOLIDAY_DAYS, HOLIDAY_NAMES } from '../analysis/holidays.js';
import { alertsSchema } from './alerts.js';

const unknownKey = { error: (iss: { code?: string }) => (iss.code === 'unrecognized_keys' ? 'unknown key' : undefined) };
const cronExpr = (dflt: string) =>
  z.string().refine((s) => cron.validate(s), 'not a valid cron expression (5 or 6 fields, e.g. "*/5 * * * *")').default(dflt);
// An empty value ("${TOKEN:-}") means "not set", not an invalid secret.
const secret = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** One organisation, in the registry files and in `organisations:` of the config. */
export const organisationSchema = z.strictObject(
  {
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be a lowercase slug (a-z, 0-9, -)'),
    name: z.string().min(1, 'name must not be empty'),
    official_name: z.string().min(1).optional(),
    cbs: z.string().regex(/^GM\d{4}$/, 'cbs must be GM followed by 4 digits').optional(),
    province: z.string().min(1).optional(),
    population: z.number().int().nonnegative().optional(),
    accounts: accountsSchema.prefault({}),
    hours: hoursSchema.optional(),
    /** Office hours of single accounts ("x:gemeentewebcare": {...}), overriding `hours` (METHOD.md 4). */
    account_hours: z
      .record(z.string(), hoursSchema)
      .superRefine((v, ctx) => {
        for (const k of Object.keys(v))
          if (!/^(x|facebook|mastodon|bluesky):\S+$/.test(k))
            ctx.addIssue({ code: 'custom', message: `${k}: keys look like "x:handle" (platform:handle)` });
      })
      .optional(),
    /** Written by `webcare accounts discover`: where each account was found and why it was accepted. */
    discovery: z
      .partialRecord(
        z.enum(['x', 'facebook', 'mastodon', 'bluesky']),
        z.array(z.object({ handle: z.string(), source: z.string(), evidence: z.array(z.string()), confidence: z.number().min(0).max(1), dormant: z.boolean(), discovered_at: z.string() })),
      )
      .optional(),
  },
  unknownKey,
);
export type OrganisationInput = z.output<typeof organisationSchema>;

const weights = z
  .strictObject(
    {
      response_rate: z.number().min(0).max(1).default(0.4),
      substance: z.number().min(0).max(1).default(0.2),
      speed: z.number().min(0).max(1).default(0.25),
      accessibility: z.number().min(0).max(1).default(0.15),
    },
    unknownKey,
  )
  .refine((w) => Math.abs(w.response_rate + w.substance + w.speed + w.accessibility - 1) < 1e-9, 'weights must add up to 1');

/** The whole config file after defaults. Keys are snake_case, as in the YAML. */
export const settingsSchema = z.strictObject(
  {
    database: z.string().min(1).default('data/webcare.db'),
    /** Where the daemon's weekly digest and `webcare digest` write (default: digests/ beside a SQLite file). */
    digest_dir: z.string().min(1).optional(),
    timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'unknown IANA time zone').default('Europe/Amsterdam'),
    log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    method: z
      .strictObject(
        {
          answer_window_days: z.number().int().min(1).max(365).default(30),
          norm_working_days: z.number().positive().max(30).default(2),
          // METHOD.md 4b: a request counts in the fixed-horizon rates and the score once this has passed.
          score_horizon_days: z.number().int().min(1).max(60).default(7),
          office_hours: hoursSchema.prefault(DEFAULT_HOURS_YAML),
          // METHOD.md 4: closed days of business time, by name (dates from date-holidays) plus extra local dates.
          holidays: z
            .strictObject(
              {
                days: z.array(z.enum(HOLIDAY_NAMES)).default([...DEFAULT_HOLIDAY_DAYS]),
                extra: z
                  .array(
                    z
                      .string()
                      .regex(/^\d{4}-\d{2}-\d{2}$/, 'extra holidays must be local dates like "2026-12-24"')
                      .refine((d) => DateTime.fromISO(d).isValid, 'not a date in the calendar'),
                  )
                  .default([]),
              },
              unknownKey,
            )
            .prefault({}),
          weights: weights.prefault({ response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 }),
          min_closed_requests: z.number().int().min(1).default(5),
        },
        unknownKey,
      )
      .prefault({}),
    privacy: z
      .strictObject({ hash_key: secret, retention_days: z.number().int().min(1).default(90) }, unknownKey)
      .prefault({}),
    platforms: z
      .strictObject(
        {
          x: z
            .strictObject(
              {
                enabled: z.boolean().default(true),
                bearer_token: secret,
                monthly_post_budget: z.number().int().nonnegative().default(15000),
                query_max_chars: z.number().int().min(64).max(4096).default(512),
              },
              unknownKey,
            )
            .prefault({}),
          facebook: z
            .strictObject(
              {
                enabled: z.boolean().default(true),
                access_token: secret,
                api_version: z.string().regex(/^v\d+\.\d+$/, 'api_version must look like v21.0').default('v21.0'),
              },
              unknownKey,
            )
            .prefault({}),
          mastodon: z
            .strictObject(
              {
                enabled: z.boolean().default(true),
                default_server: z.string().min(1).default('social.overheid.nl'),
                access_token: secret,
              },
              unknownKey,
            )
            .prefault({}),
          bluesky: z
            .strictObject(
              {
                enabled: z.boolean().default(true),
                appview: z.url().default('https://public.api.bsky.app'),
                service: z.url().default('https://bsky.social'),
                identifier: secret,
                app_password: secret,
              },
              unknownKey,
            )
            .prefault({}),
        },
        { error: (iss) => (iss.code === 'unrecognized_keys' ? 'unknown platform (expected x, facebook, mastodon, bluesky)' : undefined) },
      )
      .prefault({}),
    schedules: z
      .strictObject(
        {
          poll: cronExpr('*/5 * * * *'),
          bios: cronExpr('30 6 * * *'),
          upkeep: cronExpr('15 3 * * *'),
          digest: cronExpr('0 7 * * 1'),
        },
        unknownKey,
      )
      .prefault({}),
    http: z
      .strictObject(
        {
          host: z.string().min(1).default('127.0.0.1'),
          port: z.number().int().min(0).max(65535).default(9464),
          /** `webcare run` serves the dashboard pages (webcare serve) beside /healthz and /metrics. */
          dashboard: z.boolean().default(false),
          /** Bearer token (or basic-auth password) the dashboard requires; required for a non-loopback bind. */
          token: z
            .string()
            .regex(/^\S{16,}$/, 'must be at least 16 characters, without spaces')
            .optional(),
        },
        unknownKey,
      )
      .prefault({}),
    /** Webhooks for requests past the norm without a response, and a daily summary (docs/alerts.md). */
    alerts: alertsSchema.optional(),
    /** Directory with nl.yaml and en.yaml phrase lists (default: the shipped config/phrases). */
    phrases_dir: z.string().min(1).optional(),
    registry: z.array(z.string().min(1)).optional(),
    organisations: z.array(organisationSchema).default([]),
  },
  unknownKey,
);
export type SettingsInput = z.output<typeof settingsSchema>;
