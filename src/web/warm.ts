import type { FastifyInstance } from 'fastify';
import { MINUTE_MS } from '../model/index.js';
import { changeMark } from '../storage/db.js';
import type { DashboardDeps } from './page-context.js';

/** How often the warmer looks whether the figures of the default pages went out of date. */
const CHECK_MS = 15_000;

/**
 * Keeps the figures of the default national page computed ahead of the first visitor: at start, and
 * again whenever a poll or import committed (the data version changed) or a new minute began (a
 * page without ?as_of stands at the current minute). Only the figures are kept (reports/groups.ts);
 * the page itself is rendered per request. Runs in the background and never keeps the process up.
 */
export function warmDefaultPages(app: FastifyInstance, deps: DashboardDeps): void {
  let seen: string | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const mark = await changeMark(deps.store.db, deps.clock.now());
      const state = `${mark}|${Math.floor(deps.clock.now().getTime() / MINUTE_MS)}`;
      if (state === seen) return;
      await app.inject({ method: 'GET', url: '/' });
      seen = state;
    } catch (err) {
      deps.logger.warn({ err }, 'dashboard: could not compute the default page ahead');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), CHECK_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  void tick();
}
