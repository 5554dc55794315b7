import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// METHOD.md 4: office hours per account override the organisation's.
const config = (accountHours: string) => `registry: []
organisations:
  - id: test
    name: Test
    accounts: { x: [GemTest, GemTestWebcare] }
${accountHours}`;
const ORG = { id: '4242', username: 'GemTestWebcare', name: 'Webcare Test' };
const ANNA = { id: '77', username: 'anna' };
const tweet = (id: string, author: string, text: string, at: string, mention: string, replyTo?: string) => ({
  id,
  text,
  author_id: author,
  conversation_id: '1860000000000000000',
  created_at: at,
  ...(replyTo ? { referenced_tweets: [{ type: 'replied_to', id: replyTo }], in_reply_to_user_id: ANNA.id } : {}),
  entities: { mentions: [{ username: mention }] },
});

describe('office hours per account (METHOD.md 4)', () => {
  // Wednesday 4 Nov 2026, 18:00 local; answered at 19:00 local by the webcare account.
  const q = tweet(
    '1860000000000000000',
    ANNA.id,
    '@GemTestWebcare hoe laat sluit de milieustraat?',
    '2026-11-04T17:00:00.000Z',
    'GemTestWebcare',
  );
  const a = tweet(
    '1860000000000000001',
    ORG.id,
    '@anna Vandaag tot 20:00 uur.',
    '2026-11-04T18:00:00.000Z',
    'anna',
    q.id,
  );
  const file = tmp.file('t.jsonl', JSON.stringify({ data: [q, a], includes: { users: [ORG, ANNA] } }) + '\n');

  it.each([
    ['the organisation default (08:30-17:00): the hour after closing is no business time', '', 0],
    [
      'the webcare account staffed until 22:00: one business hour',
      '    account_hours: { "x:GemTestWebcare": { mon: "08:00-22:00", tue: "08:00-22:00", wed: "08:00-22:00", thu: "08:00-22:00", fri: "08:00-22:00" } }\n',
      1,
    ],
  ])('%s', async (_name, extra, businessHours) => {
    const dir = tempDir();
    const cfg = dir.file('webcare.yaml', config(extra));
    const db = `${dir.dir}/h.db`;
    expect((await cli(['import', '--from', 'twarc', file, '--db', db, '--config', cfg])).code).toBe(0);
    const stats = await cli(['stats', '--db', db, '--config', cfg, '--format', 'json'], '', '2026-12-20T12:00:00.000Z');
    const [g] = JSON.parse(stats.stdout).groups;
    expect(g).toMatchObject({ requests: 1, median_hours: 1, business_median_hours: businessHours });
    dir.cleanup();
  });

  it('refuses an account_hours key that is not platform:handle, naming the key', async () => {
    const cfg = tmp.file('bad.yaml', config('    account_hours: { GemTest: { mon: "08:00-22:00" } }\n'));
    const r = await cli(['orgs', '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/account_hours: GemTest: keys look like "x:handle"/);
  });

  it('webcare rollup recomputes the stored times with the hours a later config gives; the figures follow', async () => {
    const dir = tempDir();
    const db = `${dir.dir}/r.db`;
    const plain = dir.file('plain.yaml', config(''));
    const late = dir.file('late.yaml', config('    account_hours: { "x:GemTestWebcare": { wed: "08:00-22:00" } }\n'));
    const stats = async (cfg: string, env: Record<string, string> = {}) => {
      Object.assign(process.env, env);
      try {
        const r = await cli(['stats', '--db', db, '--config', cfg, '--format', 'json'], '', '2026-12-20T12:00:00.000Z');
        return JSON.parse(r.stdout).groups[0];
      } finally {
        for (const k of Object.keys(env)) delete process.env[k];
      }
    };
    expect((await cli(['import', '--from', 'twarc', file, '--db', db, '--config', plain])).code).toBe(0);
    expect((await stats(plain)).business_median_hours).toBe(0);
    // Any writer recomputes the stale rows when it opens the database: here an import of an empty file.
    const empty = dir.file('empty.jsonl', '');
    const again = await cli(['import', '--from', 'twarc', empty, '--db', db, '--config', late]);
    expect(again.code, again.stderr).toBe(0);
    expect((await stats(late)).business_median_hours).toBe(1);
    const s = openStore(db, { readonly: true });
    const stored = rawConnection(s).prepare('select response_business_ms from requests').pluck().all();
    await s.close();
    expect(stored).toEqual([3_600_000]); // written by the import, not computed when read
    const r = await cli(['rollup', '--db', db, '--config', late]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^stored times of 1 requests recomputed, 0 settled weeks kept \(0 counted now\) and the settled requests of \d+ more in \d+\.\d s\n$/,
    );
    const after = await stats(late);
    expect(after.business_median_hours).toBe(1);
    expect(await stats(late, { WEBCARE_REFERENCE_PATH: '1' })).toEqual(after);
    dir.cleanup();
  });
});
