import { stringify } from 'yaml';
import type { Settings } from './load.js';
import { hoursToYaml } from './hours.js';

const SECRET_KEY = /(token|password|secret|hash_key|api_key)$/i;
export const REDACTED = '<redacted>';

/** Returns a copy of `value` with every secret-named key that has a value replaced by "<redacted>". */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== undefined && v !== null ? REDACTED : redact(v)]),
    );
  }
  return value;
}

/** The effective config as YAML, secrets redacted; registry organisations are named by file, not listed. */
export function dumpSettings(settings: Settings): string {
  const head = `# effective config (${settings.configFile ?? 'no config file: defaults'}); ${settings.organisations.length} organisations in total\n`;
  const c = settings.config;
  const plain = {
    ...c,
    database: settings.database,
    method: { ...c.method, office_hours: hoursToYaml(c.method.office_hours) },
    organisations: c.organisations.map((o) => (o.hours ? { ...o, hours: hoursToYaml(o.hours) } : o)),
  };
  return head + stringify(redact(plain), { lineWidth: 0 });
}
