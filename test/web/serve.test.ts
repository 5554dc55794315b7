import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';
import { exited, spawnWebcare } from '../helpers/spawn.js';
import { fixtureDb, type FixtureDb } from './fixture.js';

let fx: FixtureDb;
const tmp = tempDir();
beforeAll(async () => {
  fx = await fixtureDb();
});
afterAll(async () => {
  await fx?.close();
  tmp.cleanup();
});

/** Resolves with the URL `webcare serve` prints on stdout once it listens. */
function printedUrl(child: ChildProcess, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL within ${ms} ms:\n${out}\n${err}`)), ms);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/^webcare serve: (http:\/\/\S+\/) /m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening:\n${out}\n${err}`)));
  });
}

describe('webcare serve as a process', () => {
  it('listens on 127.0.0.1 (port 0: a free one), answers, and stops cleanly on SIGTERM', async () => {
    const child = spawnWebcare(['serve', '--db', fx.db, '--config', fx.config, '--port', '0'], { LOG_LEVEL: 'warn' });
    const url = await printedUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="nl">');
    const api = await fetch(`${url}api/v1/organisation/utrecht`);
    expect((await api.json()).organisation.name).toBe('Utrecht');
    const post = await fetch(url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 60_000);

  it('with a token (WEBCARE_HTTP_TOKEN) binds any address, says the token is required, and asks for it', async () => {
    const child = spawnWebcare(['serve', '--db', fx.db, '--config', fx.config, '--host', '0.0.0.0', '--port', '0'], {
      LOG_LEVEL: 'warn',
      WEBCARE_HTTP_TOKEN: 'a-token-of-twenty-chars',
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const url = (await printedUrl(child)).replace('0.0.0.0', '127.0.0.1');
    expect(out).toContain('every request needs the token http.token');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer a-token-of-twenty-chars' } })).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  }, 60_000);
});

describe('webcare serve refuses to start (exit 2, one line)', () => {
  it('on a non-loopback address without http.token', async () => {
    const r = await cli(['serve', '--db', fx.db, '--config', fx.config, '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^webcare: webcare serve --host 0\.0\.0\.0 would listen on 0\.0\.0\.0.*set http\.token/);
  });

  it('with a token of spaces or one too short (a config error naming http.token)', async () => {
    for (const token of [' '.repeat(16), 'short-token']) {
      const config = tmp.file(`token-${token.length}.yaml`, `http:\n  token: "${token}"\n`);
      const r = await cli(['serve', '--db', fx.db, '--config', config, '--host', '0.0.0.0', '--port', '0']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/http\.token: must be at least 16 characters, without spaces/);
    }
  });

  it('without a database, and on a database of an older webcare (never migrating it)', async () => {
    const missing = await cli(['serve', '--db', `${tmp.dir}/none.db`, '--config', fx.config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.db: no database there');
    const old = `${tmp.dir}/old.db`;
    const made = await cli(['migrate', '--db', old, '--config', fx.config]);
    expect(made.code, made.stderr).toBe(0);
    const store = openStore(old);
    const last = rawConnection(store).prepare('select max(name) from kysely_migration').pluck().get() as string;
    rawConnection(store).prepare('delete from kysely_migration where name = ?').run(last);
    await store.close();
    const r = await cli(['serve', '--db', old, '--config', fx.config, '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`old\\.db: written by an older webcare \\(migration ${last} missing\\).*run webcare migrate`),
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
