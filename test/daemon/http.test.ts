import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/jobs/http.js';
import { DaemonMetrics } from '../../src/jobs/metrics.js';

let server: Awaited<ReturnType<typeof startHttp>>['server'];
let port = 0;
beforeAll(async () => {
  const h = await startHttp('127.0.0.1', 0, new DaemonMetrics(), async () => ({
    status: 'ok',
    httpStatus: 200,
    body: { status: 'ok' },
  }));
  server = h.server;
  port = h.port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** One request with any method (fetch refuses TRACE), on its own connection. */
function call(method: string, path: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/healthz and /metrics: GET and HEAD only', () => {
  it.each(['/healthz', '/metrics', '/healthz?verbose=1'])(
    'GET and HEAD %s answer 200, HEAD without a body',
    async (path) => {
      expect((await call('GET', path)).status).toBe(200);
      const head = await call('HEAD', path);
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS'])(
    '%s on /healthz and /metrics answers 405 with Allow: GET, HEAD',
    async (method) => {
      for (const path of ['/healthz', '/metrics']) {
        const r = await call(method, path);
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.allow).toBe('GET, HEAD');
      }
    },
  );

  it('an unknown path is still 404, whatever the method', async () => {
    expect((await call('GET', '/')).status).toBe(404);
    expect((await call('POST', '/admin')).status).toBe(404);
  });
});
