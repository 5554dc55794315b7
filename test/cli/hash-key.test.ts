import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { Daemon } from '../../src/jobs/daemon.js';
import { createLogger } from '../../src/logger.js';
import { keyFingerprint } from '../../src/poller/privacy.js';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

// METHOD.md 7, issue #19 item 2.3: the database records a fingerprint of the hash key (never the
// key); a command that hashes citizen ids with another key refuses to run, so one citizen never
// gets two hashes.
const fixture = fileURLToPath(new URL('../fixtures/privacy/x.jsonl', import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const saved = process.env.WEBCARE_HASH_KEY;
afterEach(() => {
  if (saved === undefined) delete process.env.WEBCARE_HASH_KEY;
  else process.env.WEBCARE_HASH_KEY = saved;
});

const importX = (db: string) =>
  cli(
    ['import', '--from', 'twarc', fixture, '--account', 'x:GemVoorbeeld', '--db', db, '--format', 'json'],
    '',
    '2026-06-10T12:00:00Z',
  );

function stored(db: string): { fingerprint: string | undefined; posts: number } {
  const store = openStore(db, { readonly: true });
  const raw = rawConnection(store);
  const row = raw.prepare('select key_fingerprint from privacy').get() as { key_fingerprint: string } | undefined;
  const posts = (raw.prepare('select count(*) n from posts').get() as { n: number }).n;
  void store.close();
  return { fingerprint: row?.key_fingerprint, posts };
}

const refusal = (db: string, fingerprint: string) =>
  `webcare: ${db}: citizen ids were hashed with another key (fingerprint ${fingerprint}); ` +
  'set WEBCARE_HASH_KEY to the key this database was written with\n';

describe('the hash key fingerprint', () => {
  it('is recorded on first write, never the key; another key is refused with exit 2 and one line', async () => {
    const db = `${tmp.dir}/keyed.db`;
    process.env.WEBCARE_HASH_KEY = 'the-first-key-of-this-database';
    expect((await importX(db)).code).toBe(0);
    const first = stored(db);
    expect(first.fingerprint).toBe(keyFingerprint('the-first-key-of-this-database'));
    expect(readFileSync(db).toString('latin1')).not.toContain('the-first-key-of-this-database');

    process.env.WEBCARE_HASH_KEY = 'another-key';
    for (const argv of [
      ['import', '--from', 'twarc', fixture, '--account', 'x:GemVoorbeeld', '--db', db],
      ['poll', '--once', '--db', db],
      ['reclassify', '--db', db],
    ]) {
      const r = await cli(argv, '', '2026-06-11T12:00:00Z');
      expect([argv[0], r.code, r.stderr]).toEqual([argv[0], 2, refusal(db, first.fingerprint!)]);
    }
    expect(stored(db)).toEqual(first); // nothing written

    // The daemon refuses to start, with the same line.
    const ctx = createContext({
      configPath: tmp.file('daemon.yaml', 'registry: []\nhttp:\n  port: 0\n'),
      dbPath: db,
      env: { WEBCARE_HASH_KEY: 'another-key' },
      logger: createLogger({ level: 'silent' }),
    });
    try {
      const started = new Daemon(ctx).start();
      await expect(started).rejects.toMatchObject({
        exitCode: 2,
        message: refusal(db, first.fingerprint!).slice('webcare: '.length, -1),
      });
    } finally {
      await ctx.destroy();
    }

    process.env.WEBCARE_HASH_KEY = 'the-first-key-of-this-database';
    expect((await importX(db)).code).toBe(0);
  });

  it('a deleted key file is not silently replaced by a new key', async () => {
    delete process.env.WEBCARE_HASH_KEY;
    const dir = tempDir();
    try {
      const db = `${dir.dir}/generated.db`;
      const keyFile = `${dir.dir}/hash-key`;
      expect((await importX(db)).code).toBe(0);
      const key = readFileSync(keyFile, 'utf8').trim();
      const first = stored(db);
      expect(first.fingerprint).toBe(keyFingerprint(key));

      rmSync(keyFile);
      const r = await importX(db);
      expect([r.code, r.stderr]).toEqual([2, refusal(db, first.fingerprint!)]);
      expect(existsSync(keyFile)).toBe(false);
      expect(stored(db)).toEqual(first);

      // The key given back (here through the environment) is accepted again.
      process.env.WEBCARE_HASH_KEY = key;
      expect((await importX(db)).code).toBe(0);
    } finally {
      dir.cleanup();
    }
  });
});
