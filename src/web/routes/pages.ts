import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildNationalPage } from '../../reports/national-page.js';
import { buildOrgPage } from '../../reports/org-page.js';
import { NotFound } from '../errors.js';
import { pageContext, type DashboardDeps } from '../page-context.js';
import { renderPage } from '../render.js';
import { DASHBOARD_CSS } from '../static.js';
import { layoutOf } from '../views/common.js';
import { nationalView } from '../views/national-view.js';
import { orgView } from '../views/org-view.js';

const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

/** The pages: / (national), /gemeente/<slug> and the stylesheet. */
export function registerPages(app: FastifyInstance, deps: DashboardDeps): void {
  const { settings, store } = deps;

  app.get('/', async (req, reply) => {
    const pc = await pageContext(deps, req);
    const page = await buildNationalPage(store.db, settings, pc.selection, pc.instant.asOf, pc.actx);
    const layout = layoutOf(pc, pc.t.nationalHeading, '/', req.nonce, page.meta);
    return html(reply, renderPage('national', pc.t, layout, nationalView(pc, page)));
  });

  app.get<{ Params: { slug: string } }>('/gemeente/:slug', async (req, reply) => {
    const org = settings.organisations.find((o) => o.id === req.params.slug);
    if (!org) throw new NotFound(req.params.slug);
    const pc = await pageContext(deps, req);
    const page = await buildOrgPage(store.db, settings, org, pc.selection, pc.instant.asOf, pc.actx);
    const layout = layoutOf(pc, org.name, `/gemeente/${encodeURIComponent(org.id)}`, req.nonce, page.meta);
    return html(reply, renderPage('org', pc.t, layout, orgView(pc, page)));
  });

  app.get('/static/dashboard.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(DASHBOARD_CSS),
  );
}
