import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';
import { createLogger } from '../../src/logger.js';
import type { Organisation } from '../../src/model/index.js';
import { runDemo, type DemoResult } from '../../src/sim/demo.js';
import { tempDir } from '../helpers/cli.js';
import { agreement, type Agreement } from './agreement.js';

const tmp = tempDir();
let run: DemoResult;
let a: Agreement;

// The 40 largest gemeenten, 21 simulated days: enough organisations with 20+ requests to compare.
beforeAll(async () => {
  const orgs: Organisation[] = readRegistryFile(DEFAULT_REGISTRY)
    .sort((x, y) => (y.population ?? 0) - (x.population ?? 0))
    .slice(0, 40)
    .map((o) => ({ id: o.id, name: o.name, population: o.population, province: o.province, cbs: o.cbs, accounts: {} }));
  run = await runDemo({
    organisations: orgs,
    seed: 7,
    days: 21,
    start: new Date('2026-10-25T23:00:00Z'),
    tickHours: 4,
    db: `${tmp.dir}/e2e.db`,
    windowDays: 7,
    logger: createLogger({ level: 'silent' }),
  });
  a = await agreement(run.store, run.world, 7);
  console.log(
    `e2e agreement: ${JSON.stringify({ found: `${a.requestsFound}/${a.requestsTrue}`, responses: `${a.responsesMatched}/${a.responsesChecked}`, bios: `${a.bioEqual}/${a.bioAccounts}`, orgs: a.orgs.filter((o) => o.requests >= 20).length })}`,
  );
}, 120_000);
afterAll(async () => {
  await run?.ctx.destroy();
  tmp.cleanup();
});

describe("end to end on a simulated world, against the generator's truth", () => {
  it('finds nearly every true request (the classifier at work on the simulated posts)', () => {
    expect(a.requestsFound / a.requestsTrue).toBeGreaterThan(0.9);
  });

  it('finds the true response of every request it found', () => {
    expect(a.responsesChecked).toBeGreaterThan(100);
    expect(a.responsesMatched).toBe(a.responsesChecked);
  });

  it('per organisation with at least 20 requests: response rate within 5 points, median response time within 10%', () => {
    const big = a.orgs.filter((o) => o.requests >= 20);
    expect(big.length).toBeGreaterThanOrEqual(10);
    for (const o of big) {
      expect(Math.abs((o.measuredRate ?? 0) - o.truthRate), `${o.orgId} response rate`).toBeLessThanOrEqual(0.05);
      if (o.truthMedianH !== null && o.measuredMedianH !== null)
        expect(Math.abs(o.measuredMedianH - o.truthMedianH) / o.truthMedianH, `${o.orgId} median`).toBeLessThanOrEqual(
          0.1,
        );
    }
  });

  it('reads the bios as the generator wrote them for at least 90% of the accounts', () => {
    expect(a.bioAccounts).toBe(run.world.accounts.length);
    expect(a.bioEqual / a.bioAccounts).toBeGreaterThanOrEqual(0.9);
  });

  it('polls within the rate limits and wrote a digest', () => {
    expect(Object.values(run.counters.rateLimited).reduce((s, n) => s + n, 0)).toBe(0);
    expect(run.digest?.national.requests).toBeGreaterThan(0);
  });
});
