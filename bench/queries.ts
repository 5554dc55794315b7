/** Query latency: stats, top, requests and digest on a database of simulated history, against hand-written SQL. */
import SQLite from 'better-sqlite3';
import { createContext } from '../src/context.js';
import { rawConnection } from '../src/storage/db.js';
import { createLogger } from '../src/logger.js';
import { aggregateContextOf, type GroupBy } from '../src/reports/aggregate.js';
import { buildDigest } from '../src/reports/digest-data.js';
import { measureGroups } from '../src/reports/groups.js';
import { bioByOrg, loadRequests, type Filters } from '../src/reports/load.js';
import { latestBios } from '../src/storage/report-queries.js';
import { isoWeek } from '../src/reports/period.js';
import { rank } from '../src/reports/rank.js';
import { Rng } from '../src/sim/random.js';
import { round } from './ingest.js';
import { DAY_MS, HOUR_MS } from '../src/model/index.js';
import { hoursBookOf, methodParamsOf } from '../src/config/method-params.js';
import { refreshTimes, timesContext } from '../src/poller/request-times.js';
import { keepSettledWeeks } from '../src/poller/request-weeks.js';

export interface QueryFigures {
  days: number;
  posts: number;
  requests: number;
  stats_s: number;
  stats_by_org_s: number;
  top_s: number;
  requests_s: number;
  digest_s: number;
  floor_stats_s: number;
  floor_by_org_s: number;
  ratio: number;
  /** stats national over the last 30 days against its SQL floor (the issue's <= 1.5). */
  stats_ratio: number;
  /** stats --by org over the whole history (a year in the full run). */
  stats_by_org_all_s: number;
  /** The national weekly figures of the last 26 weeks (the dashboard's trend). */
  trend_26w_s: number;
  /** Computing the stored times of every request (webcare rollup), seconds. */
  rollup_s: number;
  /** Keeping the counts of every settled week (the daily upkeep's first run on this history), seconds. */
  weeks_s: number;
  /** How many weeks were kept (those whose answer window has passed). */
  weeks_kept: number;
}

type BenchOutcome = 'answered' | 'redirected' | 'acknowledged' | 'unanswered';

/** Fills a migrated database with `days` of history for all gemeenten, straight into the tables (as the pipeline would leave them). */
function fill(
  db: SQLite.Database,
  orgs: readonly { id: string; population?: number }[],
  days: number,
  start: number,
  volume: number,
): { posts: number; requests: number } {
  const rng = new Rng(9);
  const post = db.prepare(
    "insert into posts (platform, id, author_id, author_is_org, org_id, kind, text, created_at, reply_to_id, thread_root_id, mentions, referenced_only, raw, source, fetched_at, adapter_version) values ('x', ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, '{}', 'bench', ?, 'bench-1')",
  );
  const req = db.prepare(
    "insert into requests (platform, post_id, org_id, account_id, author_id, kind, score, reasons, lang, created_at, response_post_id, response_at, response_kind, outcome, updated_at) values ('x', ?, ?, null, ?, ?, 0.9, '[]', 'nl', ?, ?, ?, ?, ?, ?)",
  );
  let posts = 0;
  let requests = 0;
  let id = 1_000_000_000_000n;
  db.exec('begin');
  for (const o of orgs) {
    const perDay = volume * Math.max(0.6, 1.2 * Math.sqrt((o.population ?? 20_000) / 10_000));
    for (let d = 0; d < days; d++) {
      for (let k = rng.poisson(perDay); k > 0; k--) {
        const at = start + d * DAY_MS + rng.int(7, 22) * HOUR_MS + rng.int(0, 3599) * 1000;
        const qid = String(id++);
        const created = new Date(at).toISOString();
        post.run(
          qid,
          `h:${rng.int(1, 1e6)}`,
          0,
          null,
          'post',
          'Wanneer wordt het grofvuil opgehaald?',
          created,
          null,
          qid,
          created,
        );
        posts++;
        // Two posts of chatter around each request (thanks, news, other replies).
        for (let c = 0; c < 2; c++) {
          const cid = String(id++);
          post.run(cid, `h:${rng.int(1, 1e6)}`, 0, null, 'reply', 'Bedankt!', created, qid, qid, created);
          posts++;
        }
        const outcome = rng.weighted<BenchOutcome>([
          ['answered', 50],
          ['redirected', 12],
          ['acknowledged', 6],
          ['unanswered', 32],
        ]);
        let rid: string | null = null;
        let rAt: string | null = null;
        if (outcome !== 'unanswered') {
          rid = String(id++);
          rAt = new Date(at + rng.logNormal(6, 1.2) * HOUR_MS).toISOString();
          post.run(rid, `org-${o.id}`, 1, o.id, 'reply', 'Op dinsdag.', rAt, qid, qid, rAt);
          posts++;
        }
        req.run(
          qid,
          o.id,
          `h:${k}`,
          rng.chance(0.7) ? 'question' : 'report',
          created,
          rid,
          rAt,
          outcome === 'answered'
            ? 'answer'
            : outcome === 'redirected'
              ? 'redirect'
              : outcome === 'acknowledged'
                ? 'acknowledge'
                : null,
          outcome,
          created,
        );
        requests++;
      }
    }
  }
  db.exec('commit');
  return { posts, requests };
}

async function median5(f: () => Promise<unknown> | unknown): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    t.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t.sort((a, b) => a - b)[2]!;
}

/** Builds the query database of `days` of history in `dir` (queries.db) and returns its context and counts. */
export async function buildQueryDb(dir: string, days: number, volume = 1) {
  const path = `${dir}/queries.db`;
  const start = Date.parse('2025-11-03T00:00:00Z');
  const now = new Date(start + days * DAY_MS);
  const ctx = createContext({
    dbPath: path,
    clock: { now: () => now },
    logger: createLogger({ level: 'silent' }),
    env: { WEBCARE_HASH_KEY: 'bench' },
  });
  const store = await ctx.store();
  await (
    await import('../src/storage/organisations.js')
  ).syncOrganisations(store.db, ctx.settings.organisations, now.toISOString());
  const counts = fill(rawConnection(store), ctx.settings.organisations, days, start, volume);
  // The stored times, as the pipeline writes them with each request (the rows above were inserted bare).
  const t0 = process.hrtime.bigint();
  await refreshTimes(store, await timesContext(store, methodParamsOf(ctx.settings), hoursBookOf(ctx.settings)));
  const timesS = Number(process.hrtime.bigint() - t0) / 1e9;
  // The settled weeks, as the daily upkeep (and the end of an import) keeps them.
  const t1 = process.hrtime.bigint();
  const weeks = keepSettledWeeks(
    store.db,
    now,
    ctx.settings.config.method.answer_window_days,
    ctx.settings.config.timezone,
  );
  const weeksS = Number(process.hrtime.bigint() - t1) / 1e9;
  rawConnection(store).pragma('optimize');
  return { path, ctx, store, counts, now, timesS, weeksS, weeksKept: weeks.kept };
}

export type QueryDb = Awaited<ReturnType<typeof buildQueryDb>>;

/** Times each query on the built database as the median of 5 runs, and its SQL floor in the same process. */
export async function measureQueries(built: QueryDb, days: number): Promise<QueryFigures> {
  const { path, ctx, store, counts, now, timesS, weeksS, weeksKept } = built;
  const actx = aggregateContextOf(ctx.settings, now, bioByOrg(await latestBios(store.db)));
  const since = new Date(now.getTime() - 30 * DAY_MS); // the last 30 days, as `stats --since 30d`
  const groups = (f: Filters, by: GroupBy) => measureGroups(store.db, ctx.settings, f, now, by, actx);
  const week = isoWeek('2025-W50', ctx.settings.config.timezone);
  const raw = new SQLite(path, { readonly: true });
  const floorSql = raw.prepare(
    "select r.org_id, count(*) n, sum(r.outcome in ('answered','redirected','acknowledged')) responded, sum(r.outcome = 'answered') answered, avg((julianday(r.response_at) - julianday(r.created_at)) * 24) mean_h from requests r join organisations o on o.id = r.org_id where r.created_at >= ? group by r.org_id",
  );
  const floorAll = raw.prepare(
    "select count(*) n, sum(outcome in ('answered','redirected','acknowledged')) responded, sum(outcome = 'answered') answered, avg((julianday(response_at) - julianday(created_at)) * 24) mean_h from requests where created_at >= ?",
  );
  const figures = {
    stats_s: await median5(() => groups({ since }, 'all')),
    stats_by_org_s: await median5(() => groups({ since }, 'org')),
    top_s: await median5(async () => rank(await groups({ since }, 'org'), 'score', false).slice(0, 10)),
    requests_s: await median5(() => loadRequests(store.db, ctx.settings, { outcome: ['unanswered'], limit: 100 }, now)),
    digest_s: await median5(() => buildDigest(store.db, ctx.settings, week, now)),
    stats_by_org_all_s: await median5(() => groups({}, 'org')),
    trend_26w_s: await median5(() => groups({ since: new Date(now.getTime() - 26 * 7 * DAY_MS) }, 'week')),
    floor_stats_s: await median5(() => floorAll.get(since.toISOString())),
    floor_by_org_s: await median5(() => floorSql.all(since.toISOString())),
  };
  raw.close();
  return {
    days,
    posts: counts.posts,
    requests: counts.requests,
    ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v, 4)])),
    ratio: round(figures.stats_by_org_s / figures.floor_by_org_s, 1),
    stats_ratio: round(figures.stats_s / figures.floor_stats_s, 1),
    rollup_s: round(timesS, 2),
    weeks_s: round(weeksS, 2),
    weeks_kept: weeksKept,
  } as QueryFigures;
}
