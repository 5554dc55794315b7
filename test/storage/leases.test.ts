import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/storage/db.js';
import { markFailure } from '../../src/storage/accounts.js';
import {
  claimableCount,
  claimAccounts,
  claimJob,
  liveWorkers,
  platformWait,
  setPlatformWait,
  workerSeen,
} from '../../src/storage/leases.js';
import { openPgStore } from '../../src/storage/pg.js';
import { syncOrganisations } from '../../src/storage/organisations.js';
import { isPostgresUrl } from '../../src/model/index.js';
import { DIALECTS } from '../helpers/dialects.js';

// #17: several workers on one database claim a poll cycle's accounts, a job's firing and the
// platforms' rate-limit waits through the database alone (migration 0014, storage/leases.ts).
const orgs: Organisation[] = Array.from({ length: 30 }, (_, i) => ({
  id: `g${String(i).padStart(2, '0')}`,
  name: `Gemeente ${i}`,
  accounts: { x: [`gemeente${i}`], mastodon: [`gemeente${i}@social.example`] },
}));
const T0 = new Date('2026-11-30T10:00:00Z');
const MIN = 60_000;

describe.each(DIALECTS)('leases on $name', (dialect) => {
  let stores: Store[] = [];
  let done: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await dialect.fresh();
    done = fresh.done;
    await syncOrganisations(fresh.store.db, orgs, '2026-11-30T09:00:00.000Z');
    // Three workers: three connections (pools) of their own.
    const open = (path: string) => (isPostgresUrl(path) ? openPgStore(path) : Promise.resolve(openStore(path)));
    stores = [fresh.store, await open(fresh.store.path), await open(fresh.store.path)];
  });
  afterEach(async () => {
    for (const s of stores.slice(1)) await s.close();
    await done();
  });

  it('three workers claiming at once share the due accounts: each one once, none left out', async () => {
    const claims = await Promise.all(
      stores.map((s, i) => claimAccounts(s.db, 'x', { worker: `w${i}`, now: T0, leaseMs: 4 * MIN, limit: 10 })),
    );
    const ids = claims.flat().map((a) => a.id);
    expect(claims.map((c) => c.length)).toEqual([10, 10, 10]);
    expect(new Set(ids).size).toBe(30);
    expect(await claimableCount(stores[0]!.db, 'x', T0)).toBe(0);
    // The other platform is untouched.
    expect(await claimableCount(stores[0]!.db, 'mastodon', T0)).toBe(30);
    // Nothing again within the lease; everything again after it (a dead worker's accounts too).
    expect(
      await claimAccounts(stores[1]!.db, 'x', {
        worker: 'w1',
        now: new Date(T0.getTime() + 3 * MIN),
        leaseMs: 4 * MIN,
        limit: 99,
      }),
    ).toEqual([]);
    const later = await claimAccounts(stores[1]!.db, 'x', {
      worker: 'w1',
      now: new Date(T0.getTime() + 4 * MIN),
      leaseMs: 4 * MIN,
      limit: 99,
    });
    expect(later.map((a) => a.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('leaves out accounts waiting after a failure, as the single daemon does', async () => {
    const [first] = await claimAccounts(stores[0]!.db, 'x', { worker: 'w0', now: T0, leaseMs: MIN, limit: 1 });
    await markFailure(stores[0]!.db, [first!.id], T0, 'boom', new Date(T0.getTime() + 30 * MIN), true);
    const after = new Date(T0.getTime() + 2 * MIN);
    expect(await claimableCount(stores[0]!.db, 'x', after)).toBe(29);
    const all = await claimAccounts(stores[0]!.db, 'x', { worker: 'w0', now: after, leaseMs: MIN, limit: 99 });
    expect(all.map((a) => a.id)).not.toContain(first!.id);
  });

  it('one firing of a job runs on one worker only', async () => {
    const slot = '2026-11-30T03:00:00.000Z';
    const won = await Promise.all(stores.map((s, i) => claimJob(s.db, 'upkeep', slot, `w${i}`, T0)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(stores[0]!.db, 'upkeep', '2026-12-01T03:00:00.000Z', 'w0', T0)).toBe(true);
  });

  it('a rate-limit wait told to one worker holds for all, the later one winning', async () => {
    await setPlatformWait(stores[0]!.db, 'x', new Date(T0.getTime() + 15 * MIN), '429 from X', 'w0');
    await setPlatformWait(stores[1]!.db, 'x', new Date(T0.getTime() + 5 * MIN), '429 again', 'w1');
    expect(await platformWait(stores[2]!.db, 'x', T0)).toEqual({
      until: new Date(T0.getTime() + 15 * MIN).toISOString(),
      reason: '429 from X',
      worker: 'w0',
    });
    expect(await platformWait(stores[2]!.db, 'x', new Date(T0.getTime() + 15 * MIN))).toBeUndefined();
    expect(await platformWait(stores[2]!.db, 'mastodon', T0)).toBeUndefined();
  });

  it('counts the workers seen lately and not stopped', async () => {
    const w = (name: string) => ({ name, host: 'h', pid: 1, startedAt: T0 });
    await workerSeen(stores[0]!.db, w('a'), T0);
    await workerSeen(stores[1]!.db, w('b'), new Date(T0.getTime() + 10 * MIN));
    await workerSeen(stores[2]!.db, w('c'), new Date(T0.getTime() + 10 * MIN));
    await workerSeen(stores[2]!.db, w('c'), new Date(T0.getTime() + 11 * MIN), true);
    expect(await liveWorkers(stores[0]!.db, new Date(T0.getTime() + 5 * MIN))).toEqual(['b']);
  });
});
