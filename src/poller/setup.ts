import type { Context } from '../context.js';
import { resolveHashKey } from '../config/hash-key.js';
import type { Organisation } from '../model/index.js';
import type { Store } from '../storage/db.js';
import { syncOrganisations } from '../storage/organisations.js';
import { buildMonitoredIndex } from './monitored.js';
import { Readings, type PipelineDeps } from './pipeline.js';
import { authorHasher } from './privacy.js';

/**
 * Wires the pipeline for a command or the daemon: syncs the configured organisations (plus any
 * extra ones, e.g. from `import --account`) into the database and builds the monitored index.
 */
export async function pipelineDeps(ctx: Context, store: Store, extra: Organisation[] = []): Promise<PipelineDeps> {
  const orgs = [...ctx.settings.organisations, ...extra];
  await syncOrganisations(store.db, orgs, ctx.clock.now().toISOString());
  const accounts = await store.db.selectFrom('accounts').select(['id', 'org_id', 'platform', 'handle', 'platform_user_id']).where('retired_at', 'is', null).execute();
  const { key, source } = resolveHashKey(ctx.settings);
  if (source !== 'config') ctx.logger.debug({ source }, 'citizen ids hashed with a generated key (set WEBCARE_HASH_KEY to choose one)');
  return {
    db: store.db,
    sqlite: store.sqlite,
    index: buildMonitoredIndex(orgs, accounts),
    hash: authorHasher(key),
    book: ctx.phrases(),
    windowDays: ctx.settings.config.method.answer_window_days,
    now: () => ctx.clock.now(),
    readings: readingsOf(ctx),
  };
}

// One memo of post readings per context (the daemon's lifetime), shared by every poll.
const memo = new WeakMap<Context, Readings>();
function readingsOf(ctx: Context): Readings {
  let r = memo.get(ctx);
  if (!r) memo.set(ctx, (r = new Readings()));
  return r;
}
