import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { toRegistryEntry } from '../config/registry.js';
import { createContext, type Context } from '../context.js';
import type { Logger } from '../logger.js';
import { dailyUpkeep } from '../jobs/upkeep.js';
import type { Organisation } from '../model/index.js';
import { pollOnce } from '../poller/poll.js';
import { buildDigest, type DigestData } from '../reports/digest-data.js';
import { DIGEST_FORMATS, writeDigest } from '../reports/digest-write.js';
import { lastCompleteWeek, lastFinalWeek } from '../reports/period.js';
import { expirePending } from '../poller/expire.js';
import type { Store } from '../storage/db.js';
import { startSimulator } from './simulator.js';
import type { SimCounters } from './servers/common.js';
import { generateWorld, type World } from './world.js';
import { DAY_MS, HOUR_MS, isPostgresUrl, shownDatabase } from '../model/index.js';
import { UsageError } from '../config/errors.js';
import { pgHoldsPosts } from '../storage/pg.js';

export interface DemoOptions {
  organisations: readonly Organisation[];
  seed: number;
  days: number;
  start: Date;
  tickHours: number;
  /** A SQLite file (made anew) or a postgres:// URL (an empty, or migrated, database). */
  db: string;
  /** Where the demo's config is written: beside a SQLite file by default; required with a URL. */
  configDir?: string;
  out?: string;
  /** The demo's answer window: a 4-week world needs a short one to have closed requests. */
  windowDays: number;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  world: World;
  counters: SimCounters;
  ctx: Context;
  store: Store;
  digest?: DigestData;
  files: string[];
  ticks: number;
}

/** The config of a demo on this world: its accounts, answer window and citizen hash key. */
export function demoConfig(
  world: World,
  organisations: readonly Organisation[],
  windowDays: number,
  seed: number,
): string {
  const accounts = new Map<string, Organisation['accounts']>();
  for (const a of world.accounts) {
    const acc = accounts.get(a.orgId) ?? {};
    (acc[a.platform] ??= []).push(a.handle);
    accounts.set(a.orgId, acc);
  }
  return `# Written by webcare demo: the simulated world's accounts. Not a real registry.\n${stringify({
    registry: [],
    method: { answer_window_days: windowDays },
    // The simulated citizens' ids are hashed with a fixed key, kept here so that every later
    // command with this config (reclassify, rollup, import) can write to the demo database.
    privacy: { hash_key: `demo-${seed}` },
    organisations: organisations.map((org) => toRegistryEntry(org, accounts.get(org.id) ?? {})),
  })}`;
}

/**
 * Runs the product on a simulated world: generates it, serves it through the platforms' API shapes
 * on a virtual clock, and runs the daemon's own poll tick (with the daily bios) and upkeep over the
 * simulated days, then writes the digest of the last full week. The caller must `destroy()` the
 * returned context.
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const world = generateWorld(o.organisations, { seed: o.seed, start: o.start.getTime(), days: o.days });
  const onPg = isPostgresUrl(o.db);
  if (onPg && !o.configDir) throw new Error('runDemo: a PostgreSQL database needs configDir');
  const dir = o.configDir ?? dirname(o.db);
  const config = join(dir, 'demo-config.yaml');
  mkdirSync(dir, { recursive: true });
  if (!onPg) for (const f of [o.db, `${o.db}-wal`, `${o.db}-shm`]) rmSync(f, { force: true });
  // A SQLite demo file is made anew; a PostgreSQL database is not ours to empty. Refused before
  // anything is written (the config of an earlier demo stays as it is).
  else if (await pgHoldsPosts(o.db))
    throw new UsageError(`${shownDatabase(o.db)}: the demo writes a database of its own: give an empty one`);
  writeFileSync(config, demoConfig(world, o.organisations, o.windowDays, o.seed));
  const clock = {
    t: new Date(o.start),
    now() {
      return this.t;
    },
  };
  const ctx = createContext({
    configPath: config,
    dbPath: o.db,
    clock,
    logger: o.logger,
    env: { X_BEARER_TOKEN: 'simulated', FACEBOOK_ACCESS_TOKEN: 'simulated' },
  });
  const sim = startSimulator(world, clock);
  try {
    const store = await ctx.store();
    const c = ctx.settings.config;
    const tick = o.tickHours * HOUR_MS;
    const total = Math.floor((world.end - world.start) / tick);
    let lastUpkeepDay = -1;
    for (let i = 0; i <= total; i++) {
      clock.t = new Date(world.start + i * tick);
      await pollOnce(ctx, store, { trigger: 'demo' });
      const day = Math.floor((clock.t.getTime() - world.start) / DAY_MS);
      if (day !== lastUpkeepDay) {
        lastUpkeepDay = day;
        await dailyUpkeep(store.db, clock.t, c.method.answer_window_days, c.timezone, c.privacy.retention_days);
      }
      o.onProgress?.(i + 1, total + 1);
    }
    clock.t = new Date(world.end);
    await expirePending(store.db, clock.t, c.method.answer_window_days, c.timezone);
    // As the daemon does: the last week whose figures are final; a world too short to have one gets
    // its last complete week, whose digest says it is provisional.
    const final = lastFinalWeek(clock.t, c.timezone, c.method.score_horizon_days);
    const week = final.to.getTime() > world.start ? final : lastCompleteWeek(clock.t, c.timezone);
    const digest = await buildDigest(store.db, ctx.settings, week, clock.t);
    const files = o.out ? writeDigest(digest, o.out, DIGEST_FORMATS) : [];
    return { world, counters: sim.counters, ctx, store, digest, files, ticks: total + 1 };
  } finally {
    sim.close();
  }
}
