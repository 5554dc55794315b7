import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/storage/db.js';
import { authorized, bindProblem, isLoopback } from '../../src/web/security.js';
import { fixtureDb, type FixtureDb } from './fixture.js';

const TOKEN = 'correct-horse-battery-staple';
let fx: FixtureDb;
let open: FastifyInstance;
let guarded: FastifyInstance;

beforeAll(async () => {
  fx = await fixtureDb();
  open = (await fx.app()).app;
  guarded = (await fx.app({ token: TOKEN })).app;
});
afterAll(async () => fx?.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the token rule', () => {
  it.each(['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])('%s is loopback: no token needed', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(bindProblem(host, undefined)).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'dashboard.example.org', '10.0.0.1'])(
    '%s is reachable from elsewhere: refused without http.token, fine with one',
    (host) => {
      expect(isLoopback(host)).toBe(false);
      expect(bindProblem(host, undefined)).toMatch(/without a token: set http\.token/);
      expect(bindProblem(host, TOKEN)).toBeUndefined();
    },
  );

  it.each([
    ['no header', undefined],
    ['a wrong bearer token', 'Bearer not-the-token-at-all'],
    ['the token with another scheme', `Token ${TOKEN}`],
    ['basic auth with a wrong password', basic('anyone', 'wrong')],
    ['basic auth with the token as user name', basic(TOKEN, '')],
    ['a bearer without a token', 'Bearer'],
  ])('%s: 401 with the bearer and basic challenges, on pages, API and stylesheet', async (_name, header) => {
    for (const url of ['/', '/gemeente/utrecht', '/api/v1/national', '/static/dashboard.css', '/nope']) {
      const res = await guarded.inject({ method: 'GET', url, headers: header ? { authorization: header } : {} });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate']).toEqual([
        'Bearer realm="webcare"',
        'Basic realm="webcare", charset="UTF-8"',
      ]);
      expect(res.body).not.toContain('Utrecht');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it.each([
    ['bearer', `Bearer ${TOKEN}`],
    ['basic with any user name', basic('redactie', TOKEN)],
    ['basic without a user name', basic('', TOKEN)],
  ])('the token by %s: 200', async (_name, header) => {
    for (const url of ['/', '/gemeente/utrecht', '/api/v1/organisations']) {
      const res = await guarded.inject({ method: 'GET', url, headers: { authorization: header } });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('the token in the query string is not accepted', async () => {
    expect((await guarded.inject({ method: 'GET', url: `/?token=${TOKEN}` })).statusCode).toBe(401);
    expect(authorized(`Bearer ${TOKEN} `, TOKEN)).toBe(true);
    expect(authorized(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorized(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
  });
});

describe('no write path', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s answers 405 with Allow: GET, HEAD everywhere',
    async (method) => {
      for (const url of ['/', '/gemeente/utrecht', '/api/v1/requests', '/api/v1/organisation/utrecht', '/nope']) {
        const res = await open.inject({
          method: method as 'POST',
          url,
          payload: method === 'OPTIONS' ? undefined : '{}',
        });
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
    },
  );

  it('HEAD answers like GET without a body', async () => {
    const res = await open.inject({ method: 'HEAD', url: '/gemeente/utrecht' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('the database is opened read-only and its file is unchanged after a session of requests', async () => {
    const { ctx } = await fx.app();
    const store = await ctx.store({ readonly: true });
    expect(rawConnection(store).readonly).toBe(true);
    const before = fx.hash();
    for (const url of [
      '/',
      '/?lang=en&sort=score&dir=asc',
      '/gemeente/utrecht',
      '/gemeente/zwolle?since=2026-11-02&until=2026-11-09',
      '/api/v1/national?format=csv&excel=1',
      '/api/v1/organisations',
      '/api/v1/organisation/ede',
      '/api/v1/requests?outcome=pending',
      '/api/v1/bios?org=utrecht&history=1',
    ])
      expect((await open.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    for (const method of ['POST', 'DELETE'] as const)
      await open.inject({ method, url: '/api/v1/requests', payload: '{}' });
    expect(fx.hash()).toBe(before);
  });
});

describe('errors', () => {
  it('a failure is a plain 500 page (JSON under /api) without the error or a stack trace', async () => {
    const { app, ctx } = await fx.app();
    await ctx.destroy(); // the database goes away under the app
    const page = await app.inject({ method: 'GET', url: '/gemeente/utrecht' });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Er ging iets mis');
    expect(page.body).not.toMatch(/database|sqlite|\.[jt]s:\d+|\n\s+at /i);
    const api = await app.inject({ method: 'GET', url: '/api/v1/national' });
    expect(api.statusCode).toBe(500);
    expect(JSON.parse(api.body)).toEqual({ error: 'internal error (see the server log)' });
  });
});
