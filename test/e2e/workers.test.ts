import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS, PLATFORMS } from '../../src/model/index.js';
import { pollOnce } from '../../src/poller/poll.js';
import { demoConfig } from '../../src/sim/demo.js';
import { generateWorld } from '../../src/sim/world.js';
import { dueAccounts } from '../../src/storage/accounts.js';
import { openPgStore } from '../../src/storage/pg.js';
import type { Store } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';
import { largestGemeenten } from '../helpers/gemeenten.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { simulatedContext } from '../helpers/sim-context.js';
import { ROOT } from '../helpers/spawn.js';

// #17: three `webcare run` workers (processes) share the polling of one PostgreSQL database, on the
// simulator's 342 gemeenten and their accounts on four platforms, hour by hour for a simulated day.
// One is killed with SIGKILL in the middle of a cycle. No account may be polled twice in a cycle or
// missed; the killed worker's accounts are taken over at the next cycle (its lease has passed);
// and the database ends with the posts and requests a single worker stores from the same world.
const fresh = await freshPgDatabase();
if ('skip' in fresh) console.warn(`workers.test.ts: ${fresh.skip}`);
const ORGS = 342;
const SEED = 5;
const START = '2026-11-02T06:00:00.000Z';
const TICKS = 25; // every hour of the day, and the hour after it
const KILL_AT = 9; // the tick in whose middle worker b dies
const tmp = tempDir();
const config = tmp.file('webcare.yaml', '');
type Reply = { at: string; claimed: number[]; failed: string[] };
const workers = new Map<string, { child: ChildProcess; replies: Reply[]; alive: boolean }>();
const ticks: { at: string; due: Set<number>; claims: Map<string, number[]> }[] = [];
let pg: Store;
let reference: Store;
let killedClaims: number[] = [];
const at = (i: number) => new Date(Date.parse(START) + i * HOUR_MS).toISOString();

function startWorker(name: string, url: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/worker-child.ts', config, url, name, String(ORGS), String(SEED), START, '1'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const w = { child, replies: [] as Reply[], alive: true };
  workers.set(name, w);
  child.on('exit', () => (w.alive = false));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: Reply | { ready: string }) => ('ready' in m ? resolve() : w.replies.push(m)));
  });
}

/** Sends tick `i` to the live workers and waits for their answers (kills b in the middle of KILL_AT). */
async function tick(i: number): Promise<void> {
  const t = at(i);
  const due = new Set<number>();
  for (const p of PLATFORMS) for (const a of await dueAccounts(pg.db, p, new Date(t))) due.add(a.id);
  const live = [...workers].filter(([, w]) => w.alive);
  for (const [, w] of live) w.child.send({ at: t });
  if (i === KILL_AT) {
    // As soon as b holds a claim: it dies with its accounts claimed, maybe halfway through storing them.
    for (;;) {
      const held = await pg.db
        .selectFrom('accounts')
        .select('id')
        .where('lease_owner', '=', 'b')
        .where('lease_until', '>', t)
        .execute();
      if (held.length) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 150));
    workers.get('b')!.child.kill('SIGKILL');
    await new Promise((r) => workers.get('b')!.child.once('exit', r));
  }
  const claims = new Map<string, number[]>();
  for (const [name, w] of live) {
    if (!w.alive) continue;
    while (!w.replies.some((r) => r.at === t)) await new Promise((r) => setTimeout(r, 10));
    const reply = w.replies.find((r) => r.at === t)!;
    expect(reply.failed, `${name} at ${t}`).toEqual([]);
    claims.set(name, reply.claimed);
  }
  if (i === KILL_AT) {
    const rows = await pg.db
      .selectFrom('accounts')
      .select('id')
      .where('lease_owner', '=', 'b')
      .where('lease_until', '>', t)
      .execute();
    killedClaims = rows.map((r) => r.id);
    claims.set('b (killed)', killedClaims);
  }
  ticks.push({ at: t, due, claims });
}

/** The same world polled by one process into its own database (the reference). */
async function singleWorker(url: string): Promise<Store> {
  const { clock, sim, ctx } = simulatedContext({ orgs: ORGS, seed: SEED, start: START, days: 1, config, db: url });
  try {
    const store = await ctx.store();
    for (let i = 0; i < TICKS; i++) {
      clock.t = new Date(at(i));
      await pollOnce(ctx, store, { trigger: 'cron' });
    }
    return store;
  } finally {
    sim.close();
  }
}

beforeAll(async () => {
  if (!('url' in fresh)) return;
  const orgs = largestGemeenten(ORGS);
  writeFileSync(
    config,
    demoConfig(generateWorld(orgs, { seed: SEED, start: Date.parse(START), days: 1 }), orgs, 7, SEED),
  );
  expect((await cli(['migrate', '--db', fresh.url])).code).toBe(0);
  pg = await openPgStore(fresh.url);
  await Promise.all(['a', 'b', 'c'].map((n) => startWorker(n, fresh.url)));
  for (let i = 0; i < TICKS; i++) await tick(i);
  reference = await singleWorker(`${tmp.dir}/single.db`);
}, 300_000);
afterAll(async () => {
  for (const [, w] of workers) if (w.alive) w.child.kill('SIGKILL');
  await pg?.close();
  await reference?.close();
  if ('drop' in fresh) await fresh.drop();
  tmp.cleanup();
});

describe.skipIf('skip' in fresh)('three workers on one PostgreSQL database', () => {
  it('poll every due account exactly once in every cycle, the killed one included', () => {
    expect(ticks).toHaveLength(TICKS);
    for (const t of ticks) {
      const all = [...t.claims.values()].flat();
      expect(new Set(all).size, `${t.at}: an account polled twice`).toBe(all.length);
      expect(new Set(all), `${t.at}: accounts missed`).toEqual(t.due);
    }
    // Thousands of accounts on four platforms, every one due every hour, shared by the workers.
    expect(ticks[0]!.due.size).toBeGreaterThan(500);
    for (const t of ticks.slice(0, KILL_AT))
      for (const n of ['a', 'b', 'c']) expect(t.claims.get(n)!.length).toBeGreaterThan(0);
  });

  it("takes over the killed worker's accounts at the next cycle", () => {
    expect(killedClaims.length).toBeGreaterThan(0);
    const next = ticks[KILL_AT + 1]!;
    expect([...next.claims.keys()].sort()).toEqual(['a', 'c']);
    const taken = new Set([...next.claims.values()].flat());
    for (const id of killedClaims) expect(taken.has(id), `account ${id}`).toBe(true);
  });

  it('stores the posts and requests a single worker stores, none twice or lost', async () => {
    const posts = (s: Store) =>
      s.db
        .selectFrom('posts')
        .select([
          'platform',
          'id',
          'author_id',
          'org_id',
          'kind',
          'text',
          'created_at',
          'reply_to_id',
          'thread_root_id',
          'referenced_only',
        ])
        .orderBy('platform')
        .orderBy('id')
        .execute();
    const requests = (s: Store) =>
      s.db
        .selectFrom('requests')
        .select([
          'platform',
          'post_id',
          'org_id',
          'kind',
          'outcome',
          'response_post_id',
          'response_kind',
          'answer_post_id',
          'created_at',
          'response_at',
        ])
        .orderBy('platform')
        .orderBy('post_id')
        .orderBy('org_id')
        .execute();
    const want = await requests(reference);
    expect(want.length).toBeGreaterThan(100);
    expect(await requests(pg)).toEqual(want);
    expect(await posts(pg)).toEqual(await posts(reference));
    // Sorted here: SQLite orders handles without case (collate nocase), PostgreSQL byte by byte.
    const bios = async (s: Store) =>
      (
        await s.db
          .selectFrom('bios')
          .innerJoin('accounts', 'accounts.id', 'bios.account_id')
          .select(['accounts.platform', 'accounts.handle', 'bios.text'])
          .execute()
      )
        .map((b) => `${b.platform} ${b.handle}: ${b.text}`)
        .sort();
    // Every bio the single worker read; workers read each account's own bio once a day, so an
    // account that failed when the single worker read them all may have one more.
    const gotBios = new Set(await bios(pg));
    const wantBios = await bios(reference);
    expect(wantBios.length).toBeGreaterThan(300);
    expect(wantBios.filter((b) => !gotBios.has(b))).toEqual([]);
    expect(gotBios.size - wantBios.length).toBeLessThanOrEqual(5);
  });
});
