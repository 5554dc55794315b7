/**
 * One `webcare run` worker of the multi-worker test (test/e2e/workers.test.ts), in its own process:
 * the daemon's own poll tick (pollOnce with this worker's share, jobs/cluster.ts) against a shared
 * PostgreSQL database, the simulated world served in this process on a virtual clock the parent
 * moves. The parent sends {at}; the worker answers {at, claimed}. SIGKILL ends it at any moment.
 */
import { createContext } from '../../src/context.js';
import { ClusterWorker } from '../../src/jobs/cluster.js';
import { createLogger } from '../../src/logger.js';
import { HOUR_MS } from '../../src/model/index.js';
import { pollOnce } from '../../src/poller/poll.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { generateWorld } from '../../src/sim/world.js';
import { largestGemeenten } from './gemeenten.js';

const [config, url, name, orgs, seed, start, days] = process.argv.slice(2) as string[];
const world = generateWorld(largestGemeenten(Number(orgs)), {
  seed: Number(seed),
  start: Date.parse(start!),
  days: Number(days),
});
const clock = { t: new Date(start!), now: () => clock.t };
const logger = createLogger({ level: 'silent' });
const sim = startSimulator(world, clock);
const ctx = createContext({
  configPath: config!,
  dbPath: url!,
  clock,
  logger,
  env: { X_BEARER_TOKEN: 'simulated', FACEBOOK_ACCESS_TOKEN: 'simulated' },
});
const store = await ctx.store();
await pipelineDeps(ctx, store);
const worker = new ClusterWorker(store.db, name!, clock, HOUR_MS, logger);
await worker.seen();
process.on('message', (m: { at?: string; stop?: boolean }) => {
  void (async () => {
    if (m.stop) {
      await worker.stopped();
      await ctx.destroy();
      sim.close();
      process.exit(0);
    }
    clock.t = new Date(m.at!);
    await worker.seen();
    const results = await pollOnce(ctx, store, { trigger: 'cron', worker: worker.share() });
    process.send!({
      at: m.at,
      claimed: results.flatMap((r) => r.claimed ?? []),
      failed: results.filter((r) => r.status === 'failed').map((r) => `${r.platform}: ${r.note}`),
    });
  })();
});
process.send!({ ready: name });
