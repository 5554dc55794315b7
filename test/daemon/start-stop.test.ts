import { request, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { existsSync, writeFileSync } from 'node:fs';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/config/errors.js';
import { Daemon } from '../../src/jobs/daemon.js';
import { startHttp } from '../../src/jobs/http.js';
import { DaemonMetrics } from '../../src/jobs/metrics.js';
import { adapters } from '../../src/platforms/registry.js';
import { testContext } from '../helpers/context.js';

const START = '2026-11-02T12:00:00.000Z';
const YAML =
  'registry: []\norganisations:\n  - { id: zwolle, name: Zwolle, accounts: { mastodon: zwolle@social.overheid.nl } }\n';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A port bound by the test itself on loopback (closed after the test). */
async function occupiedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => s.close(() => r())));
  return (s.address() as { port: number }).port;
}

/** A port that was free a moment ago (bound and released by the test). */
async function freePort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function canBind(port: number): Promise<boolean> {
  const s: Server = createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function context(port: number) {
  const t = testContext(`${YAML}http:\n  port: ${port}\n`, START);
  cleanup.push(() => t.close());
  return t;
}

/** The rejection of a promise (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** Resolves with how long `p` took, or rejects when it takes longer than `ms`. */
async function within(ms: number, p: Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))),
  ]);
  clearTimeout(timer);
  return Date.now() - t0;
}

describe('Daemon.start: all or nothing', () => {
  it('a port in use: one-line UserError naming http.port; nothing scheduled, no database opened, lock released', async () => {
    const port = await occupiedPort();
    const t = context(port);
    const tasksBefore = cron.getTasks().size;
    const d = new Daemon(t.ctx, undefined, {}, adapters());
    const err = await rejection(d.start());
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`http.port ${port}: address already in use`);
    expect(cron.getTasks().size).toBe(tasksBefore);
    expect(existsSync(t.ctx.settings.database)).toBe(false); // the port is bound before the database is opened
    expect(existsSync(`${t.ctx.settings.database}.lock`)).toBe(false);
    await d.stop(0); // harmless after a failed start
  });

  it('an unreadable database: UserError naming the file; the port and the lock are released', async () => {
    const port = await freePort();
    const t = context(port);
    writeFileSync(t.ctx.settings.database, 'this is not a database\n'.repeat(200));
    const tasksBefore = cron.getTasks().size;
    const d = new Daemon(t.ctx, undefined, {}, adapters());
    const err = await rejection(d.start());
    expect(err).toBeInstanceOf(UserError);
    expect(err.message.startsWith(`${t.ctx.settings.database}: `)).toBe(true);
    expect(err.message).toContain('not a database');
    expect(err.message).not.toContain('\n');
    expect(cron.getTasks().size).toBe(tasksBefore);
    expect(existsSync(`${t.ctx.settings.database}.lock`)).toBe(false);
    expect(await canBind(port)).toBe(true);
  });

  it('a failure after the database opened (reconciling) closes server, database and lock', async () => {
    const port = await freePort();
    const t = context(port);
    const broken = adapters();
    broken.mastodon = {
      ...broken.mastodon,
      unavailable: () => {
        throw new Error('adapter exploded');
      },
    };
    const tasksBefore = cron.getTasks().size;
    const d = new Daemon(t.ctx, undefined, {}, broken);
    const err = await rejection(d.start());
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe('cannot start: adapter exploded');
    expect(existsSync(`${t.ctx.settings.database}.lock`)).toBe(false);
    expect(await canBind(port)).toBe(true);
    // The database was closed: a second daemon on the same file and port starts and stops cleanly.
    const again = new Daemon(t.ctx, undefined, {}, adapters());
    await again.start();
    expect(again.port).toBe(port);
    expect(cron.getTasks().size).toBe(tasksBefore + 3); // poll, bios, upkeep
    await again.stop(100);
    expect(cron.getTasks().size).toBe(tasksBefore);
    expect(existsSync(`${t.ctx.settings.database}.lock`)).toBe(false);
  });

  it('/healthz answers 503 "starting" while the database is not open yet', async () => {
    const t = context(0);
    const d = new Daemon(t.ctx, undefined, {}, adapters());
    expect(await d.health()).toMatchObject({ httpStatus: 503, body: { status: 'starting' } });
  });
});

/** A raw TCP client of the daemon's port. */
async function client(port: number, send?: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  if (send) socket.write(send);
  cleanup.push(() => void socket.destroy());
  return { socket, closed };
}

/** A keep-alive connection that asked one question and got its answer: idle. */
async function idleKeepAlive(port: number): Promise<{ closed: Promise<void> }> {
  const c = await client(port);
  c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  await new Promise((r) => c.socket.once('data', r));
  return c;
}

describe('Daemon.stop and open HTTP connections', () => {
  it('closes idle keep-alive and half-open connections at once, not after the grace', async () => {
    const t = context(0);
    const d = new Daemon(t.ctx, await t.ctx.store(), {}, adapters());
    await d.start();
    cleanup.push(() => d.stop(0));
    const idle = await idleKeepAlive(d.port);
    const silent = await client(d.port); // connected, sent nothing
    const partial = await client(d.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n'); // headers never finished
    await new Promise((r) => setTimeout(r, 100));
    const took = await within(3_000, d.stop(10_000));
    expect(took).toBeLessThan(2_000);
    await within(1_000, Promise.all([idle.closed, silent.closed, partial.closed]));
    expect(existsSync(`${t.ctx.settings.database}.lock`)).toBe(false);
  });

  describe('a request still being answered', () => {
    let server: HttpServer | undefined;
    afterEach(() => server?.closeAllConnections());

    async function slowHealth(ms: number) {
      const h = await startHttp('127.0.0.1', 0, new DaemonMetrics(), async () => {
        await new Promise((r) => setTimeout(r, ms));
        return { status: 'ok', httpStatus: 200, body: { status: 'ok' } };
      });
      server = h.server;
      return h;
    }

    function get(port: number): Promise<number | Error> {
      return new Promise((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', (err) => resolve(err));
        req.end();
      });
    }

    it('is cut when the grace is over', async () => {
      const h = await slowHealth(60_000);
      const answer = get(h.port);
      await new Promise((r) => setTimeout(r, 100));
      const took = await within(3_000, h.close(300));
      expect(took).toBeGreaterThanOrEqual(250);
      expect(await answer).toBeInstanceOf(Error); // socket hang up
    });

    it('gets its answer when it finishes within the grace, and close does not wait for the rest of it', async () => {
      const h = await slowHealth(300);
      const answer = get(h.port);
      await new Promise((r) => setTimeout(r, 50));
      const took = await within(3_000, h.close(10_000));
      expect(took).toBeLessThan(2_000);
      expect(await answer).toBe(200);
    });
    it('on a keep-alive connection: gets its answer, then the connection is closed without waiting for the grace', async () => {
      const h = await slowHealth(300);
      const c = await client(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      let got = '';
      c.socket.on('data', (d: Buffer) => (got += d));
      await new Promise((r) => setTimeout(r, 50));
      const took = await within(3_000, Promise.all([h.close(10_000), c.closed]));
      expect(took).toBeLessThan(2_000);
      expect(got).toMatch(/^HTTP\/1\.1 200 /);
      expect(got.toLowerCase()).toContain('connection: close');
    });
  });

  it('a stopped server stays quiet: new connections are refused', async () => {
    const h = await startHttp('127.0.0.1', 0, new DaemonMetrics(), async () => ({
      status: 'ok',
      httpStatus: 200,
      body: {},
    }));
    await h.close(100);
    const refused = await new Promise<string>((resolve) => {
      const s = connect(h.port, '127.0.0.1');
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      s.once('connect', () => {
        s.destroy();
        resolve('connected');
      });
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
