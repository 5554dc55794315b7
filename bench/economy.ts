/** API economy: the real poll tick against the simulator, 342 gemeenten on X, every 5 simulated minutes. */
import { createContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { pollOnce } from '../src/poller/poll.js';
import { DEFAULT_REGISTRY } from '../src/config/load.js';
import { readRegistryFile } from '../src/config/registry.js';
import { startSimulator } from '../src/sim/simulator.js';
import { generateWorld } from '../src/sim/world.js';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { round } from './ingest.js';
import { MINUTE_MS } from '../src/model/index.js';

export interface EconomyFigures {
  days: number;
  cycles: number;
  requests_per_cycle: number;
  requests_per_idle_cycle: number;
  posts_read: number;
  posts_stored: number;
  reads_per_stored_post: number;
  rate_limited: number;
  latency_p50_s: number;
  latency_p95_s: number;
  x_cost_usd: number;
  poll_interval_s: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const p = (s.length - 1) * q;
  return s.length ? s[Math.floor(p)]! + (s[Math.ceil(p)]! - s[Math.floor(p)]!) * (p - Math.floor(p)) : 0;
};

/** Polls an X-only world of all gemeenten for `days` simulated days at the daemon's 5-minute tick. */
export async function measureEconomy(dir: string, days: number, seed: number): Promise<EconomyFigures> {
  const orgs = readRegistryFile(DEFAULT_REGISTRY).map((o) => ({
    id: o.id,
    name: o.name,
    population: o.population,
    accounts: {},
  }));
  const start = Date.parse('2026-11-02T00:00:00+01:00');
  const full = generateWorld(orgs, { seed, start, days });
  // X only: every gemeente on X (the economy that costs money).
  const world = {
    ...full,
    accounts: full.accounts.filter((a) => a.platform === 'x'),
    posts: full.posts.filter((p) => p.platform === 'x'),
    truth: full.truth.filter((t) => t.platform === 'x'),
  };
  const config = `${dir}/economy.yaml`;
  writeFileSync(
    config,
    stringify({
      log_level: 'silent',
      registry: [],
      platforms: { x: { monthly_post_budget: 10_000_000 } },
      organisations: orgs.map((o) => {
        const hs = world.accounts.filter((a) => a.orgId === o.id).map((a) => a.handle);
        return { id: o.id, name: o.name, accounts: hs.length ? { x: hs } : {} };
      }),
    }),
  );
  const clock = {
    t: new Date(start),
    now() {
      return this.t;
    },
  };
  const ctx = createContext({
    configPath: config,
    dbPath: `${dir}/economy.db`,
    clock,
    logger: createLogger({ level: 'silent' }),
    env: { X_BEARER_TOKEN: 'bench', WEBCARE_HASH_KEY: 'bench' },
  });
  const sim = startSimulator(world, clock);
  const interval = 5 * MINUTE_MS;
  let cycles = 0;
  let idle: number[] = [];
  let requests = 0;
  let read = 0;
  let stored = 0;
  try {
    const store = await ctx.store();
    for (let t = start; t < world.end; t += interval) {
      clock.t = new Date(t);
      const before = sim.counters.requests.x ?? 0;
      const [x] = await pollOnce(ctx, store, { platform: 'x', trigger: 'bench' });
      const made = (sim.counters.requests.x ?? 0) - before;
      cycles++;
      requests += made;
      read += x!.postsRead;
      stored += x!.postsStored;
      if (x!.postsRead === 0 && cycles > 1 && made > 0) idle.push(made);
    }
    const rows = await store.db
      .selectFrom('posts')
      .select(['created_at', 'fetched_at'])
      .where('referenced_only', '=', 0)
      .execute();
    const lat = rows.map((r) => (Date.parse(r.fetched_at) - Date.parse(r.created_at)) / 1000);
    idle = idle.length ? idle : [0];
    return {
      days,
      cycles,
      requests_per_cycle: round(requests / cycles),
      requests_per_idle_cycle: Math.max(...idle),
      posts_read: read,
      posts_stored: stored,
      reads_per_stored_post: round(read / Math.max(1, stored), 3),
      rate_limited: Object.values(sim.counters.rateLimited).reduce((a, b) => a + b, 0),
      latency_p50_s: Math.round(quantile(lat, 0.5)),
      latency_p95_s: Math.round(quantile(lat, 0.95)),
      x_cost_usd: round(
        read * 0.005 +
          (
            await store.db
              .selectFrom('poll_runs')
              .select((eb) => eb.fn.sum<number>('users_read').as('u'))
              .executeTakeFirstOrThrow()
          ).u *
            0.01,
      ),
      poll_interval_s: interval / 1000,
    };
  } finally {
    sim.close();
    await ctx.destroy();
  }
}
