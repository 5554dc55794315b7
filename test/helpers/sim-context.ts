import { createContext, type Context } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { generateWorld, type World } from '../../src/sim/world.js';
import { largestGemeenten } from './gemeenten.js';

/**
 * The `orgs` largest gemeenten as a simulated world served in this process on a virtual clock the
 * caller moves, and a context on `config` and `db` with the platforms' simulated tokens: what the
 * PostgreSQL daemon and worker tests poll. `config` is a file, or writes one for the world and says
 * where. Close the simulator and destroy the context when done.
 */
export function simulatedContext(o: {
  orgs: number;
  seed: number;
  start: string;
  days: number;
  config: string | ((world: World) => string);
  db: string;
}): {
  world: World;
  clock: { t: Date; now(): Date };
  sim: { close(): void };
  ctx: Context;
} {
  const world = generateWorld(largestGemeenten(o.orgs), { seed: o.seed, start: Date.parse(o.start), days: o.days });
  const clock = { t: new Date(o.start), now: () => clock.t };
  const sim = startSimulator(world, clock);
  const ctx = createContext({
    configPath: typeof o.config === 'string' ? o.config : o.config(world),
    dbPath: o.db,
    clock,
    logger: createLogger({ level: 'silent' }),
    env: { X_BEARER_TOKEN: 'simulated', FACEBOOK_ACCESS_TOKEN: 'simulated' },
  });
  return { world, clock, sim, ctx };
}
