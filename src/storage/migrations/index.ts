import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-answer-time.js';
import * as m0003 from './0003-method-settings.js';
import * as m0004 from './0004-requests-per-org.js';
import * as m0005 from './0005-post-aliases.js';
import * as m0006 from './0006-account-hours.js';
import * as m0007 from './0007-privacy.js';
import * as m0008 from './0008-request-times.js';
import * as m0009 from './0009-alerts.js';
import * as m0010 from './0010-request-weeks.js';
import * as m0011 from './0011-settled-requests.js';
import * as m0012 from './0012-recount-weeks.js';
import * as m0013 from './0013-deferred-post-keys.js';
import * as m0014 from './0014-workers.js';
import * as m0015 from './0015-data-version.js';
import * as m0016 from './0016-open-parts.js';
import * as pgBaseline from './pg-baseline.js';

/** Every migration, in order. Append only; a shipped migration is never edited. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-answer-time': m0002,
  '0003-method-settings': m0003,
  '0004-requests-per-org': m0004,
  '0005-post-aliases': m0005,
  '0006-account-hours': m0006,
  '0007-privacy': m0007,
  '0008-request-times': m0008,
  '0009-alerts': m0009,
  '0010-request-weeks': m0010,
  '0011-settled-requests': m0011,
  '0012-recount-weeks': m0012,
  '0013-deferred-post-keys': m0013,
  '0014-workers': m0014,
  '0015-data-version': m0015,
  '0016-open-parts': m0016,
};

/**
 * PostgreSQL's migrations (#17): the same names, so both dialects record the same; the first builds
 * the schema of all shipped up to 0011 at once (pg-baseline.ts), those up to 0011 then do nothing.
 * Migrations after 0011 are written once, for both.
 */
const NOOP: Migration = { up: () => Promise.resolve() };
export const PG_MIGRATIONS: Record<string, Migration> = Object.fromEntries(
  Object.entries(MIGRATIONS).map(([name, m]) => [
    name,
    name === '0001-initial' ? pgBaseline : name <= '0011-settled-requests' ? NOOP : m,
  ]),
);

/** Serves MIGRATIONS to kysely's Migrator (no directory scanning: works the same from src and dist). */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

/** Serves PG_MIGRATIONS. */
export const pgMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(PG_MIGRATIONS),
};
