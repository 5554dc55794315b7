/**
 * One `webcare run` worker of the multi-worker test (test/e2e/workers.test.ts), in its own process:
 * the daemon's own poll tick (pollOnce with this worker's share, jobs/cluster.ts) against a shared
 * PostgreSQL database, the simulated world served in this process on a virtual clock the parent
 * moves. The parent sends {at}; the worker answers {at, claimed}. SIGKILL ends it at any moment.
 */
import { ClusterWorker } from '../../src/jobs/cluster.js';
import { HOUR_MS } from '../../src/model/index.js';
import { pollOnce } from '../../src/poller/poll.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { simulatedContext } from './sim-context.js';

const [config, url, name, orgs, seed, start, days] = process.argv.slice(2) as string[];
const { clock, sim, ctx } = simulatedContext({
  orgs: Number(orgs),
  seed: Number(seed),
  start: start!,
  days: Number(days),
  config: config!,
  db: url!,
});
const store = await ctx.store();
await pipelineDeps(ctx, store);
const worker = new ClusterWorker(store.db, name!, clock, HOUR_MS, ctx.logger);
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
