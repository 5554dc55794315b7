import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DaemonMetrics } from './metrics.js';

export interface Health {
  status: 'ok' | 'degraded';
  httpStatus: 200 | 503;
  body: Record<string, unknown>;
}

export interface HttpHandle {
  server: Server;
  /** The port it listens on (the one the OS chose for port 0). */
  port: number;
  /**
   * Stops listening and closes the connections: at once those with no request being answered
   * (idle keep-alive, and half-open ones that sent nothing or only part of a request), after at
   * most `graceMs` those with a response still in progress. Resolves when all are closed.
   */
  close(graceMs: number): Promise<void>;
}

const PATHS = new Set(['/healthz', '/metrics']);
const ALLOW = 'GET, HEAD';

/** A node:http handler for every path but /healthz and /metrics (the dashboard of `webcare run`). */
export type HttpFallback = (req: IncomingMessage, res: ServerResponse) => void;

let fallback: HttpFallback | undefined;

/**
 * Serves every other path with `handler` (undefined: 404 again) on the servers startHttp starts, also
 * one already listening. `webcare run` hands the dashboard in here when `http.dashboard` is true: jobs/
 * may not import web/, so the command that wires both passes it.
 */
export function setHttpFallback(handler: HttpFallback | undefined): void {
  fallback = handler;
}

/**
 * Serves /healthz (JSON, 503 when unhealthy) and /metrics (Prometheus), GET and HEAD only (405
 * with Allow otherwise), and every other path through the fallback when one is set (setHttpFallback). Resolves once listening; rejects with the listen error (EADDRINUSE, ...).
 */
export function startHttp(
  host: string,
  port: number,
  metrics: DaemonMetrics,
  health: () => Promise<Health>,
): Promise<HttpHandle> {
  // Requests being answered per connection: a connection without one can be closed at any time.
  const inFlight = new Map<Socket, number>();
  const sockets = new Set<Socket>();
  const answering = new Set<ServerResponse>();
  let closing = false;

  const server = createServer((req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    answering.add(res);
    res.once('close', () => {
      answering.delete(res);
      const n = (inFlight.get(socket) ?? 1) - 1;
      if (n > 0) inFlight.set(socket, n);
      else inFlight.delete(socket);
      if (closing && n <= 0) socket.end(); // its last response went out: no keep-alive while stopping
    });
    if (closing) res.setHeader('connection', 'close');

    const path = (req.url ?? '/').split('?')[0]!;
    const reply = async () => {
      if (!PATHS.has(path) && fallback) {
        fallback(req, res);
      } else if (!PATHS.has(path)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: ALLOW, 'content-type': 'text/plain' }).end(`method not allowed: use ${ALLOW}\n`);
      } else if (path === '/healthz') {
        const h = await health();
        res.writeHead(h.httpStatus, { 'content-type': 'application/json' }).end(JSON.stringify(h.body));
      } else {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      }
    };
    reply().catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(err)}\n`);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      inFlight.delete(socket);
    });
  });

  const close = async (graceMs: number): Promise<void> => {
    closing = true;
    for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Node counts a connection that sent nothing, or half a request, as active: close those too.
    for (const s of sockets) if (!inFlight.has(s)) s.destroy();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([closed, graceOver]);
    clearTimeout(timer);
    server.closeAllConnections();
    for (const s of sockets) s.destroy();
    await closed;
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port, close }));
  });
}
