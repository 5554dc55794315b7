import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Organisation } from '../model/index.js';
import { resolveAlerts } from './alerts.js';
import { applyEnvOverrides, expandEnv, overrideAt } from './env.js';
import { ConfigError } from './errors.js';
import { mergeOrganisations, readRegistryFile, assertUnique } from './registry.js';
import { settingsSchema, type SettingsInput } from './schema.js';
import { describeIssue, formatPath, issueToError, parseYamlSource, readTextFile } from './yaml-source.js';
import { DEFAULT_PHRASES_DIR } from './phrases.js';

export const DEFAULT_CONFIG = 'config/webcare.yaml';
/** The shipped registry of the 342 gemeenten, found next to the package whatever the cwd. */
export const DEFAULT_REGISTRY = fileURLToPath(new URL('../../config/organisations/nl-gemeenten.yaml', import.meta.url));

/** Effective, validated, frozen settings. `config` is the file's content after defaults (for --dump). */
export interface Settings {
  readonly configFile: string | null;
  readonly config: Readonly<SettingsInput & { registry: string[] }>;
  /** Where the phrase lists are (resolved). */
  readonly phrasesDir: string;
  readonly database: string;
  readonly organisations: readonly Organisation[];
}

export interface LoadOptions {
  configPath?: string;
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Step 1 reads YAML + env into a raw object; step 2 validates it with defaults and merges the registry.
 * Returns deep-frozen Settings; throws ConfigError (one line: file, key path, what is wrong).
 */
export function loadSettings(opts: LoadOptions = {}): Settings {
  const env = opts.env ?? process.env;
  const explicit = opts.configPath ?? env.WEBCARE_CONFIG;
  const file = explicit ?? DEFAULT_CONFIG;
  let raw: Record<string, unknown> = {};
  let src = parseYamlSource(file, '{}');
  if (existsSync(file)) {
    src = parseYamlSource(file, readTextFile(file, 'config file'));
    if (!src.data || typeof src.data !== 'object' || Array.isArray(src.data)) {
      throw new ConfigError(`${file}: the config must be a YAML mapping of keys`);
    }
    raw = expandEnv(src.data, env, file) as Record<string, unknown>;
  } else if (explicit) {
    throw new ConfigError(`${file}: config file not found`);
  }
  const overrides = applyEnvOverrides(raw, env);
  const parsed = settingsSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A value an environment variable set is that variable's fault, not the file's.
    const by = overrideAt(overrides, issue.path);
    if (by) throw new ConfigError(`${by.source}: ${formatPath(issue.path)} ${describeIssue(issue)}`);
    throw issueToError(src, issue);
  }
  assertUnique(src, parsed.data.organisations, ['organisations']);

  const base = dirname(resolve(file));
  const registry = (parsed.data.registry ?? [DEFAULT_REGISTRY]).map((p) => (isAbsolute(p) ? p : resolve(base, p)));
  // Mastodon handles without a server live on the default server: "zwolle" -> "zwolle@social.overheid.nl".
  const server = parsed.data.platforms.mastodon.default_server;
  const organisations = mergeOrganisations([...registry.map(readRegistryFile), parsed.data.organisations]).map((o) =>
    o.accounts.mastodon ? { ...o, accounts: { ...o.accounts, mastodon: o.accounts.mastodon.map((h) => (h.includes('@') ? h : `${h}@${server}`)) } } : o,
  );
  const alerts = resolveAlerts(parsed.data.alerts, src, base, new Set(organisations.map((o) => o.id)));
  const database = opts.dbPath ?? parsed.data.database;
  const phrasesDir = parsed.data.phrases_dir ? resolve(base, parsed.data.phrases_dir) : DEFAULT_PHRASES_DIR;
  return deepFreeze({
    configFile: existsSync(file) ? file : null,
    config: { ...parsed.data, registry, alerts },
    database,
    phrasesDir,
    organisations,
  });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * The same Settings with other method parameters (the ones a database's outcomes were computed
 * with, METHOD.md 4b). Returns a new frozen object; the input is unchanged.
 */
export function withMethodParams(
  s: Settings,
  m: { answerWindowDays: number; normWorkingDays: number; methodJson: string | null },
): Settings {
  // Databases from before method 2 stored only the two parameters that decide outcomes.
  const stored = m.methodJson ? (JSON.parse(m.methodJson) as Settings['config']['method']) : {};
  const method = {
    ...s.config.method,
    ...stored,
    answer_window_days: m.answerWindowDays,
    norm_working_days: m.normWorkingDays,
  };
  // The weights print in the method's order (METHOD.md 6), whatever order they were stored in.
  const w = method.weights;
  method.weights = {
    response_rate: w.response_rate,
    substance: w.substance,
    speed: w.speed,
    accessibility: w.accessibility,
  };
  return deepFreeze({ ...s, config: { ...s.config, method } });
}
