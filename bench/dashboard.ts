/** Dashboard latency: a loopback client fetching each page type of `webcare serve` on the query database. */
import type { Context } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/storage/db.js';
import { buildDashboard } from '../src/web/app.js';
import { round } from './ingest.js';

export interface PageFigures {
  /** The first answer of the page type (nothing cached yet). */
  cold_s: number;
  p50_s: number;
  p95_s: number;
  n: number;
}

/** The page types, each with the paths it is fetched as (organisation pages over several gemeenten). */
function pageTypes(slugs: readonly string[]): Record<string, string[]> {
  const org = (prefix: string) => slugs.map((s) => `${prefix}${s}`);
  return {
    national: ['/'],
    national_by_rate: ['/?metric=response_rate'],
    national_en: ['/?lang=en'],
    gemeente: org('/gemeente/'),
    api_national: ['/api/v1/national'],
    api_organisations: ['/api/v1/organisations'],
    api_organisation: org('/api/v1/organisation/'),
    api_requests: ['/api/v1/requests'],
    api_bios: ['/api/v1/bios'],
    csv_organisations: ['/api/v1/organisations?format=csv&excel=1'],
  };
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/**
 * Serves the dashboard read-only on 127.0.0.1 and fetches every page type `rounds` times through
 * real HTTP (fetch), as a browser would; p50 and p95 per page type, and the first (cold) answer.
 */
export async function measureDashboard(
  path: string,
  ctx: Context,
  now: Date,
  rounds: number,
): Promise<Record<string, PageFigures>> {
  const store = openStore(path, { readonly: true });
  const app = await buildDashboard({
    settings: ctx.settings,
    store,
    clock: { now: () => now },
    logger: createLogger({ level: 'silent' }),
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const biggest = [...ctx.settings.organisations].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
    const slugs = [0, 1, 10, 50, 150, 300].map((i) => biggest[i]!.id);
    const out: Record<string, PageFigures> = {};
    for (const [name, paths] of Object.entries(pageTypes(slugs))) {
      const times: number[] = [];
      // Pages of several gemeenten: each fetched `rounds` times, its first fetch cold.
      for (let i = 0; i < rounds * (paths.length > 1 ? paths.length : 6); i++) {
        const url = `http://127.0.0.1:${port}${paths[i % paths.length]}`;
        const t0 = process.hrtime.bigint();
        const res = await fetch(url);
        await res.arrayBuffer();
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
        if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      out[name] = {
        cold_s: round(times[0]!, 4),
        p50_s: round(quantile(sorted, 0.5), 4),
        p95_s: round(quantile(sorted, 0.95), 4),
        n: times.length,
      };
    }
    return out;
  } finally {
    await app.close();
    await store.close();
  }
}
