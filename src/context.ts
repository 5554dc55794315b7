import type { PhraseBook } from './analysis/phrases.js';
import { loadSettings, withMethodParams, type Settings } from './config/load.js';
import { loadPhraseBook } from './config/phrases.js';
import { createLogger, type Logger } from './logger.js';
import { migrateToLatest, openStore, readProblem, type Store } from './storage/db.js';
import { openPgStore } from './storage/pg.js';
import { isPostgresUrl, shownDatabase } from './model/index.js';
import { READER_VERSION, METHOD_VERSION } from './model/index.js';
import { readMethodSettings, writeMethodSettings, type StoredMethod } from './storage/method-settings.js';

/** Where "now" comes from; tests and the demo inject a virtual clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Context {
  /**
   * The settings in force. Once the database is open, its method parameters are the ones its
   * outcomes were computed with (METHOD.md 4b), whatever the config says; see configured.
   */
  readonly settings: Settings;
  /** The settings exactly as the config gave them (`webcare reclassify --recompute` applies these). */
  readonly configured: Settings;
  /** Makes the config's method parameters the database's (recorded in it); for --recompute. */
  adoptConfiguredMethod(): Promise<void>;
  logger: Logger;
  clock: Clock;
  /** The compiled phrase lists (read on first use). */
  phrases(): PhraseBook;
  /** Opens the database on first use (migrated unless readonly). */
  store(opts?: { readonly?: boolean }): Promise<Store>;
  destroy(): Promise<void>;
}

export interface ContextOptions {
  configPath?: string;
  dbPath?: string;
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** JSON with sorted keys, so equal parameters compare equal however the config ordered them. */
function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}

/** The method parameters (top-level keys of `method`) where the config differs from what the database stored. */
function differingParams(
  stored: StoredMethod,
  method: Settings['config']['method'],
): { key: string; stored: unknown; configured: unknown }[] {
  const old: Record<string, unknown> = stored.methodJson
    ? (JSON.parse(stored.methodJson) as Record<string, unknown>)
    : { answer_window_days: stored.answerWindowDays, norm_working_days: stored.normWorkingDays };
  const now = method as unknown as Record<string, unknown>;
  return Object.keys(old)
    .filter((k) => k in now && canonicalJson(old[k]) !== canonicalJson(now[k]))
    .map((k) => ({ key: k, stored: old[k], configured: now[k] }));
}

/** The one wiring point: settings, logger, clock and a lazily opened store. Throws ConfigError on bad config. */
export function createContext(opts: ContextOptions = {}): Context {
  const configured = loadSettings({ configPath: opts.configPath, dbPath: opts.dbPath, env: opts.env });
  let settings = configured;
  const logger =
    opts.logger ?? createLogger({ level: opts.env?.LOG_LEVEL ?? process.env.LOG_LEVEL ?? configured.config.log_level });
  const clock = opts.clock ?? systemClock;
  let store: Store | undefined;
  const methodOf = (s: Settings) => ({
    methodVersion: METHOD_VERSION,
    readerVersion: READER_VERSION,
    answerWindowDays: s.config.method.answer_window_days,
    normWorkingDays: s.config.method.norm_working_days,
    updatedAt: clock.now().toISOString(),
    // In the config's key order, so outputs print the parameters in the order people wrote them.
    methodJson: JSON.stringify(s.config.method),
  });
  // The database remembers the parameters its outcomes were computed with; they win over the config.
  async function adoptStoredMethod(st: Store, writable: boolean): Promise<void> {
    if (readProblem(st) !== undefined) return; // the command reports an unreadable database itself
    const stored = await readMethodSettings(st.db).catch(() => undefined); // older schema: none stored
    if (!stored) {
      if (writable) await writeMethodSettings(st.db, methodOf(configured));
      return;
    }
    if (stored.methodJson === null && writable) {
      // A database from before method 2: record the other parameters now, with its stored window and norm.
      stored.methodJson = JSON.stringify(withMethodParams(configured, stored).config.method);
      await writeMethodSettings(st.db, stored);
    }
    const differing = differingParams(stored, configured.config.method);
    if (differing.length) {
      // Without a config file nobody chose other parameters: the defaults differing is no news.
      (configured.configFile ? logger.warn.bind(logger) : logger.debug.bind(logger))(
        { stored: Object.fromEntries(differing.map((d) => [d.key, d.stored])) },
        `${shownDatabase(configured.database)}: its figures were computed with ${differing.map((d) => `${d.key} ${JSON.stringify(d.stored)}`).join(', ')}; ` +
          `the config says ${differing.map((d) => JSON.stringify(d.configured)).join(', ')}: using the stored ones ` +
          `(webcare reclassify --recompute applies the config's)`,
      );
    }
    settings = withMethodParams(configured, stored);
  }
  return {
    get settings() {
      return settings;
    },
    configured,
    logger,
    clock,
    phrases: () => loadPhraseBook(configured.phrasesDir),
    async store(o = {}) {
      if (!store) {
        // PostgreSQL (#17): the commands cli/command.ts lets through; a read-only reader never migrates.
        store = isPostgresUrl(configured.database)
          ? await openPgStore(configured.database)
          : openStore(configured.database, { readonly: o.readonly });
        if (!o.readonly) await migrateToLatest(store.db);
        await adoptStoredMethod(store, !o.readonly);
      }
      return store;
    },
    async adoptConfiguredMethod() {
      const st = await this.store();
      await writeMethodSettings(st.db, methodOf(configured));
      settings = configured;
    },
    async destroy() {
      await store?.close();
      store = undefined;
    },
  };
}
