import type { PhraseBook } from './analysis/phrases.js';
import { loadSettings, type Settings } from './config/load.js';
import { loadPhraseBook } from './config/phrases.js';
import { createLogger, type Logger } from './logger.js';
import { migrateToLatest, openStore, type Store } from './storage/db.js';

/** Where "now" comes from; tests and the demo inject a virtual clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Context {
  settings: Settings;
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

/** The one wiring point: settings, logger, clock and a lazily opened store. Throws ConfigError on bad config. */
export function createContext(opts: ContextOptions = {}): Context {
  const settings = loadSettings({ configPath: opts.configPath, dbPath: opts.dbPath, env: opts.env });
  const logger =
    opts.logger ?? createLogger({ level: opts.env?.LOG_LEVEL ?? process.env.LOG_LEVEL ?? settings.config.log_level });
  let store: Store | undefined;
  return {
    settings,
    logger,
    clock: opts.clock ?? systemClock,
    phrases: () => loadPhraseBook(settings.phrasesDir),
    async store(o = {}) {
      if (!store) {
        store = openStore(settings.database, { readonly: o.readonly });
        if (!o.readonly) await migrateToLatest(store.db);
      }
      return store;
    },
    async destroy() {
      await store?.close();
      store = undefined;
    },
  };
}
