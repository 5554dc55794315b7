import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { figureCacheStats } from '../../src/reports/groups.js';
import { buildDashboard } from '../../src/web/app.js';
import { FIXTURE_NOW, fixtureDb, type FixtureDb } from './fixture.js';

// The figures of the default national page are computed ahead of the first visitor.
let fx: FixtureDb;
beforeAll(async () => {
  fx = await fixtureDb();
});
afterAll(() => fx.close());

describe('the dashboard computes its default page ahead', () => {
  it('the first visitor of / gets figures already computed, and the same page as without warming', async () => {
    const ctx = createContext({
      configPath: fx.config,
      dbPath: fx.db,
      clock: { now: () => new Date(FIXTURE_NOW) },
      logger: createLogger({ level: 'silent' }),
      env: { WEBCARE_HASH_KEY: 'test-key' },
    });
    const store = await ctx.store({ readonly: true });
    const deps = { settings: ctx.settings, store, clock: ctx.clock, logger: ctx.logger };
    const app = await buildDashboard(deps, { warm: true });
    try {
      const stats = figureCacheStats(store.db)!;
      for (let i = 0; i < 100 && stats.misses === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200)); // the warm page finishes its other figures
      const computed = stats.misses;
      expect(computed).toBeGreaterThan(0);
      const res = await app.inject({ url: '/' });
      expect(res.statusCode).toBe(200);
      expect(stats.misses).toBe(computed); // nothing computed again: every figure was kept
      expect(stats.hits).toBeGreaterThan(0);
      const { app: cold } = await fx.app();
      const other = await cold.inject({ url: '/' });
      // The same page apart from the per-response CSP nonce.
      const strip = (s: string) => s.replace(/nonce="[^"]*"/g, '');
      expect(strip(res.body)).toBe(strip(other.body));
    } finally {
      await app.close();
      await ctx.destroy();
    }
  });
});
