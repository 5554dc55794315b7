import { stringify } from 'yaml';
import type { Settings } from './load.js';
import { hoursToYaml } from './hours.js';
import { shownDatabase } from '../model/index.js';

const SECRET_KEY = /(token|password|secret|hash_key|api_key)$/i;
export const REDACTED = '<redacted>';

/**
 * Returns a copy of `value` with every secret-named key that has a value replaced by "<redacted>", and
 * the `url` of every webhook (`alerts.webhooks`: the URL carries the token) shortened by redactUrl.
 */
export function redact(value: unknown, inWebhooks = false): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, inWebhooks));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== undefined && v !== null
          ? REDACTED
          : inWebhooks && k === 'url' && typeof v === 'string'
            ? redactUrl(v)
            : redact(v, inWebhooks || k === 'webhooks'),
      ]),
    );
  }
  return value;
}

/**
 * A webhook URL as it may be shown (logs, `config --dump`): scheme and host only, the path and query
 * (which carry the token) replaced: "https://hooks.slack.com/<redacted>". Not a URL: "<redacted>".
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/${REDACTED}`;
  } catch {
    return REDACTED;
  }
}

/** The effective config as YAML, secrets redacted; registry organisations are named by file, not listed. */
export function dumpSettings(settings: Settings): string {
  const head = `# effective config (${settings.configFile ?? 'no config file: defaults'}); ${settings.organisations.length} organisations in total\n`;
  const c = settings.config;
  const plain = {
    ...c,
    database: shownDatabase(settings.database), // a postgres:// URL without its password
    method: { ...c.method, office_hours: hoursToYaml(c.method.office_hours) },
    organisations: c.organisations.map((o) => (o.hours ? { ...o, hours: hoursToYaml(o.hours) } : o)),
  };
  return head + stringify(redact(plain), { lineWidth: 0 });
}
