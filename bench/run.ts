/**
 * `npm run bench` (full) and `npm run bench -- --quick` (under 2 minutes): ingest, API economy and
 * query latency, each measured in the same run as its reference. Prints one JSON document;
 * `--markdown` prints the table for docs/benchmarks.md instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureEconomy } from './economy.js';
import { measureIngest, round, writeTwarc } from './ingest.js';
import { measureDashboard } from './dashboard.js';
import { buildQueryDb, measureQueries } from './queries.js';
import { measurePgIngest, measurePgQueries } from './postgres.js';

const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const dir = mkdtempSync(join(tmpdir(), 'webcare-bench-'));
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

try {
  const t0 = Date.now();
  // Full: the target size (1,000,000) and a quarter of it, to show how memory grows with the file.
  const sizes = quick ? [100_000] : [1_000_000, 250_000];
  const ingest = [];
  for (const size of sizes) {
    log(`writing a twarc2 file of ${size} generated posts`);
    const file = join(dir, `posts-${size}.jsonl`);
    const config = join(dir, `ingest-${size}.yaml`);
    await writeTwarc(file, config, size, 42);
    log(`importing ${size} posts, and the floor`);
    ingest.push(measureIngest(file, config, size, dir));
    rmSync(file);
    rmSync(join(dir, `import-${size}.db`), { force: true });
  }
  // PostgreSQL beside SQLite (#17): one file imported into each, in this run.
  const pgN = quick ? 20_000 : 100_000;
  log(`importing ${pgN} posts into SQLite and into PostgreSQL`);
  const pgFile = join(dir, `posts-pg-${pgN}.jsonl`);
  const pgConfig = join(dir, `ingest-pg-${pgN}.yaml`);
  await writeTwarc(pgFile, pgConfig, pgN, 43);
  const pgIngest = await measurePgIngest(pgFile, pgConfig, pgN, dir);
  rmSync(pgFile);
  log('API economy: the poll tick against the simulator');
  const economy = await measureEconomy(dir, quick ? 1 : 7, 42);
  log('queries on simulated history');
  // Full: a year of all gemeenten at 1.8 times the simulated volume, about 2,000,000 posts and
  // 500,000 requests (the size the performance issue asks the reads to be fast at).
  // Quick: 70 days, so that some weeks are past their 30-day answer window and kept (#16), as in a
  // year; full: a year.
  const days = quick ? 70 : 365;
  const built = await buildQueryDb(dir, days, quick ? 1 : 1.8);
  const query = await measureQueries(built, days);
  log('dashboard: a loopback client fetching each page type');
  const dashboard = await measureDashboard(built.path, built.ctx, built.now, quick ? 5 : 10);
  log('the same reports on PostgreSQL');
  const pgQuery = await measurePgQueries(built);
  await built.ctx.destroy();
  const result = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    duration_s: Math.round((Date.now() - t0) / 1000),
    ingest: {
      ...ingest[0]!,
      ...(ingest[1]
        ? {
            at_quarter: ingest[1],
            // Growth from 250,000 to 1,000,000 posts: the rate must not fall by more than 15%, the
            // peak memory not grow by more than 10%.
            rate_change: round(ingest[0]!.posts_per_s / ingest[1].posts_per_s - 1, 3),
            rss_change: round(ingest[0]!.peak_rss_mb / ingest[1].peak_rss_mb - 1, 3),
          }
        : {}),
    },
    economy,
    query,
    dashboard,
    postgres: { ingest: pgIngest, query: pgQuery },
  };
  if (markdown) {
    const rows = (o: object, prefix = '') =>
      Object.entries(o)
        .filter(([, v]) => typeof v !== 'object')
        .map(([k, v]) => `| ${prefix}${k} | ${v} |`)
        .join('\n');
    process.stdout.write(
      `| figure | value |\n|---|---|\n${rows(result.ingest, 'ingest.')}\n${result.ingest.at_quarter ? `${rows(result.ingest.at_quarter, 'ingest.at_quarter.')}\n` : ''}${rows(economy, 'economy.')}\n${rows(query, 'query.')}\n${Object.entries(
        dashboard,
      )
        .map(([page, f]) => rows(f, `dashboard.${page}.`))
        .join('\n')}\n${['ingest', 'query']
        .map((part) =>
          Object.entries(result.postgres[part as 'ingest'])
            .map(([k, v]) =>
              typeof v === 'object'
                ? rows(v as object, `postgres.${part}.${k}.`)
                : `| postgres.${part}.${k} | ${String(v)} |`,
            )
            .join('\n'),
        )
        .join('\n')}\n`,
    );
  } else {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
