import type { Platform } from '../model/index.js';
import { multiMentionRequests } from '../storage/requests.js';
import { reanalyse, type PipelineDeps } from './pipeline.js';

/**
 * Method 2 counts a post directed at several organisations once for each (METHOD.md 2); a database
 * written by method 1 holds one request for such a post (migration 0004 keeps its rows as they
 * are). This re-reads the threads of stored requests that mention more monitored organisations
 * than they have request rows for, so each gets its own request with its own response and outcome.
 * Idempotent: once split, nothing is re-read. Returns how many requests it added.
 */
export async function splitMultiOrgRequests(deps: PipelineDeps): Promise<number> {
  const candidates = await multiMentionRequests(deps.store.db);
  const roots = new Map<Platform, Set<string>>();
  for (const c of candidates) {
    const orgs = new Set(c.mentions.map((m) => deps.index.orgOfHandle(c.platform, m)).filter((o) => o !== undefined));
    if (orgs.size <= c.rows) continue;
    if (!roots.has(c.platform)) roots.set(c.platform, new Set());
    roots.get(c.platform)!.add(c.root);
  }
  let added = 0;
  for (const [platform, set] of roots) {
    const list = [...set];
    for (let i = 0; i < list.length; i += 200) added += (await reanalyse(deps, platform, list.slice(i, i + 200))).added;
  }
  return added;
}
