import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { aggregateContextOf, type AggregateContext } from '../reports/aggregate.js';
import { bioByOrg, type Filters } from '../reports/load.js';
import { dataUntil, latestBios } from '../storage/report-queries.js';
import { DateTime } from 'luxon';
import type { Io } from './command.js';
import { parseInstant } from '../reports/period.js';
import { UsageError } from '../config/errors.js';
import type { Context } from '../context.js';
import { HOUR_MS, isPostgresUrl, PLATFORMS, shownDatabase } from '../model/index.js';
import { PG_MIGRATIONS } from '../storage/migrations/index.js';
import { pgPendingMigrations } from '../storage/pg.js';
import {
  hasSchema,
  readProblem,
  unreadableDatabase,
  type Store,
  openStore,
  pendingMigrations,
  migrateToLatest,
} from '../storage/db.js';
import { organisationExists } from '../storage/organisations.js';
import { formatOption, withCsvFlags, type Format } from './format.js';

export interface QueryOptions {
  format: Format;
  since?: string;
  until?: string;
  org?: string;
  platform?: string;
  province?: string;
  asOf?: string;
  csvExcel?: boolean;
  rawCsv?: boolean;
}

/** Adds --format, --since, --until, --org, --platform, --province, --as-of and the CSV flags to a query command. */
export function withQueryOptions(cmd: Command): Command {
  return withCsvFlags(cmd)
    .addOption(formatOption())
    .option('--since <when>', 'from this date or this long ago (2026-11-01, 30d, 24h)')
    .option('--until <when>', 'before this date or this long ago')
    .option('--org <id>', 'one organisation')
    .addOption(new Option('--platform <platform>', 'one platform').choices([...PLATFORMS]))
    .option('--province <name>', 'one province')
    .option('--as-of <when>', 'compute every figure as it stood at this instant (2026-11-24T07:00, 7d)');
}

/**
 * The instant a query computes its figures at (METHOD.md 4b): now, or `--as-of`, which recomputes
 * a published figure as it stood then. Throws UsageError for a bad or future instant.
 */
export function asOfOf(ctx: Context, o: { asOf?: string }): Date {
  const now = ctx.clock.now();
  if (!o.asOf) return now;
  const t = parseInstant('--as-of', o.asOf, now, ctx.settings.config.timezone);
  if (t.getTime() > now.getTime()) throw new UsageError(`--as-of ${o.asOf}: lies in the future`);
  return t;
}

/** A daemon polls every few minutes: data this much older than the instant asked is still current. */
const COVERAGE_SLACK_MS = HOUR_MS;

/**
 * The instant a report's figures stand at: `--as-of` or now, but never after the data. When nothing
 * was fetched after T (polling stopped, an archive imported last week), a request without a stored
 * reply after T was never looked at, not unanswered: the figures stand as of T, and stderr says so.
 */
export async function reportInstant(ctx: Context, store: Store, o: { asOf?: string }, io: Io): Promise<Date> {
  const asked = asOfOf(ctx, o);
  const until = await dataUntil(store.db);
  if (!until || asked.getTime() - until.getTime() <= COVERAGE_SLACK_MS) return asked;
  const zone = ctx.settings.config.timezone;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
  io.err(
    `webcare: no data was collected after ${local(until)} (the last poll or import): the figures stand as of ` +
      `then, not ${local(asked)}; poll or import to bring them up to date\n`,
  );
  return until;
}

/** The filters of the common options; throws UsageError on a bad value. */
export function filtersOf(ctx: Context, o: QueryOptions): Filters {
  // Durations ("30d") count back from the instant the figures are computed at.
  const now = asOfOf(ctx, o);
  const zone = ctx.settings.config.timezone;
  const province = o.province
    ? ctx.settings.organisations.find((x) => x.province?.toLowerCase() === o.province!.toLowerCase())?.province
    : undefined;
  if (o.province && !province) throw new UsageError(`--province ${o.province}: no organisation in that province`);
  return {
    ...(o.since ? { since: parseInstant('--since', o.since, now, zone) } : {}),
    ...(o.until ? { until: parseInstant('--until', o.until, now, zone) } : {}),
    ...(o.org ? { org: o.org } : {}),
    ...(o.platform ? { platform: o.platform } : {}),
    ...(province ? { province } : {}),
  };
}

/**
 * Opens the database read-only for a query; a missing database or an unknown --org is a usage
 * error. A file that cannot be read as a database (a directory, a text file, a truncated or empty
 * one) is a failure naming the file (exit 1), and one written by a newer webcare is refused (exit 2).
 */
export async function readStore(ctx: Context, org?: string): Promise<Store> {
  const path = ctx.settings.database;
  if (isPostgresUrl(path)) return readPgStore(ctx, org);
  if (!existsSync(path)) throw new UsageError(`${path}: no database yet (run webcare import, poll or run first)`);
  await upgradeSchema(path);
  const store = await ctx.store({ readonly: true }); // throws DatabaseError naming the file
  // The file is there but cannot be read as a database: say so, not "no database yet".
  const problem = readProblem(store);
  if (problem !== undefined) throw unreadableDatabase(path, problem);
  if (!hasSchema(store)) throw unreadableDatabase(path, 'no webcare tables in it (run webcare migrate)');
  if (org && !(await organisationExists(store.db, org))) {
    throw new UsageError(`--org ${org}: no such organisation in ${ctx.settings.database} (see webcare orgs)`);
  }
  return store;
}

/**
 * readStore on PostgreSQL (#17), for the reports and the dashboard alike: a database that is not
 * migrated yet, or was by an older webcare, is the user's to migrate (exit 2); readers never migrate.
 */
async function readPgStore(ctx: Context, org?: string): Promise<Store> {
  const shown = shownDatabase(ctx.settings.database);
  const store = await ctx.store({ readonly: true }); // throws DatabaseError naming the URL
  const pending = await pgPendingMigrations(store.db);
  if (pending.length === Object.keys(PG_MIGRATIONS).length)
    throw new UsageError(`${shown}: no webcare tables in it: run webcare migrate on this database first`);
  if (pending.length)
    throw new UsageError(`${shown}: migration ${pending[0]} missing: run webcare migrate on this database first`);
  if (org && !(await organisationExists(store.db, org)))
    throw new UsageError(`--org ${org}: no such organisation in ${shown} (see webcare orgs)`);
  return store;
}

/**
 * A database written by an older webcare gets the migrations it lacks before a query reads it (they
 * are append-only and quick; the commands that write do the same); a file that cannot be opened
 * for writing says which command upgrades it.
 */
async function upgradeSchema(path: string): Promise<void> {
  let probe: Store;
  try {
    probe = openStore(path, { readonly: true });
  } catch {
    return; // the read-only open below names the problem
  }
  const pending = hasSchema(probe) ? pendingMigrations(probe) : [];
  await probe.close();
  if (!pending.length) return;
  let writer: Store | undefined;
  try {
    writer = openStore(path);
    await migrateToLatest(writer.db);
  } catch (err) {
    throw new UsageError(
      `${path}: written by an older webcare (migration ${pending[0]} missing) and cannot be upgraded here ` +
        `(${err instanceof Error ? err.message : String(err)}): run webcare migrate`,
    );
  } finally {
    await writer?.close();
  }
}

/** Method parameters, weights and bios for the metrics and score. */
export async function aggregateContext(
  ctx: Context,
  store: Store,
  platform: string | undefined,
  asOf: Date,
): Promise<AggregateContext> {
  return aggregateContextOf(ctx.settings, asOf, bioByOrg(await latestBios(store.db, asOf), platform));
}
