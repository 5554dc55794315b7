/**
 * The same work on PostgreSQL (#17), beside SQLite in the same run: `webcare import` of one twarc2
 * file into each, and the reports on the query history copied into PostgreSQL with `webcare copy`'s
 * code. Ratios are PostgreSQL's time over SQLite's. Without a server the section says why.
 */
import pg from 'pg';
import { aggregateContextOf, type GroupBy } from '../src/reports/aggregate.js';
import { buildDigest } from '../src/reports/digest-data.js';
import { measureGroups } from '../src/reports/groups.js';
import { bioByOrg, type Filters } from '../src/reports/load.js';
import { isoWeek } from '../src/reports/period.js';
import { DAY_MS } from '../src/model/index.js';
import { copyTables } from '../src/storage/copy.js';
import { migrateToLatest, type Store } from '../src/storage/db.js';
import { openPgStore } from '../src/storage/pg.js';
import { latestBios } from '../src/storage/report-queries.js';
import { round, timed } from './ingest.js';
import type { QueryDb } from './queries.js';

const ADMIN = process.env.WEBCARE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new database on the bench server, and how to drop it; or why there is none. */
async function freshDatabase(tag: string): Promise<{ url: string; drop(): Promise<void> } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    return { skipped: `no PostgreSQL at ${ADMIN}: ${(err as Error).message}` };
  }
  const name = `webcare_bench_${process.pid}_${tag}`;
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
    },
  };
}

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    t.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** `webcare import` of the same file into a fresh SQLite file and a fresh PostgreSQL database. */
export async function measurePgIngest(file: string, config: string, n: number, dir: string) {
  const db = await freshDatabase(`ingest_${n}`);
  if ('skipped' in db) return db;
  try {
    const args = (target: string) => [
      'dist/main.js',
      'import',
      '--from',
      'twarc',
      file,
      '--db',
      target,
      '--config',
      config,
    ];
    const env = { WEBCARE_HASH_KEY: 'bench' };
    const lite = timed(process.execPath, [...args(`${dir}/pg-compare-${n}.db`), '--format', 'json'], env);
    const onPg = timed(process.execPath, [...args(db.url), '--format', 'json'], env);
    if (onPg.stdout !== lite.stdout) throw new Error('the PostgreSQL import summary differs from SQLite');
    return {
      n,
      sqlite_s: round(lite.seconds),
      postgres_s: round(onPg.seconds),
      sqlite_posts_per_s: Math.round(n / lite.seconds),
      postgres_posts_per_s: Math.round(n / onPg.seconds),
      postgres_vs_sqlite: round(onPg.seconds / lite.seconds),
      sqlite_peak_rss_mb: lite.rssMb,
      postgres_peak_rss_mb: onPg.rssMb,
    };
  } finally {
    await db.drop();
  }
}

/**
 * The reports on the bench's query history on both dialects: the history copied into PostgreSQL
 * (the copy is timed too), then national and by organisation over 30 days and one week's digest,
 * each the median of 3 on each side.
 */
export async function measurePgQueries(built: QueryDb) {
  const db = await freshDatabase('queries');
  if ('skipped' in db) return db;
  let target: Store | undefined;
  try {
    target = await openPgStore(db.url);
    await migrateToLatest(target.db);
    const t0 = process.hrtime.bigint();
    await copyTables(built.store, target.db);
    const copyS = Number(process.hrtime.bigint() - t0) / 1e9;
    const { ctx, now } = built;
    const since = new Date(now.getTime() - 30 * DAY_MS);
    const week = isoWeek('2025-W50', ctx.settings.config.timezone);
    const on = async (s: Store) => {
      const actx = aggregateContextOf(ctx.settings, now, bioByOrg(await latestBios(s.db)));
      const groups = (f: Filters, by: GroupBy) => measureGroups(s.db, ctx.settings, f, now, by, actx);
      return {
        stats: await median(3, () => groups({ since }, 'all')),
        byOrg: await median(3, () => groups({ since }, 'org')),
        digest: await median(3, () => buildDigest(s.db, ctx.settings, week, now)),
      };
    };
    const lite = await on(built.store);
    const onPg = await on(target);
    return {
      requests: built.counts.requests,
      copy_s: round(copyS, 2),
      stats_s: {
        sqlite: round(lite.stats, 4),
        postgres: round(onPg.stats, 4),
        ratio: round(onPg.stats / lite.stats, 1),
      },
      stats_by_org_s: {
        sqlite: round(lite.byOrg, 4),
        postgres: round(onPg.byOrg, 4),
        ratio: round(onPg.byOrg / lite.byOrg, 1),
      },
      digest_s: {
        sqlite: round(lite.digest, 4),
        postgres: round(onPg.digest, 4),
        ratio: round(onPg.digest / lite.digest, 1),
      },
    };
  } finally {
    await target?.close();
    await db.drop();
  }
}
