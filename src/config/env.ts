import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { formatPath } from './yaml-source.js';

/** Environment variables that override config keys; each also accepts NAME_FILE (a secret file). */
export const ENV_OVERRIDES: Record<string, { path: string[]; type?: 'number' }> = {
  X_BEARER_TOKEN: { path: ['platforms', 'x', 'bearer_token'] },
  FACEBOOK_ACCESS_TOKEN: { path: ['platforms', 'facebook', 'access_token'] },
  MASTODON_ACCESS_TOKEN: { path: ['platforms', 'mastodon', 'access_token'] },
  BLUESKY_IDENTIFIER: { path: ['platforms', 'bluesky', 'identifier'] },
  BLUESKY_APP_PASSWORD: { path: ['platforms', 'bluesky', 'app_password'] },
  WEBCARE_HASH_KEY: { path: ['privacy', 'hash_key'] },
  WEBCARE_HTTP_HOST: { path: ['http', 'host'] },
  WEBCARE_HTTP_PORT: { path: ['http', 'port'], type: 'number' },
  WEBCARE_DB: { path: ['database'] },
  LOG_LEVEL: { path: ['log_level'] },
};

/** Replaces ${NAME} and ${NAME:-default} in every string of `value`; throws ConfigError naming the key. */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv, file: string, path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, dflt?: string) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (dflt !== undefined) return dflt;
      throw new ConfigError(`${file}: ${formatPath(path)}: environment variable ${name} is not set`);
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, file, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, file, [...path, k])]));
  }
  return value;
}

/** Applies ENV_OVERRIDES onto the raw config (mutates and returns it). */
export function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  for (const [name, { path, type }] of Object.entries(ENV_OVERRIDES)) {
    let v = env[name];
    const file = env[`${name}_FILE`];
    if ((v === undefined || v === '') && file) {
      try {
        v = readFileSync(file, 'utf8').trim();
      } catch {
        throw new ConfigError(`${name}_FILE: cannot read ${file}`);
      }
    }
    if (v === undefined || v === '') continue;
    setIn(raw, path, type === 'number' && /^\d+$/.test(v) ? Number(v) : v);
  }
  return raw;
}

function setIn(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (!next || typeof next !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = value;
}
