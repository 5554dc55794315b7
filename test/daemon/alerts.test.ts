import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon } from '../../src/jobs/daemon.js';
import type { Post } from '../../src/model/index.js';
import type { FetchChunk, PlatformAdapter } from '../../src/platforms/adapter.js';
import type { NormalizedPost } from '../../src/platforms/normalized.js';
import { adapters } from '../../src/platforms/registry.js';
import { ingest } from '../../src/poller/pipeline.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { alertDeliveries, summaryState } from '../../src/storage/alerts.js';
import { tempDir } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { exited, spawnWebcare, waitForLog } from '../helpers/spawn.js';

// Issue #15 item 5: the daemon's alerts against a real HTTP receiver on loopback (node:http, port 0;
// no msw in these tests, so nothing intercepts it), with real SQLite, the real migrations and the real
// ingest pipeline computing each request's norm. The clock is the test's.
//
// Week 45 of 2026, office hours Mon-Fri 08:30-17:00 Amsterdam (UTC+1), norm 2 working days (17 h):
// a question on Mon 2 Nov 09:12 passes the norm on Wed 4 Nov 09:12; one on Tue 3 Nov 14:00 on Thu 5 Nov 14:00.
const WED_NOON = '2026-11-04T11:00:00.000Z'; // Wed 12:00 local
const MON_0912 = '2026-11-02T08:12:00.000Z';
const TUE_1400 = '2026-11-03T13:00:00.000Z';
const THU_1500 = '2026-11-05T14:00:00.000Z';
const H = 3_600_000;

const ORGS = `registry: []
organisations:
  - { id: zwolle, name: Zwolle, official_name: Gemeente Zwolle, accounts: { x: gemeentezwolle } }
  - { id: utrecht, name: Utrecht, accounts: { x: gemeenteutrecht } }
  - { id: ede, name: Ede, accounts: { x: gemeente_ede } }
http:
  port: 0
`;
const ORG_USER: Record<string, string> = { gemeentezwolle: '300', gemeenteutrecht: '100', gemeente_ede: '400' };

// ---------------------------------------------------------------- a webhook receiver on loopback

type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';
interface Received {
  body: unknown;
  headers: IncomingHttpHeaders;
  path: string;
  at: number;
}
interface Receiver {
  url: string;
  got: Received[];
  /** Replies to the next requests, in order; then 200 "ok". */
  script: Reply[];
  /** Resolves once `n` requests arrived. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const got: Received[] = [];
  const script: Reply[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      got.push({ body: JSON.parse(text), headers: req.headers, path: req.url ?? '', at: Date.now() });
      for (const w of waiters.filter((x) => got.length >= x.n)) w.resolve();
      const reply = script.shift() ?? { status: 200, body: 'ok' };
      if (reply === 'hang') return void hanging.push(res);
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers }).end(reply.body ?? '');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/T0001/B0001/s3cr3tT0ken`,
    got,
    script,
    waitFor: (n) => (got.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

// ---------------------------------------------------------------- the daemon under test

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** An X adapter that finds nothing, quickly (the poll tick whose timing the alerts must not touch). */
const quietX: PlatformAdapter = {
  platform: 'x',
  unavailable: () => null,
  async *poll(): AsyncGenerator<FetchChunk> {
    yield { posts: [], cursors: [], requests: 1, postsRead: 0, usersRead: 0, source: 'fake', adapterVersion: 'fake-1' };
  },
  fetchBios: async () => ({ bios: [], requests: 0, usersRead: 0 }),
};

async function daemon(alertsYaml: string, opts: { timeout?: number; retryDelaysMs?: number[] } = {}) {
  const rx = await receiver();
  cleanup.push(() => rx.close());
  const t = testContext(`${ORGS}${alertsYaml.replaceAll('RECEIVER', rx.url)}`, WED_NOON);
  const store = await t.ctx.store();
  const waits: number[] = [];
  const d = new Daemon(t.ctx, store, {}, adapters({ x: quietX }), {
    alerts: {
      // The backoff's waits are recorded and skipped (their lengths are what is tested).
      sleep: (ms, signal) => {
        waits.push(ms);
        return signal?.aborted ? Promise.reject(new Error('stopped')) : Promise.resolve();
      },
      paceMs: 0,
      ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    },
  });
  await d.start();
  cleanup.push(async () => {
    await d.stop(100);
    await t.close();
  });
  return { d, rx, waits, store, clock: t.clock, ctx: t.ctx };
}

// The tests run the checks themselves: the schedules are set to once a year, so a real cron tick never
// runs a check beside the test's own (unless a test sets them).
const YEARLY = '  check: "0 0 1 1 *"\n  daily_summary: "0 0 1 1 *"\n';
const WEBHOOK = (extra = '') => `alerts:
  webhooks:
    - { name: kcc, url: "RECEIVER", format: generic }
  watch: [zwolle, utrecht]
  timeout_seconds: 0.5
${extra || YEARLY}`;

let seq = 0;
/** A citizen's question (or report) to `handle` at `at`, optionally answered `answerAfterH` hours later. */
function thread(handle: string, at: string, opts: { answerAfterH?: number; text?: string } = {}): NormalizedPost[] {
  const id = String(1_860_000_000_000_000_000n + BigInt(seq++));
  const q: Post = {
    platform: 'x',
    id,
    authorId: `9${seq}`,
    authorHandle: 'burger_jan',
    createdAt: at,
    text: `@${handle} ${opts.text ?? 'Wanneer wordt het grofvuil opgehaald?'}`,
    kind: 'post',
    mentions: [handle],
    threadRootId: id,
    url: `https://x.com/burger_jan/status/${id}`,
  };
  const out: NormalizedPost[] = [{ post: q, raw: { fixture: true } }];
  if (opts.answerAfterH !== undefined) {
    const a: Post = {
      platform: 'x',
      id: String(1_860_000_000_000_000_000n + BigInt(seq++)),
      authorId: ORG_USER[handle]!,
      authorHandle: handle,
      createdAt: new Date(Date.parse(at) + opts.answerAfterH * H).toISOString(),
      text: 'Op dinsdag, vanaf 7.30 uur.',
      kind: 'reply',
      mentions: [],
      replyToId: q.id,
      replyToUserId: q.authorId,
      threadRootId: q.id,
    };
    out.push({ post: a, raw: { fixture: true } });
  }
  return out;
}

async function seed(
  ctx: Parameters<typeof pipelineDeps>[0],
  store: Parameters<typeof pipelineDeps>[1],
  posts: NormalizedPost[],
) {
  const deps = await pipelineDeps(ctx, store);
  await ingest(deps, { posts, provenance: { source: 'test', fetchedAt: WED_NOON, adapterVersion: 'test-1' } });
}

const idOf = (posts: NormalizedPost[]) => posts[0]!.post.id;
const bodies = (rx: Receiver) => rx.got.map((g) => g.body as { text: string; request?: { url: string } });

describe('alerts: requests past the norm without a response', () => {
  it('one alert per request across checks; none for answered, not yet due, old or unwatched requests', async () => {
    const { d, rx, store, clock, ctx } = await daemon(WEBHOOK());
    const waiting = thread('gemeentezwolle', MON_0912);
    const report = thread('gemeentezwolle', MON_0912, { text: 'De lantaarnpaal bij nr 230 is al twee weken kapot' });
    const answered = thread('gemeentezwolle', MON_0912, { answerAfterH: 1 });
    const notYet = thread('gemeenteutrecht', TUE_1400);
    const unwatched = thread('gemeente_ede', MON_0912);
    const old = thread('gemeentezwolle', '2026-10-19T08:12:00.000Z'); // norm passed on 21 Oct: before the lookback
    await seed(ctx, store, [...waiting, ...report, ...answered, ...notYet, ...unwatched, ...old]);

    const first = await d.alertCheck();
    expect(first).toEqual([{ webhook: 'kcc', sent: 2, failed: 0, deferred: 0, summariesRetried: 0 }]);
    expect(bodies(rx).map((b) => b.request?.url)).toEqual([
      `https://x.com/i/status/${idOf(waiting)}`,
      `https://x.com/i/status/${idOf(report)}`,
    ]);
    expect(rx.got[0]!.body).toEqual({
      text: `Vraag aan Gemeente Zwolle op X wacht sinds ma 2 nov 09:12 op een reactie (norm van 2 werkdagen verstreken). Bekijk het bericht: https://x.com/i/status/${idOf(waiting)}`,
      event: 'norm_passed',
      organisation: { id: 'zwolle', name: 'Gemeente Zwolle' },
      request: {
        platform: 'x',
        kind: 'question',
        url: `https://x.com/i/status/${idOf(waiting)}`,
        created_at: MON_0912,
        norm_passed_at: '2026-11-04T08:12:00.000Z',
      },
      norm_working_days: 2,
    });
    expect(bodies(rx)[1]!.text).toMatch(/^Melding aan Gemeente Zwolle op X wacht sinds ma 2 nov 09:12/);
    expect(rx.got[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    // Privacy (METHOD.md 7): nothing of the citizen but the link, which on X carries no handle.
    for (const g of rx.got) expect(JSON.stringify(g.body)).not.toMatch(/burger_jan|grofvuil|lantaarnpaal|"9\d+"/i);

    // The same instant again, and later that day: nothing new.
    expect(await d.alertCheck()).toEqual([{ webhook: 'kcc', sent: 0, failed: 0, deferred: 0, summariesRetried: 0 }]);
    clock.advance(4 * H);
    await d.alertCheck();
    expect(rx.got).toHaveLength(2);

    // Thursday 15:00: Utrecht's Tuesday question passed its norm at 14:00.
    clock.t = new Date(THU_1500);
    await d.alertCheck();
    expect(rx.got).toHaveLength(3);
    expect(bodies(rx)[2]!.text).toContain('Vraag aan Utrecht op X wacht sinds di 3 nov 14:00');
    const rows = await alertDeliveries(store.db, 'kcc');
    expect(rows.map((r) => [r.post_id, r.status, r.attempts])).toEqual([
      [idOf(waiting), 'sent', 1],
      [idOf(report), 'sent', 1],
      [idOf(notYet), 'sent', 1],
    ]);
    expect(JSON.stringify(rows)).not.toContain('s3cr3tT0ken'); // the database names the webhook, never its URL
  });

  it('a request answered before its alert went out gets none; max_per_check spreads a backlog over checks', async () => {
    const { d, rx, store, ctx } = await daemon(WEBHOOK(`  max_per_check: 2\n${YEARLY}`));
    const posts = [1, 2, 3, 4, 5].flatMap((i) =>
      thread('gemeentezwolle', new Date(Date.parse(MON_0912) + i * 60_000).toISOString()),
    );
    await seed(ctx, store, posts);
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 2 });
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 2 });
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 1 });
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 0 });
    expect(new Set(bodies(rx).map((b) => b.request!.url)).size).toBe(5);
  });

  it('a 500 is retried with backoff (1 s, 4 s, 16 s); a failure is recorded and sent on the next check', async () => {
    const { d, rx, waits, store, ctx } = await daemon(WEBHOOK());
    const a = thread('gemeentezwolle', MON_0912);
    const b = thread('gemeentezwolle', '2026-11-02T08:30:00.000Z');
    await seed(ctx, store, [...a, ...b]);

    rx.script.push({ status: 500, body: 'oops' }); // then 200
    const first = await d.alertCheck();
    expect(first![0]).toMatchObject({ sent: 2, failed: 0 });
    expect(waits).toEqual([1000]);
    expect(rx.got).toHaveLength(3); // a twice, then b

    const c = thread('gemeentezwolle', '2026-11-02T09:00:00.000Z');
    const e = thread('gemeentezwolle', '2026-11-02T09:30:00.000Z');
    await seed(ctx, store, [...c, ...e]);
    waits.length = 0;
    rx.script.push(...Array(4).fill({ status: 503, body: 'down' }));
    const second = await d.alertCheck();
    // Four tries of c, then the webhook rests for this check: e is not tried.
    expect(second![0]).toMatchObject({ sent: 0, failed: 1, deferred: 1 });
    expect(waits).toEqual([1000, 4000, 16000]);
    expect(rx.got).toHaveLength(7);
    const failed = (await alertDeliveries(store.db, 'kcc')).find((r) => r.post_id === idOf(c))!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, sent_at: null, last_error: 'HTTP 503: down' });

    const third = await d.alertCheck();
    expect(third![0]).toMatchObject({ sent: 2, failed: 0 });
    const rows = await alertDeliveries(store.db, 'kcc');
    expect(rows.find((r) => r.post_id === idOf(c))).toMatchObject({ status: 'sent', attempts: 5, last_error: null });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('a 4xx other than 408/429 is not retried at once, and its error never shows the URL', async () => {
    const { d, rx, waits, store, ctx } = await daemon(WEBHOOK());
    await seed(ctx, store, thread('gemeentezwolle', MON_0912));
    rx.script.push({ status: 404, body: `no such hook: ${rx.url} (/hooks/T0001/B0001/s3cr3tT0ken)` });
    expect((await d.alertCheck())![0]).toMatchObject({ failed: 1 });
    expect(waits).toEqual([]);
    const [row] = await alertDeliveries(store.db, 'kcc');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toMatch(/^HTTP 404: no such hook: http:\/\/127\.0\.0\.1:\d+\/<redacted>/);
    expect(row!.last_error).not.toContain('s3cr3tT0ken');
  });

  it('429 with Retry-After: a short one is waited for; a long one is kept as retry_at', async () => {
    const { d, rx, waits, store, clock, ctx } = await daemon(WEBHOOK());
    await seed(ctx, store, thread('gemeentezwolle', MON_0912));
    rx.script.push({ status: 429, headers: { 'retry-after': '3' }, body: 'rate limited' });
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 1 });
    expect(waits).toEqual([3000]); // Retry-After, not the backoff's 1 s

    await seed(ctx, store, thread('gemeentezwolle', '2026-11-02T09:00:00.000Z'));
    waits.length = 0;
    rx.script.push({ status: 429, headers: { 'retry-after': '120' }, body: 'slow down' });
    expect((await d.alertCheck())![0]).toMatchObject({ failed: 1 });
    expect(waits).toEqual([]); // longer than a check waits: not waited for
    const failed = (await alertDeliveries(store.db, 'kcc')).find((r) => r.status === 'failed')!;
    expect(failed.retry_at).toBe(new Date(Date.parse(WED_NOON) + 120_000).toISOString());
    clock.advance(60_000);
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 0, failed: 0 }); // still before retry_at
    expect(rx.got).toHaveLength(3);
    clock.advance(61_000);
    expect((await d.alertCheck())![0]).toMatchObject({ sent: 1 });
  });

  it('a receiver that hangs delays no poll tick; each try times out; stopping ends a post in flight', async () => {
    const { d, rx, store, ctx } = await daemon(WEBHOOK(), { retryDelaysMs: [50, 50] });
    await seed(ctx, store, thread('gemeentezwolle', MON_0912));
    rx.script.push('hang', 'hang', 'hang');
    // The check the schedule runs (node-cron's task `alerts`), not awaited: as the cron tick starts it.
    const task = [...cron.getTasks().values()].find((t) => t.name === 'alerts')!;
    let checkDone = false;
    const check = Promise.resolve(task.execute()).then(() => (checkDone = true));
    await rx.waitFor(1); // the alert is in flight, its receiver silent
    const t0 = Date.now();
    const results = await d.poll('test');
    expect(Date.now() - t0).toBeLessThan(1_000); // the check, meanwhile, waits out three timeouts of 500 ms
    expect(results.find((r) => r.platform === 'x')).toMatchObject({ status: 'ok' });
    expect(checkDone).toBe(false);
    await check;
    const [row] = await alertDeliveries(store.db, 'kcc');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'no answer within 0.5 s' });

    // A post in flight when the daemon stops is cut at once (and not recorded: tried again after the restart).
    rx.script.push('hang');
    const again = d.alertCheck();
    await rx.waitFor(5);
    const t1 = Date.now();
    await d.stop(5_000);
    expect(Date.now() - t1).toBeLessThan(1_000);
    await again;
    expect((await alertDeliveries(store.db, 'kcc'))[0]).toMatchObject({ attempts: 3 });
  });

  it('several webhooks: each gets each alert once, in its own format; a dead one does not hold up the other', async () => {
    const other = await receiver();
    cleanup.push(() => other.close());
    const yaml = `alerts:
  webhooks:
    - { name: kcc, url: "RECEIVER", format: slack }
    - { name: teams, url: "${other.url}", format: teams }
  timeout_seconds: 0.5
${YEARLY}`;
    const { d, rx, store, ctx } = await daemon(yaml, { retryDelaysMs: [] });
    await seed(ctx, store, [...thread('gemeentezwolle', MON_0912), ...thread('gemeente_ede', MON_0912)]);
    other.script.push('hang');
    const r = await d.alertCheck();
    expect(r).toEqual([
      { webhook: 'kcc', sent: 2, failed: 0, deferred: 0, summariesRetried: 0 },
      { webhook: 'teams', sent: 0, failed: 1, deferred: 1, summariesRetried: 0 },
    ]);
    expect(bodies(rx)[0]!.text).toMatch(
      /^Vraag aan \*Gemeente Zwolle\* op X .*<https:\/\/x\.com\/i\/status\/\d+\|Bekijk het bericht>$/,
    );
    expect(bodies(rx)[1]!.text).toMatch(/^Vraag aan \*Ede\* op X/); // no watch list: every organisation
    await d.alertCheck();
    expect(rx.got).toHaveLength(2);
    expect(other.got.map((g) => (g.body as Record<string, unknown>)['@type'])).toEqual([
      'MessageCard',
      'MessageCard',
      'MessageCard',
    ]);
  });
});

describe('alerts: the daily summary', () => {
  it('per watched organisation the requests waiting past the norm now; once per slot; a failure is retried by the checks', async () => {
    const { d, rx, store, clock, ctx } = await daemon(WEBHOOK());
    const a = thread('gemeentezwolle', MON_0912);
    const b = thread('gemeentezwolle', '2026-11-02T10:00:00.000Z');
    await seed(ctx, store, [
      ...a,
      ...b,
      ...thread('gemeentezwolle', MON_0912, { answerAfterH: 2 }),
      ...thread('gemeenteutrecht', TUE_1400), // not yet past its norm
      ...thread('gemeente_ede', MON_0912), // not watched
    ]);
    clock.t = new Date('2026-11-04T07:00:00.000Z'); // Wed 08:00 local: a and b are not yet past their norm
    rx.script.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    expect(await d.alertSummary()).toEqual({
      slot: '2026-11-04T08:00',
      waiting: 0,
      webhooks: [{ webhook: 'kcc', result: 'failed' }],
    });
    expect((await summaryState(store.db, '2026-11-04T08:00', 'kcc'))!.status).toBe('failed');

    clock.t = new Date(WED_NOON); // the next check: the alerts of a and b, then the summary again, with today's figures
    expect(await d.alertCheck()).toEqual([{ webhook: 'kcc', sent: 2, failed: 0, deferred: 0, summariesRetried: 1 }]);
    const summary = rx.got.at(-1)!.body as Record<string, unknown>;
    expect(summary).toMatchObject({
      event: 'daily_summary',
      waiting: 2,
      organisations: [
        {
          id: 'zwolle',
          name: 'Gemeente Zwolle',
          waiting: 2,
          oldest_created_at: MON_0912,
          urls: [`https://x.com/i/status/${idOf(a)}`, `https://x.com/i/status/${idOf(b)}`],
        },
        { id: 'utrecht', name: 'Utrecht', waiting: 0, oldest_created_at: null, urls: [] },
      ],
    });
    expect(summary.text).toBe(
      'Dagoverzicht webcare (wo 4 nov 12:00): 2 vragen en meldingen wachten na de norm van 2 werkdagen nog op een reactie.\n' +
        `• Gemeente Zwolle: 2, de oudste sinds ma 2 nov 09:12 (bekijk https://x.com/i/status/${idOf(a)}, https://x.com/i/status/${idOf(b)})\n` +
        '• Utrecht: 0',
    );
    expect(JSON.stringify(summary)).not.toMatch(/burger_jan|grofvuil/);
    expect((await summaryState(store.db, '2026-11-04T08:00', 'kcc'))!).toMatchObject({ status: 'sent', attempts: 5 });
    const n = rx.got.length;
    await d.alertCheck();
    expect(rx.got).toHaveLength(n); // sent: not again

    // The next morning's summary, then the same slot again (a second tick in that minute): sent once.
    clock.t = new Date('2026-11-05T07:00:00.000Z');
    expect((await d.alertSummary())!.webhooks).toEqual([{ webhook: 'kcc', result: 'sent' }]);
    expect((await d.alertSummary())!.webhooks).toEqual([{ webhook: 'kcc', result: 'already sent' }]);
    expect(rx.got).toHaveLength(n + 1);
  });

  it('the schedules: alerts.check and alerts.daily_summary become node-cron tasks; daily_summary: false has none', async () => {
    const before = new Set([...cron.getTasks().values()].map((t) => t.id));
    const { d } = await daemon(WEBHOOK('  check: "*/2 * * * *"\n  daily_summary: "30 7 * * 1-5"\n'));
    const mine = [...cron.getTasks().values()].filter((t) => !before.has(t.id));
    expect(Object.fromEntries(mine.map((t) => [t.name, t.getPattern()]))).toMatchObject({
      alerts: '*/2 * * * *',
      'alert-summary': '30 7 * * 1-5',
    });
    await d.stop(100);
    const before2 = new Set([...cron.getTasks().values()].map((t) => t.id));
    await daemon(WEBHOOK('  check: "0 0 1 1 *"\n  daily_summary: false\n'));
    const names = [...cron.getTasks().values()].filter((t) => !before2.has(t.id)).map((t) => t.name);
    expect(names).toContain('alerts');
    expect(names).not.toContain('alert-summary');
  });

  it('without alerts: no alert tasks, and the checks do nothing', async () => {
    const before = new Set([...cron.getTasks().values()].map((t) => t.id));
    const { d } = await daemon('');
    expect([...cron.getTasks().values()].filter((t) => !before.has(t.id)).map((t) => t.name)).not.toContain('alerts');
    expect(await d.alertCheck()).toBeNull();
    expect(await d.alertSummary()).toBeNull();
  });
});

describe('alerts: webcare run (as a process)', () => {
  it('logs the alerts it will send with the webhook host only, never the URL', async () => {
    const rx = await receiver();
    const tmp = tempDir();
    cleanup.push(
      () => rx.close(),
      () => tmp.cleanup(),
    );
    const config = tmp.file('run.yaml', `${ORGS}alerts:\n  webhooks:\n    - url: \${WEBCARE_TEST_HOOK}\n`);
    const child = spawnWebcare(['run', '--config', config, '--db', `${tmp.dir}/run.db`], { WEBCARE_TEST_HOOK: rx.url });
    cleanup.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let log = '';
    child.stderr!.on('data', (d) => (log += d));
    // Both lines may come in one chunk: both listeners from the start (a loaded machine starts tsx slowly).
    const started = waitForLog(child, 'webcare run started', 45_000);
    const enabled = await waitForLog(child, 'alerts enabled', 45_000);
    expect(enabled).toMatchObject({
      webhooks: [{ url: `${new URL(rx.url).origin}/<redacted>`, format: 'generic' }],
      watch: 'all',
      check: '*/5 * * * *',
      daily_summary: '0 8 * * *',
    });
    await started;
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(log).not.toContain('s3cr3tT0ken');
  }, 90_000);
});
