import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, pollIntervalMs } from '../../src/jobs/daemon.js';
import type { FetchChunk, PlatformAdapter } from '../../src/platforms/adapter.js';
import { PlatformError } from '../../src/platforms/errors.js';
import { adapters } from '../../src/platforms/registry.js';
import { keptWeekSets } from '../../src/storage/request-weeks.js';
import { testContext } from '../helpers/context.js';
import { insertRows } from '../helpers/requests.js';

const START = '2026-11-02T12:00:00.000Z';
const MIN = 60_000;

/** A fake Mastodon adapter: its behaviour per call is scripted by the test. */
function scripted(steps: ('ok' | 'fail' | 'throw-raw')[]): PlatformAdapter & { calls: number } {
  const a = {
    platform: 'mastodon' as const,
    calls: 0,
    unavailable: () => null,
    async *poll(): AsyncGenerator<FetchChunk> {
      const step = steps[a.calls++] ?? 'ok';
      if (step === 'fail') throw new PlatformError({ kind: 'transient', detail: '502 Bad Gateway' });
      if (step === 'throw-raw') throw new TypeError('fetch failed');
      yield {
        posts: [],
        cursors: [],
        requests: 1,
        postsRead: 0,
        usersRead: 0,
        source: 'fake',
        adapterVersion: 'fake-1',
      };
    },
    fetchBios: async () => ({ bios: [], requests: 0, usersRead: 0 }),
  };
  return a;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function daemonWith(adapter: PlatformAdapter) {
  const t = testContext(
    'registry: []\norganisations:\n  - { id: zwolle, name: Zwolle, accounts: { mastodon: zwolle@social.overheid.nl } }\nhttp:\n  port: 0\n',
    START,
  );
  const store = await t.ctx.store();
  const d = new Daemon(t.ctx, store, {}, adapters({ mastodon: adapter }));
  await d.start();
  cleanup.push(async () => {
    await d.stop(100);
    await t.close();
  });
  return { d, ...t, store };
}

describe('daemon with an injected clock', () => {
  it('derives the poll interval from the cron expression', () => {
    expect(pollIntervalMs('*/5 * * * *')).toBe(5 * MIN);
    expect(pollIntervalMs('0 * * * *')).toBe(60 * MIN);
  });

  it('is healthy after a successful poll, and 503 when no platform succeeded within 3 poll intervals', async () => {
    const { d, clock } = await daemonWith(scripted(['ok', 'fail', 'fail', 'fail', 'fail']));
    await d.poll('test');
    expect((await d.health()).httpStatus).toBe(200);
    for (let i = 0; i < 4; i++) {
      clock.advance(6 * MIN);
      await d.poll('test');
    }
    const h = await d.health();
    expect(h.httpStatus).toBe(503);
    expect(h.body).toMatchObject({ status: 'degraded', last_error: { mastodon: '502 Bad Gateway' } });
  });

  it('failures become schedule state; a platform that throws never stops the tick', async () => {
    const { d, clock, store } = await daemonWith(scripted(['throw-raw', 'ok']));
    const [, , masto] = await d.poll('test');
    expect(masto).toMatchObject({ platform: 'mastodon', status: 'failed', lastError: 'fetch failed' });
    const acc = await store.db.selectFrom('accounts').select(['error_count', 'retry_at']).executeTakeFirstOrThrow();
    expect(acc.error_count).toBe(1);
    clock.advance(10 * MIN);
    const [, , again] = await d.poll('test');
    expect(again).toMatchObject({ status: 'ok' });
    expect((await store.db.selectFrom('accounts').select('error_count').executeTakeFirstOrThrow()).error_count).toBe(0);
  });

  it('an account over the error limit leaves the rotation until reset-errors', async () => {
    const { d, clock, store } = await daemonWith(scripted(Array(12).fill('fail')));
    for (let i = 0; i < 10; i++) {
      await d.poll('test');
      clock.advance(8 * 3_600_000); // past the longest backoff (6 h + 20% jitter)
    }
    const [, , masto] = await d.poll('test');
    expect(masto).toMatchObject({ accounts: 0 });
    const { resetErrors } = await import('../../src/storage/accounts.js');
    expect(await resetErrors(store.db, 'zwolle')).toBe(1);
    const [, , back] = await d.poll('test');
    expect(back!.accounts).toBe(1);
  });

  it('keeps the parts of the recent weeks after a tick (jobs/part-refresh.ts)', async () => {
    const { d, store, ctx } = await daemonWith(scripted(['ok']));
    const at = (days: number) => Date.parse(START) - days * 24 * 60 * MIN;
    await insertRows(
      store,
      ctx.settings,
      [3, 9, 16].map((days) => ({ org: 'zwolle', platform: 'mastodon' as const, at: at(days) })),
      1,
    );
    expect(keptWeekSets(store.db)).toEqual([]);
    await d.poll('test');
    const parts = keptWeekSets(store.db).filter((w) => w.cutMs === Date.parse(START));
    expect(parts.length).toBeGreaterThanOrEqual(3);
  });

  it('the metrics count polls, requests and errors', async () => {
    const { d } = await daemonWith(scripted(['ok', 'fail']));
    await d.poll('test');
    await d.poll('test');
    const text = await d.metrics.registry.metrics();
    expect(text).toContain('webcare_polls_total{platform="mastodon",status="ok"} 1');
    expect(text).toContain('webcare_api_requests_total{platform="mastodon"} 1');
  });
});
