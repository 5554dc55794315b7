import { MINUTE_MS } from '../model/index.js';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Settings } from '../config/load.js';
import type { Clock } from '../context.js';
import type { Logger } from '../logger.js';
import { aggregateContextOf, type AggregateContext } from '../reports/aggregate.js';
import { bioByOrg } from '../reports/load.js';
import type { PageSelection } from '../reports/national-page.js';
import type { Store } from '../storage/db.js';
import { latestBios } from '../storage/report-queries.js';
import { formatterOf, type Fmt } from './format.js';
import { langOf, messagesOf, type Lang, type Messages } from './i18n/index.js';
import { pageInstant, type PageInstant } from './instant.js';
import { parseAsked, selectionOf, type Asked, type Query } from './params.js';

/** What the dashboard is built on: the settings in force, a read-only store, the clock and a logger. */
export interface DashboardDeps {
  settings: Settings;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** When set, every request must carry it (bearer, or basic auth password). */
  token?: string;
}

/** Everything one page or API answer is computed and written with. */
export interface PageContext {
  deps: DashboardDeps;
  lang: Lang;
  t: Messages;
  fmt: Fmt;
  asked: Asked;
  query: Query;
  instant: PageInstant;
  selection: PageSelection;
  /** The period is the default one (the last 4 complete weeks). */
  defaulted: boolean;
  actx: AggregateContext;
  /** The parameters links keep (language only when asked in the query). */
  keep: Record<string, string | undefined>;
}

/** The language of a request, for pages that have no context (errors). */
export function requestLang(req: FastifyRequest): Lang {
  const q = req.query as Query;
  const lang = typeof q?.lang === 'string' ? q.lang : undefined;
  return langOf(lang, req.headers['accept-language']);
}

/** Resolves a request's parameters, instant, period and metric context; throws ParamError on a bad parameter. */
export async function pageContext(deps: DashboardDeps, req: FastifyRequest): Promise<PageContext> {
  const { settings, store } = deps;
  const zone = settings.config.timezone;
  const query = (req.query ?? {}) as Query;
  const asked = parseAsked(query, settings, deps.clock.now());
  const lang = langOf(asked.lang, req.headers['accept-language']);
  // Without ?as_of a page stands at the current minute: every view of that minute shares its
  // figures (cached per data version, reports/groups.ts), and a minute is what a page shows.
  const now = deps.clock.now().getTime();
  const instant = await pageInstant(store.db, asked.asOf ?? new Date(now - (now % MINUTE_MS)));
  const { selection, defaulted } = selectionOf(asked, instant.asOf, zone);
  const bios = bioByOrg(await latestBios(store.db, instant.asOf), asked.platform);
  const keep: Record<string, string | undefined> = {
    lang: asked.lang,
    as_of: typeof query.as_of === 'string' ? query.as_of : undefined,
    since: asked.since,
    until: asked.until,
    platform: asked.platform,
  };
  return {
    deps,
    lang,
    t: messagesOf(lang),
    fmt: formatterOf(lang, zone, DateTime.fromJSDate(instant.asOf, { zone }).year),
    asked,
    query,
    instant,
    selection,
    defaulted,
    actx: aggregateContextOf(settings, instant.asOf, bios),
    keep,
  };
}
