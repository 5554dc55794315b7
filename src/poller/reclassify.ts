import { PLATFORMS, type Platform } from '../model/index.js';
import { threadRootsSince } from '../storage/requests.js';
import { Readings, reanalyse, type PipelineDeps } from './pipeline.js';

/** What `webcare reclassify` changed: threads re-read, requests added and removed, outcome changes "from->to". */
export interface ReclassifyResult {
  threads: number;
  added: number;
  removed: number;
  changed: Record<string, number>;
}

const BATCH = 200;

/**
 * Re-runs request classification and response reading over the stored threads with posts since
 * `since` whose text is still stored (after phrase lists or the reader changed), one transaction
 * per batch of threads, so an interrupted run keeps what it finished and can simply run again.
 * `progress` is called after each batch.
 */
export async function reclassify(
  deps: PipelineDeps,
  since: Date,
  platforms: readonly Platform[] = PLATFORMS,
  progress?: (done: number) => void,
): Promise<ReclassifyResult> {
  // A fresh memo: readings made with the old lists in this process must not be reused.
  const fresh: PipelineDeps = { ...deps, readings: new Readings() };
  const result: ReclassifyResult = { threads: 0, added: 0, removed: 0, changed: {} };
  for (const platform of platforms) {
    let after: string | null = null;
    for (;;) {
      const roots = await threadRootsSince(deps.store.db, platform, since.toISOString(), after, BATCH);
      if (!roots.length) break;
      const r = await reanalyse(fresh, platform, roots);
      result.threads += roots.length;
      result.added += r.added;
      result.removed += r.removed;
      for (const [k, n] of r.changed) result.changed[k] = (result.changed[k] ?? 0) + n;
      progress?.(result.threads);
      after = roots[roots.length - 1]!;
    }
  }
  return result;
}
