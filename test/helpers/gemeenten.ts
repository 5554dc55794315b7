import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';
import type { Organisation } from '../../src/model/index.js';

/** The `n` largest gemeenten of the registry, without accounts (the simulator gives them theirs). */
export function largestGemeenten(n: number): Organisation[] {
  return readRegistryFile(DEFAULT_REGISTRY)
    .sort((x, y) => (y.population ?? 0) - (x.population ?? 0))
    .slice(0, n)
    .map((o) => ({ id: o.id, name: o.name, population: o.population, province: o.province, cbs: o.cbs, accounts: {} }));
}
