/** Ingest benchmark: `webcare import` of a twarc2 file from the generator, against a bare-insert floor. */
import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { once } from 'node:events';
import { DEFAULT_REGISTRY } from '../src/config/load.js';
import { readRegistryFile } from '../src/config/registry.js';
import { generateWorld } from '../src/sim/world.js';
import { DAY_MS } from '../src/model/index.js';

export interface IngestFigures {
  n: number;
  file_mb: number;
  import_s: number;
  floor_s: number;
  posts_per_s: number;
  floor_posts_per_s: number;
  ratio: number;
  peak_rss_mb: number;
  floor_peak_rss_mb: number;
}

// Each 28-day world holds about 15,000 posts, so the full run's 1,000,000 span five years; they
// must all lie in the past (an import rejects posts dated after tomorrow): up to 1,500,000 fit.
const BENCH_START = Date.parse('2019-01-07T00:00:00Z');

/**
 * Writes `n` generated posts as twarc2 pages of 100 tweets (X API v2 shape), and a config that
 * monitors the world's X accounts (so the import classifies and matches as it would for real).
 */
export async function writeTwarc(file: string, config: string, n: number, seed: number): Promise<number> {
  const orgs = readRegistryFile(DEFAULT_REGISTRY).map((o) => ({
    id: o.id,
    name: o.name,
    population: o.population,
    accounts: {},
  }));
  const first = generateWorld(orgs, { seed, start: BENCH_START, days: 1 });
  const x = first.accounts.filter((a) => a.platform === 'x');
  writeFileSync(
    config,
    stringify({
      log_level: 'silent',
      registry: [],
      organisations: orgs.map((o) => {
        const hs = x.filter((a) => a.orgId === o.id).map((a) => a.handle);
        return { id: o.id, name: o.name, accounts: hs.length ? { x: hs } : {} };
      }),
    }),
  );
  const out = createWriteStream(file);
  let written = 0;
  for (let round = 0; written < n; round++) {
    const world = generateWorld(orgs, {
      seed: seed + round,
      start: BENCH_START + round * 28 * DAY_MS,
      days: 28,
    });
    const users = new Map(world.accounts.map((a) => [a.userId, a.handle]));
    for (let i = 0; i < world.posts.length && written < n; i += 100) {
      const page = world.posts.slice(i, Math.min(i + 100, i + n - written)).map((p) => ({
        id: `${round}${p.id.replace(/\D/g, '').padStart(16, '0')}`.slice(0, 19),
        text: p.text,
        author_id: p.authorId,
        created_at: new Date(p.createdAt).toISOString(),
        conversation_id: p.rootId.replace(/\D/g, '') || '1',
        lang: 'nl',
        entities: { mentions: p.mentions.map((m) => ({ username: m })) },
      }));
      const includes = {
        users: [...new Set(page.map((t) => t.author_id))].map((id) => ({ id, username: users.get(id) ?? id })),
      };
      if (
        !out.write(
          JSON.stringify({
            data: page,
            includes,
            meta: { result_count: page.length },
            __twarc: {
              url: 'https://api.x.com/2/tweets/search/recent',
              version: '2.1.0',
              retrieved_at: '2026-11-28T00:00:00+00:00',
            },
          }) + '\n',
        )
      )
        await once(out, 'drain');
      written += page.length;
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/** Runs a command under GNU time; returns seconds and peak RSS in MB. */
export function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { seconds: number; rssMb: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M', cmd, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  const kb = Number(r.stderr.match(/RSS_KB=(\d+)/)?.[1] ?? 0);
  return { seconds, rssMb: Math.round(kb / 1024), stdout: r.stdout };
}

/** Imports `file` with the real CLI and with the floor script, in the same run, on fresh databases. */
export function measureIngest(file: string, config: string, n: number, dir: string): IngestFigures {
  const floor = timed(process.execPath, ['--import', 'tsx', 'bench/floor-insert.ts', file, `${dir}/floor-${n}.db`]);
  const imp = timed(
    process.execPath,
    [
      'dist/main.js',
      'import',
      '--from',
      'twarc',
      file,
      '--db',
      `${dir}/import-${n}.db`,
      '--config',
      config,
      '--format',
      'json',
    ],
    { WEBCARE_HASH_KEY: 'bench' },
  );
  // A figure for an import that refused part of the file would measure less work than it claims.
  const summary = JSON.parse(imp.stdout) as { posts: number; rejected: { reason: string }[] };
  if (summary.rejected.length)
    throw new Error(`the import rejected ${summary.rejected.length} posts: ${summary.rejected[0]!.reason}`);
  return {
    n,
    file_mb: Math.round(statSync(file).size / 1e6),
    import_s: round(imp.seconds),
    floor_s: round(floor.seconds),
    posts_per_s: Math.round(n / imp.seconds),
    floor_posts_per_s: Math.round(n / floor.seconds),
    ratio: round(imp.seconds / floor.seconds),
    peak_rss_mb: imp.rssMb,
    floor_peak_rss_mb: floor.rssMb,
  };
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
