/**
 * Child process of the crash-consistency test: imports a file through the real pipeline and, when
 * KILL_AT is set, SIGKILLs itself inside the pipeline's transaction after the posts of that batch
 * were written (the hook is injected here, by the test, not switched on in production code).
 */
import { importArchives } from '../../src/archive/import.js';
import { createContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { pipelineDeps } from '../../src/poller/setup.js';

const [config, db, file] = process.argv.slice(2) as [string, string, string];
const killAt = Number(process.env.KILL_AT ?? 0);
const clock = { now: () => new Date('2026-11-20T12:00:00Z') };
const ctx = createContext({
  configPath: config,
  dbPath: db,
  clock,
  env: { WEBCARE_HASH_KEY: 'crash-test' },
  logger: createLogger({ level: 'silent' }),
});
const store = await ctx.store();
const deps = await pipelineDeps(ctx, store);
let batch = 0;
deps.afterPostsWritten = () => {
  if (++batch === killAt) process.kill(process.pid, 'SIGKILL');
};
const summary = await importArchives(deps, 'twarc', [file]);
await ctx.destroy();
process.stdout.write(JSON.stringify(summary));
