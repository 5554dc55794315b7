import { ConfigError } from './errors.js';
import { formatPath, readTextFile } from './yaml-source.js';

/** Environment variables that override config keys; each also accepts NAME_FILE (a secret file). */
export const ENV_OVERRIDES: Record<string, { path: string[]; type?: 'number' | 'port' }> = {
  X_BEARER_TOKEN: { path: ['platforms', 'x', 'bearer_token'] },
  FACEBOOK_ACCESS_TOKEN: { path: ['platforms', 'facebook', 'access_token'] },
  MASTODON_ACCESS_TOKEN: { path: ['platforms', 'mastodon', 'access_token'] },
  BLUESKY_IDENTIFIER: { path: ['platforms', 'bluesky', 'identifier'] },
  BLUESKY_APP_PASSWORD: { path: ['platforms', 'bluesky', 'app_password'] },
  WEBCARE_HASH_KEY: { path: ['privacy', 'hash_key'] },
  WEBCARE_HTTP_HOST: { path: ['http', 'host'] },
  WEBCARE_HTTP_PORT: { path: ['http', 'port'], type: 'port' },
  WEBCARE_HTTP_TOKEN: { path: ['http', 'token'] },
  WEBCARE_DB: { path: ['database'] },
  WEBCARE_DIGEST_DIR: { path: ['digest_dir'] },
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

/** An environment override that was applied: the variable (or NAME_FILE) that set a config key. */
export interface AppliedOverride {
  /** How to name it in an error: "WEBCARE_HTTP_PORT", or "X_BEARER_TOKEN_FILE (/run/secrets/x)". */
  source: string;
  path: readonly string[];
}

/**
 * Applies ENV_OVERRIDES onto the raw config (mutates it) and returns what it applied, so a value the
 * schema refuses is blamed on its variable, not on the config file. A number variable that is not a
 * number is a ConfigError naming the variable. Values are never echoed in errors (they may be secrets)
 * except numbers.
 */
export function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): AppliedOverride[] {
  const applied: AppliedOverride[] = [];
  for (const [name, { path, type }] of Object.entries(ENV_OVERRIDES)) {
    let v = env[name];
    let source = name;
    const file = env[`${name}_FILE`];
    if ((v === undefined || v === '') && file) {
      source = `${name}_FILE (${file})`;
      try {
        v = readTextFile(file, 'secret file').trim();
      } catch (err) {
        throw new ConfigError(`${name}_FILE: ${(err as Error).message}`);
      }
    }
    if (v === undefined || v === '') continue;
    let value: string | number = v;
    if (type) {
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (type === 'port' && !(n <= 65535)) {
        throw new ConfigError(`${source}: expected a port number from 0 to 65535, got ${JSON.stringify(v)}`);
      }
      if (Number.isNaN(n)) throw new ConfigError(`${source}: expected a whole number, got ${JSON.stringify(v)}`);
      value = n;
    }
    setIn(raw, path, value);
    applied.push({ source, path });
  }
  return applied;
}

/** The override that set the config key at `path` (or a key above it), if any. */
export function overrideAt(applied: readonly AppliedOverride[], path: readonly PropertyKey[]): AppliedOverride | undefined {
  return applied.find((a) => a.path.every((k, i) => path[i] === k));
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
