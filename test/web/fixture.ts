import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createContext, type Context } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { buildDashboard } from '../../src/web/app.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';

/** The instant of docs/method.md's worked example: every window of week 2026-W45 has closed. */
export const FIXTURE_NOW = '2026-12-15T12:00:00.000Z';

export interface FixtureDb {
  db: string;
  config: string;
  /** The dashboard over a read-only connection of its own. */
  app(opts?: { token?: string }): Promise<{ app: FastifyInstance; ctx: Context }>;
  hash(): string;
  close(): Promise<void>;
}

/** The week of known answers (test/helpers/fixture-week.ts) in a real SQLite file with the real migrations. */
export async function fixtureDb(): Promise<FixtureDb> {
  const tc = testContext(FIXTURE_CONFIG, FIXTURE_NOW);
  await seedFixtureWeek(tc.ctx, await tc.ctx.store());
  await tc.ctx.destroy();
  const db = `${tc.tmp.dir}/w.db`;
  const config = tc.tmp.file('webcare.yaml');
  const opened: { app: FastifyInstance; ctx: Context }[] = [];
  return {
    db,
    config,
    async app(opts = {}) {
      const ctx = createContext({
        configPath: config,
        dbPath: db,
        clock: { now: () => new Date(FIXTURE_NOW) },
        logger: createLogger({ level: 'silent' }),
        env: { WEBCARE_HASH_KEY: 'test-key' },
      });
      const store = await ctx.store({ readonly: true });
      const app = await buildDashboard({
        settings: ctx.settings,
        store,
        clock: ctx.clock,
        logger: ctx.logger,
        ...opts,
      });
      opened.push({ app, ctx });
      return { app, ctx };
    },
    hash: () => createHash('sha256').update(readFileSync(db)).digest('hex'),
    async close() {
      for (const o of opened) {
        await o.app.close();
        await o.ctx.destroy();
      }
      await tc.close();
    },
  };
}
