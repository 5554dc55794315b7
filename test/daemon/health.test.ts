import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollHealth } from '../../src/jobs/health.js';
import type { PlatformResult } from '../../src/poller/poll.js';
import type { Store } from '../../src/storage/db.js';
import { migratedStore } from '../helpers/store.js';

// /healthz: some platform succeeded within 3 poll intervals. A worker of several (#17) whose share
// of a cycle was empty (the others claimed every due account) did its part: it stays healthy.
const T0 = new Date('2026-11-30T10:00:00Z');
const MIN = 60_000;
let store: Store;
beforeAll(async () => {
  store = await migratedStore();
});
afterAll(() => store.close());

const empty: PlatformResult = {
  platform: 'mastodon',
  status: 'ok',
  note: 'no accounts due',
  accounts: 0,
  requestsFound: 0,
  requestsMade: 0,
  postsRead: 0,
  usersRead: 0,
  postsStored: 0,
  errors: 0,
  lastError: null,
};

describe('PollHealth', () => {
  it('a worker with an empty share stays healthy; a single daemon with nothing due for long does not', async () => {
    const later = new Date(T0.getTime() + 30 * MIN);
    const worker = new PollHealth(T0);
    const daemon = new PollHealth(T0);
    for (let m = 5; m <= 30; m += 5) {
      worker.record(empty, new Date(T0.getTime() + m * MIN), true);
      daemon.record(empty, new Date(T0.getTime() + m * MIN), false);
    }
    const w = await worker.answer(store, later, 5 * MIN, 'w1');
    expect(w).toMatchObject({ httpStatus: 200, body: { status: 'ok', worker: 'w1' } });
    expect((w.body.last_successful_poll as Record<string, string | null>).mastodon).toBe(later.toISOString());
    const d = await daemon.answer(store, later, 5 * MIN);
    expect(d).toMatchObject({ httpStatus: 503, body: { status: 'degraded', database: 'ok' } });
    expect(d.body).not.toHaveProperty('worker');
  });

  it('says it is starting before the database is open, and keeps the last error', async () => {
    const h = new PollHealth(T0);
    expect(await h.answer(undefined, T0, 5 * MIN)).toMatchObject({ httpStatus: 503, body: { status: 'starting' } });
    h.record({ ...empty, status: 'failed', lastError: '502 Bad Gateway' }, T0, false);
    const a = await h.answer(store, new Date(T0.getTime() + MIN), 5 * MIN);
    expect(a.httpStatus).toBe(200); // young: within 3 intervals of the start
    expect((a.body.last_error as Record<string, string | null>).mastodon).toBe('502 Bad Gateway');
  });
});
