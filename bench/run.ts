/**
 * `npm run bench` (full) and `npm run bench -- --quick` (under 2 minutes): ingest, API economy and
 * query latency, each measured in the same run as its reference. Prints one JSON document;
 * `--markdown` prints the table for docs/benchmarks.md instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureEconomy } from './economy.js';
import { measureIngest, writeTwarc } from './ingest.js';
import { measureQueries } from './queries.js';

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
  log('API economy: the poll tick against the simulator');
  const economy = await measureEconomy(dir, quick ? 1 : 7, 42);
  log('queries on simulated history');
  const query = await measureQueries(dir, quick ? 30 : 365);
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
    ingest: { ...ingest[0]!, ...(ingest[1] ? { at_quarter: ingest[1] } : {}) },
    economy,
    query,
  };
  if (markdown) {
    const rows = (o: object, prefix = '') =>
      Object.entries(o)
        .filter(([, v]) => typeof v !== 'object')
        .map(([k, v]) => `| ${prefix}${k} | ${v} |`)
        .join('\n');
    process.stdout.write(
      `| figure | value |\n|---|---|\n${rows(result.ingest, 'ingest.')}\n${result.ingest.at_quarter ? `${rows(result.ingest.at_quarter, 'ingest.at_quarter.')}\n` : ''}${rows(economy, 'economy.')}\n${rows(query, 'query.')}\n`,
    );
  } else {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
