import { createServer } from 'node:http';
import { buildDashboard, type DashboardDeps, type NodeHandler } from './app.js';

/** The dashboard as a plain node:http handler, for a server it does not own, and how to close it. */
export interface DashboardHandler {
  handler: NodeHandler;
  close(): Promise<void>;
}

/**
 * Builds the dashboard for `webcare run` (http.dashboard: true): the same app as `webcare serve`,
 * answering through the daemon's own HTTP server beside /healthz and /metrics.
 */
export async function dashboardHandler(deps: DashboardDeps): Promise<DashboardHandler> {
  let handler: NodeHandler | undefined;
  // Fastify's serverFactory hands over its request handler; the server it returns never listens.
  const app = await buildDashboard(deps, {
    warm: true,
    serverFactory: (h) => {
      handler = h;
      return createServer();
    },
  });
  if (!handler) throw new Error('the dashboard app gave no request handler');
  return { handler, close: () => app.close() };
}
