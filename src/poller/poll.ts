import type { Context } from '../context.js';
import { subsystem, type Logger } from '../logger.js';
import { HOUR_MS, MINUTE_MS, PLATFORMS, type Platform } from '../model/index.js';
import type { AccountState, CursorState, PlatformAdapter, PollInput } from '../platforms/adapter.js';
import { PlatformError, type FetchFailure } from '../platforms/errors.js';
import { adapters } from '../platforms/registry.js';
import { activeAccounts, markFailure, markSuccess, maxErrorCount, type DueAccount } from '../storage/accounts.js';
import { platformWait, setPlatformWait } from '../storage/leases.js';
import { cursorsOf } from '../storage/cursors.js';
import type { Store } from '../storage/db.js';
import { finishRun, postsReadThisMonth, startRun, type RunCounts } from '../storage/poll-runs.js';
import { expirePending } from './expire.js';
import { redactSecrets } from '../storage/redact.js';
import { ingest } from './pipeline.js';
import { refreshBiosIfDue } from './poll-bios.js';
import { addRound, nextDue, type WorkerShare } from './poll-share.js';

export type { WorkerShare };
import { pipelineDeps } from './setup.js';

export interface PollOptions {
  platform?: Platform;
  org?: string;
  trigger: string;
  adapters?: Record<Platform, PlatformAdapter>;
  /**
   * One of many workers on one database (#17): claim the due accounts in shares, with a lease, until
   * none is left unclaimed; bios per account; rate-limit waits shared. Without it (one daemon, or
   * `webcare poll`) every due account is polled.
   */
  worker?: WorkerShare;
}

/** What one platform's poll did and cost (camelCase; poll_runs stores it in snake_case). */
export interface PlatformResult extends RunCounts {
  platform: Platform;
  status: 'ok' | 'skipped' | 'failed' | 'rate-limited' | 'budget';
  note?: string;
  accounts: number;
  requestsFound: number;
  /** Accounts whose own fetch failed while the others were polled. */
  failedAccounts?: number;
  /** A worker's claimed accounts (ids), in the order it claimed them: what it polled this cycle. */
  claimed?: number[];
}

const BACKOFF_BASE_MS = MINUTE_MS;

/** Records one account's own failure (gone, blocked, broken) on it alone, with its backoff. */
async function failAccount(
  ctx: Context,
  store: Store,
  id: number,
  failure: FetchFailure,
  result: PlatformResult,
  log: Logger,
): Promise<void> {
  // A 401 body may echo the token: redacted before it is shown, logged or stored.
  const detail = redactSecrets(failure.detail);
  result.errors++;
  result.lastError = detail;
  result.failedAccounts = (result.failedAccounts ?? 0) + 1;
  const retryAt = backoff(ctx.clock.now(), (await maxErrorCount(store.db, [id])) + 1);
  await markFailure(store.db, [id], ctx.clock.now(), detail, retryAt, true);
  log.warn(
    { account: id, kind: failure.kind, detail, retry_at: retryAt.toISOString() },
    'account failed; the others go on',
  );
}

/** The longest an account waits after a failure or a rate limit, whatever the platform says. */
export const MAX_RETRY_MS = 24 * HOUR_MS;

/**
 * One poll cycle, the same code for `webcare poll --once` and the daemon's tick: for each platform
 * with credentials, the due accounts are fetched (within rate limits and the monthly budget),
 * each fetched unit goes through the pipeline with its cursors, bios are refreshed once a day,
 * and failures become schedule state (retry_at, error_count) instead of exceptions.
 */
export async function pollOnce(ctx: Context, store: Store, opts: PollOptions): Promise<PlatformResult[]> {
  const registry = opts.adapters ?? adapters();
  const deps = await pipelineDeps(ctx, store);
  // The accounts' platform ids other workers learned (from bios, from posts) since this one started:
  // without them it would read an organisation's reply as a citizen's.
  if (opts.worker)
    for (const a of await activeAccounts(store.db))
      if (a.platform_user_id) deps.index.learnUserId(a.platform, a.handle, a.platform_user_id);
  const results: PlatformResult[] = [];
  for (const platform of PLATFORMS) {
    if (opts.platform && opts.platform !== platform) continue;
    results.push(await pollPlatform(ctx, store, registry[platform], deps, opts));
  }
  await expirePending(
    store.db,
    ctx.clock.now(),
    ctx.settings.config.method.answer_window_days,
    ctx.settings.config.timezone,
  );
  return results;
}

async function pollPlatform(
  ctx: Context,
  store: Store,
  adapter: PlatformAdapter,
  deps: Awaited<ReturnType<typeof pipelineDeps>>,
  opts: PollOptions,
): Promise<PlatformResult> {
  const log = subsystem(ctx.logger, adapter.platform);
  const now = ctx.clock.now();
  const empty: RunCounts = { requestsMade: 0, postsRead: 0, usersRead: 0, postsStored: 0, errors: 0, lastError: null };
  const result: PlatformResult = { platform: adapter.platform, status: 'ok', accounts: 0, requestsFound: 0, ...empty };
  const why = adapter.unavailable(ctx.settings);
  if (why) {
    log.debug({ reason: why }, 'platform skipped');
    return { ...result, status: 'skipped', note: why };
  }
  if (opts.worker) {
    // Another worker was told to wait: nobody asks again before then (the limit is per token).
    const wait = await platformWait(store.db, adapter.platform, now);
    if (wait)
      return { ...result, status: 'rate-limited', note: `${wait.reason} (until ${wait.until}, told ${wait.worker})` };
  }
  for (let round = 0; ; round++) {
    const due = await nextDue(ctx, store, adapter.platform, opts);
    if (!due.length) {
      if (round === 0) return { ...result, note: 'no accounts due' };
      break;
    }
    // Each round is a poll run of its own (poll_runs: the monthly budget adds them up).
    const part: PlatformResult = { ...result, ...empty, accounts: due.length, requestsFound: 0 };
    const started = Date.now();
    const stop = await pollDue(ctx, store, adapter, deps, opts, due, part, log);
    log.info(
      {
        accounts: part.accounts,
        requests: part.requestsMade,
        posts_read: part.postsRead,
        posts_stored: part.postsStored,
        requests_found: part.requestsFound,
        duration_ms: Date.now() - started,
      },
      'poll done',
    );
    addRound(result, part);
    if (opts.worker) (result.claimed ??= []).push(...due.map((a) => a.id));
    // One daemon polls every due account at once; a worker claims again until none is left.
    if (stop || !opts.worker) break;
  }
  return result;
}

/** Polls these accounts into `result`; true when the platform must not be asked again this cycle. */
async function pollDue(
  ctx: Context,
  store: Store,
  adapter: PlatformAdapter,
  deps: Awaited<ReturnType<typeof pipelineDeps>>,
  opts: PollOptions,
  due: DueAccount[],
  result: PlatformResult,
  log: Logger,
): Promise<boolean> {
  const now = ctx.clock.now();
  const budget = adapter.platform === 'x' ? ctx.settings.config.platforms.x.monthly_post_budget : Infinity;
  const used = adapter.platform === 'x' ? await postsReadThisMonth(store.db, 'x', now) : 0;
  if (used >= budget) {
    log.warn({ used, budget }, 'monthly post budget spent: polling stopped until next month');
    Object.assign(result, { status: 'budget', note: `monthly post budget spent (${used}/${budget})` });
    return true;
  }
  const cursors = await loadCursors(store, adapter.platform);
  const accounts: AccountState[] = due.map((a) => ({
    id: a.id,
    orgId: a.org_id,
    handle: a.handle,
    platformUserId: a.platform_user_id,
  }));
  const input: PollInput = {
    settings: ctx.settings,
    accounts,
    cursor: (s, st) => cursors.get(`${s}|${st}`),
    now,
    postsAllowed: budget - used,
    log,
  };
  const runId = await startRun(store.db, adapter.platform, opts.trigger, now);
  const ids = accounts.map((a) => a.id);
  const failedIds = new Set<number>();
  let stop = false;
  try {
    // Bios first on a new day: they also teach the index the accounts' platform ids (org posts by id).
    await refreshBiosIfDue(ctx, store, adapter, input, cursors, result, deps, Boolean(opts.worker));
    for await (const chunk of adapter.poll(input)) {
      result.requestsMade += chunk.requests;
      result.postsRead += chunk.postsRead;
      result.usersRead += chunk.usersRead;
      if (chunk.failed) {
        // One account's failure is recorded on that account alone; the others are polled on.
        await failAccount(ctx, store, chunk.failed.accountId, chunk.failed.failure, result, log);
        failedIds.add(chunk.failed.accountId);
        continue;
      }
      const r = await ingest(deps, {
        posts: chunk.posts,
        cursors: chunk.cursors,
        provenance: {
          source: chunk.source,
          fetchedAt: ctx.clock.now().toISOString(),
          adapterVersion: chunk.adapterVersion,
        },
      });
      result.postsStored += r.postsNew + r.referencedNew; // referenced posts were read and stored too
      result.requestsFound += r.requestsNew;
    }
    // Slow down past 80% of the budget: poll every 30 minutes instead of every tick.
    const slow = used + result.postsRead > 0.8 * budget;
    if (slow)
      log.warn({ used: used + result.postsRead, budget }, 'over 80% of the monthly post budget: polling slowed down');
    await markSuccess(
      store.db,
      ids.filter((id) => !failedIds.has(id)),
      ctx.clock.now(),
      new Date(ctx.clock.now().getTime() + (slow ? 30 * MINUTE_MS : 0)),
    );
  } catch (err) {
    const failure =
      err instanceof PlatformError
        ? err.failure
        : { kind: 'transient' as const, detail: err instanceof Error ? err.message : String(err) };
    result.errors++;
    const detail = redactSecrets(failure.detail);
    result.lastError = detail;
    // A reset time far ahead (x-rate-limit-reset: 9999999999 is the year 2286) would freeze the
    // accounts: never wait more than a day.
    const latest = ctx.clock.now().getTime() + MAX_RETRY_MS;
    const wanted =
      failure.kind === 'rate-limited'
        ? // A wait the platform gives relative to now counts on the poller's clock (it may be simulated).
          failure.waitMs !== undefined
          ? new Date(ctx.clock.now().getTime() + failure.waitMs)
          : failure.retryAt
        : backoff(ctx.clock.now(), (await maxErrorCount(store.db, ids)) + 1);
    const retryAt = Number.isFinite(wanted.getTime()) && wanted.getTime() <= latest ? wanted : new Date(latest);
    result.status = failure.kind === 'rate-limited' ? 'rate-limited' : 'failed';
    result.note = detail;
    await markFailure(store.db, ids, ctx.clock.now(), detail, retryAt, failure.kind !== 'rate-limited');
    if (failure.kind === 'rate-limited') {
      stop = true;
      if (opts.worker) await setPlatformWait(store.db, adapter.platform, retryAt, detail, opts.worker.name);
    }
    log.warn({ kind: failure.kind, detail, retry_at: retryAt.toISOString() }, 'poll failed; will retry');
  } finally {
    await finishRun(store.db, runId, result, ctx.clock.now());
  }
  return stop;
}

async function loadCursors(store: Store, platform: Platform): Promise<Map<string, CursorState>> {
  const rows = await cursorsOf(store.db, platform);
  return new Map(rows.map((r) => [`${r.scope}|${r.stream}`, { value: r.value, updatedAt: r.updated_at }]));
}

/** Exponential backoff with jitter after the n-th error in a row: 2, 4, 8 ... minutes (capped at 6 hours), plus up to 20%. */
export function backoff(now: Date, errors: number): Date {
  const ms = Math.min(BACKOFF_BASE_MS * 2 ** errors, 6 * HOUR_MS);
  return new Date(now.getTime() + ms * (1 + Math.random() * 0.2));
}
