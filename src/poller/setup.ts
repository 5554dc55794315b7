import type { Context } from '../context.js';
import { resolveHashKey } from '../config/hash-key.js';
import { shownDatabase, type Organisation } from '../model/index.js';
import type { Store } from '../storage/db.js';
import { activeAccounts } from '../storage/accounts.js';
import { storedOrganisations, syncOrganisations } from '../storage/organisations.js';
import { HashKeyMismatch, readPrivacy, recordKeyFingerprint, zeroDeletedContent } from '../storage/privacy.js';
import { buildMonitoredIndex } from './monitored.js';
import { Readings, type PipelineDeps } from './pipeline.js';
import { backfillPrivacy } from './privacy-backfill.js';
import { authorHasher, keyFingerprint, rememberHasher } from './privacy.js';
import { splitMultiOrgRequests } from './split.js';
import { refreshTimes, timesContext } from './request-times.js';
import { hoursBookOf, methodParamsOf } from '../config/method-params.js';

// Settings are frozen for a context's lifetime, so the organisations are synced and the index built
// once per context and store, not on every poll tick (the daemon polls every 5 minutes for months).
const wired = new WeakMap<Context, WeakMap<Store, Promise<PipelineDeps>>>();

/**
 * Wires the pipeline for a command or the daemon: syncs the configured organisations (plus any
 * extra ones, e.g. from `import --account`) into the database and builds the monitored index.
 * Without extra organisations the result is shared by every later call with the same context and store.
 */
export function pipelineDeps(ctx: Context, store: Store, extra: Organisation[] = []): Promise<PipelineDeps> {
  if (extra.length) return wire(ctx, store, extra);
  let byStore = wired.get(ctx);
  if (!byStore) wired.set(ctx, (byStore = new WeakMap()));
  let deps = byStore.get(store);
  if (!deps) {
    deps = wire(ctx, store, []);
    byStore.set(store, deps);
    deps.catch(() => byStore!.delete(store)); // a failed sync is tried again next time
  }
  return deps;
}

/**
 * The key citizen ids are hashed with, checked against the fingerprint the database recorded when
 * it was first written (recorded now when there is none). Throws HashKeyMismatch (exit 2) when the
 * key is another one, or when the generated key file beside the database is gone: a new key would
 * give every citizen a second hash.
 */
export async function checkedHashKey(ctx: Context, store: Store): Promise<string> {
  const stored = await readPrivacy(store.db);
  const resolved = resolveHashKey(ctx.settings, { create: !stored });
  const fingerprint = resolved ? keyFingerprint(resolved.key) : undefined;
  const recorded = stored?.keyFingerprint ?? (await recordKeyFingerprint(store.db, fingerprint!, ctx.clock.now()));
  if (!resolved || fingerprint !== recorded) throw new HashKeyMismatch(shownDatabase(ctx.settings.database), recorded);
  if (resolved.source !== 'config')
    ctx.logger.debug(
      { source: resolved.source },
      'citizen ids hashed with a generated key (set WEBCARE_HASH_KEY to choose one)',
    );
  return resolved.key;
}

async function wire(ctx: Context, store: Store, extra: Organisation[]): Promise<PipelineDeps> {
  // First, before anything is written: a command with another key must not write at all.
  const key = await checkedHashKey(ctx, store);
  // Citizen texts this connection overwrites or deletes do not stay in the file's free space.
  await zeroDeletedContent(store.db);
  // Organisations an earlier import added (--account) are not in the config: they stay, with their
  // accounts, so a later import or poll never retires them or reads their replies as citizens'.
  // For organisations in the config, the config's account list is what counts.
  const known = new Set([...ctx.settings.organisations, ...extra].map((o) => o.id));
  const stored = (await storedOrganisations(store.db)).filter((o) => !known.has(o.id));
  const orgs = [...ctx.settings.organisations, ...extra, ...stored];
  await syncOrganisations(store.db, orgs, ctx.clock.now().toISOString());
  const accounts = await activeAccounts(store.db);
  const deps: PipelineDeps = {
    store,
    index: buildMonitoredIndex(orgs, accounts),
    hash: authorHasher(key),
    book: ctx.phrases(),
    windowDays: ctx.settings.config.method.answer_window_days,
    zone: ctx.settings.config.timezone,
    now: () => ctx.clock.now(),
    readings: new Readings(),
    times: await timesContext(store, methodParamsOf(ctx.settings), hoursBookOf(ctx.settings)),
  };
  rememberHasher(store.db, deps.hash); // the daily upkeep finds citizens' names with it (jobs/upkeep.ts)
  // A database written before raw payloads were scrubbed: once, with the key only a writer has.
  const cleaned = await backfillPrivacy(store, deps.index, deps.hash);
  if (cleaned && (cleaned.raws || cleaned.errors))
    ctx.logger.info(cleaned, 'privacy: scrubbed raw payloads and redacted error messages stored before');
  if (cleaned?.raws && !cleaned.vacuumed)
    ctx.logger.warn(
      `${shownDatabase(ctx.settings.database)}: could not rewrite the file (another process is reading it); ` +
        'run VACUUM on it once when nothing else uses it, so purged texts leave its free space',
    );
  // Requests stored before their times were (migration 0008), or with other parameters or hours.
  const times = await refreshTimes(store, deps.times!);
  if (times.updated) ctx.logger.info(times, 'stored times of requests computed (method parameters or hours changed)');
  // Requests a method-1 database kept as one row for a post directed at several organisations.
  const added = await splitMultiOrgRequests(deps);
  if (added) ctx.logger.info({ added }, 'method 2: split requests directed at several organisations');
  return deps;
}
