import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DaemonMetrics } from './metrics.js';

export interface Health {
  status: 'ok' | 'degraded';
  httpStatus: 200 | 503;
  body: Record<string, unknown>;
}

/** Serves /healthz (JSON, 503 when unhealthy) and /metrics (Prometheus). Resolves once listening. */
export function startHttp(
  host: string,
  port: number,
  metrics: DaemonMetrics,
  health: () => Promise<Health>,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = async () => {
      if (path === '/healthz') {
        const h = await health();
        res.writeHead(h.httpStatus, { 'content-type': 'application/json' }).end(JSON.stringify(h.body));
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      }
    };
    reply().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
