import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createContext, type Context } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { runDemo } from '../../src/sim/demo.js';
import { rawConnection } from '../../src/storage/db.js';
import { buildDashboard } from '../../src/web/app.js';
import { tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';

/** The hostile texts every page must show as text, never as markup. */
export const XSS = ['<script>alert(1)</script>', '"><svg onload=alert(1)>'] as const;
export const HOSTILE = `${XSS[0]} ${XSS[1]}`;

/** The instant the simulated world ends (its last poll): the dashboard's figures stand then. */
export const WORLD_START = '2026-10-26T00:00:00+01:00';
export const WORLD_DAYS = 21;

export interface WebWorld {
  dir: string;
  db: string;
  config: string;
  end: Date;
  /** A gemeente with requests waiting and unanswered, whose texts and name are hostile. */
  hostile: string;
  /** The dashboard over a read-only connection, at `now` (default: a day after the world ends). */
  app(opts?: { token?: string; now?: Date }): Promise<FastifyInstance>;
  /** SHA-256 of the database file (read-only: it must never change). */
  hash(): string;
  close(): Promise<void>;
}

/**
 * A simulated world of the 12 largest gemeenten over three weeks, through the real pipeline and
 * migrations (runDemo), with hostile text in an organisation's name, its citizens' posts, its bio,
 * a link and an account error.
 */
export async function webWorld(): Promise<WebWorld> {
  const tmp = tempDir();
  const db = `${tmp.dir}/web.db`;
  const orgs = largestGemeenten(12).map((o, i) => (i === 3 ? { ...o, name: `${o.name} ${HOSTILE}` } : o));
  const hostile = orgs[3]!.id;
  const run = await runDemo({
    organisations: orgs,
    seed: 7,
    days: WORLD_DAYS,
    start: new Date(WORLD_START),
    tickHours: 8,
    db,
    windowDays: 7,
    logger: createLogger({ level: 'silent' }),
  });
  const end = run.ctx.clock.now();
  const sqlite = rawConnection(run.store);
  // Citizens' posts of the hostile gemeente: every request text, and one link that is not http(s).
  sqlite
    .prepare(`update posts set text = ? where id in (select post_id from requests where org_id = ?)`)
    .run(HOSTILE, hostile);
  sqlite
    .prepare(
      `update posts set url = 'javascript:alert(1)' where id = (select post_id from requests where org_id = ? order by created_at desc limit 1)`,
    )
    .run(hostile);
  // Its replies too, its bio and an account error.
  sqlite.prepare(`update posts set text = ? where org_id = ?`).run(HOSTILE, hostile);
  const account = sqlite.prepare('select id from accounts where org_id = ? order by id limit 1').pluck().get(hostile);
  sqlite.prepare(`insert into bios (account_id, fetched_at, text, parsed, parser_version) values (?, ?, ?, ?, 1)`).run(
    account,
    new Date(end.getTime() - 3_600_000).toISOString(),
    `Vragen? ${HOSTILE}`,
    JSON.stringify({
      deflects: false,
      channels: [],
      notMonitored: false,
      invitesQuestions: true,
      hours: [],
      promise: null,
    }),
  );
  sqlite.prepare('update accounts set last_error = ?, error_count = 2 where id = ?').run(HOSTILE, account);
  const config = run.ctx.settings.configFile!;
  await run.ctx.destroy();
  const contexts: Context[] = [];
  const apps: FastifyInstance[] = [];
  return {
    dir: tmp.dir,
    db,
    config,
    end,
    hostile,
    async app(opts = {}) {
      const now = opts.now ?? new Date(end.getTime() + 86_400_000);
      const ctx = createContext({
        configPath: config,
        dbPath: db,
        clock: { now: () => now },
        logger: createLogger({ level: 'silent' }),
        env: {},
      });
      contexts.push(ctx);
      const store = await ctx.store({ readonly: true });
      const app = await buildDashboard({
        settings: ctx.settings,
        store,
        clock: ctx.clock,
        logger: ctx.logger,
        ...(opts.token ? { token: opts.token } : {}),
      });
      apps.push(app);
      return app;
    },
    hash: () => createHash('sha256').update(readFileSync(db)).digest('hex'),
    async close() {
      for (const a of apps) await a.close();
      for (const c of contexts) await c.destroy();
      tmp.cleanup();
    },
  };
}
