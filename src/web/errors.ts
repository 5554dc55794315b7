import type { FastifyReply, FastifyRequest } from 'fastify';
import { fill, messagesOf } from './i18n/index.js';
import { requestLang, type DashboardDeps } from './page-context.js';
import { ParamError } from './params.js';
import { renderPage } from './render.js';

/** A page or API object that does not exist (an unknown gemeente): 404. */
export class NotFound extends Error {
  constructor(readonly slug: string) {
    super(`no organisation ${slug}`);
    this.name = 'NotFound';
  }
}

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

/**
 * Answers an error: 400 for a bad parameter (one line naming it), 404 for an unknown gemeente or
 * page, 500 (logged, never shown) for anything else; JSON under /api/, else a plain page. No stack trace.
 */
export function sendError(deps: DashboardDeps, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  const other = lang === 'nl' ? 'en' : 'nl';
  const t = messagesOf(lang);
  let status: number;
  let heading: string;
  let message: string;
  // Pages speak the reader's language; the API answers in English, one line naming the parameter.
  let apiMessage: string | undefined;
  if (err instanceof ParamError) {
    apiMessage = err.message;
    [status, heading, message] = [
      400,
      t.errorBadRequest,
      fill(t.errorParam, { param: err.param, detail: err.message }),
    ];
  } else if (err instanceof NotFound) {
    apiMessage = `no gemeente "${err.slug}"`;
    [status, heading, message] = [404, t.errorNotFound, fill(t.errorNoGemeente, { slug: err.slug })];
  } else if (err === 'not found') {
    [status, heading, message] = [404, t.errorNotFound, t.errorNotFoundText];
  } else {
    const code = (err as { statusCode?: unknown } | null)?.statusCode;
    // Fastify's own client errors (a malformed URL, ...) keep their status; everything else is ours: 500.
    if (typeof code === 'number' && code >= 400 && code < 500) {
      [status, heading, message] = [code, t.errorBadRequest, (err as Error).message.split('\n')[0]!];
    } else {
      deps.logger.error({ err, url: req.url }, 'dashboard request failed');
      [status, heading, message] = [500, t.errorServer, t.errorServerText];
    }
  }
  reply.code(status);
  if (isApi(req)) {
    const text =
      status === 500 ? 'internal error (see the server log)' : (apiMessage ?? (status === 404 ? 'not found' : message));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ error: text }) + '\n');
  }
  const layout = {
    lang,
    otherLang: other,
    title: `${heading} · ${t.siteName}`,
    nonce: req.nonce,
    homeHref: lang === 'en' ? '/?lang=en' : '/',
    langHref: `${req.url.split('?')[0]}?lang=${other}`,
    footer: [],
  };
  return reply.type('text/html; charset=utf-8').send(renderPage('error', t, layout, { heading, message }));
}
