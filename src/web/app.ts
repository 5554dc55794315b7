import type { createServer, IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { cacheFigures } from '../reports/groups.js';
import { sendError } from './errors.js';
import { warmDefaultPages } from './warm.js';
import type { DashboardDeps } from './page-context.js';
import { registerApi } from './routes/api.js';
import { registerPages } from './routes/pages.js';
import { AUTH_CHALLENGES, authorized, newNonce, securityHeaders } from './security.js';

export type { DashboardDeps } from './page-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** This response's CSP nonce: the one script element of a page carries it. */
    nonce: string;
  }
}

const ALLOW = 'GET, HEAD';

/** A request handler of node:http, for a server the dashboard does not own (`webcare run`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The dashboard as a Fastify app (not listening): the pages, the API, the stylesheet; GET and HEAD
 * only (405 otherwise: there is no write path); the token when one is set (401 with the challenges
 * otherwise); the security headers and a fresh CSP nonce on every response; errors as a plain page
 * or one JSON line, never a stack trace. `serverFactory` lets `webcare run` take its handler.
 */
export async function buildDashboard(
  deps: DashboardDeps,
  opts: {
    serverFactory?: (handler: NodeHandler) => ReturnType<typeof createServer>;
    /** Compute the default page's figures ahead of the first visitor (webcare serve, webcare run). */
    warm?: boolean;
  } = {},
): Promise<FastifyInstance> {
  // Figures are computed once per data version, selection and instant (reports/groups.ts).
  cacheFigures(deps.store.db);
  const app = Fastify({
    logger: false,
    // One /gemeente/amsterdam or /gemeente/amsterdam/: the same page.
    // A long unknown slug is an ordinary 404 page, not Fastify's own 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // An address Fastify cannot decode ("/%") is answered before the hooks run: headers set here.
    frameworkErrors: (_err, _req, reply: FastifyReply) =>
      reply
        .code(400)
        .headers(securityHeaders(newNonce()))
        .type('text/plain; charset=utf-8')
        .send('bad request: this address cannot be read\n'),
    ...(opts.serverFactory ? { serverFactory: opts.serverFactory } : {}),
  });
  app.decorateRequest('nonce', '');
  app.addHook('onRequest', async (req, reply) => {
    req.nonce = newNonce();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return reply
        .code(405)
        .header('allow', ALLOW)
        .type('text/plain; charset=utf-8')
        .send(`method not allowed: the dashboard only reads (use ${ALLOW})\n`);
    }
    if (deps.token && !authorized(req.headers.authorization, deps.token)) {
      return reply
        .code(401)
        .header('www-authenticate', AUTH_CHALLENGES)
        .type('text/plain; charset=utf-8')
        .send('unauthorized: this dashboard needs its token (Authorization: Bearer <token>, or basic auth)\n');
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const cached = reply.getHeader('cache-control');
    reply.headers(securityHeaders(req.nonce || newNonce()));
    if (cached) reply.header('cache-control', cached);
    return payload;
  });
  app.setErrorHandler((err, req, reply) => sendError(deps, err, req, reply));
  app.setNotFoundHandler((req, reply) => sendError(deps, 'not found', req, reply));
  registerPages(app, deps);
  registerApi(app, deps);
  // Listening may happen after this returns: the warmer only injects, it needs no socket.
  await app.ready();
  if (opts.warm) warmDefaultPages(app, deps);
  return app;
}
