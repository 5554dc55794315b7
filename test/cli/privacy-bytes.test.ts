import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { dailyUpkeep } from '../../src/jobs/upkeep.js';
import { createLogger } from '../../src/logger.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

// METHOD.md 7: our own fixtures of all four platforms (shaped like the APIs' payloads, people made
// up) with known citizens. Before the retention period no raw payload names them; after it, no
// byte of the database file or its WAL does, except inside post ids (see POST_IDS).
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/privacy/${name}`, import.meta.url));

/** Every handle, name and user id of the fixtures' citizens. */
const CITIZENS = [
  // X: the asker, and a neighbour who joins the thread.
  'femke_wolters88',
  'Femke',
  'Wolters',
  '1611111111111111111',
  'buurman_joost',
  'Joost',
  'Brinkman',
  '1622222222222222222',
  // Facebook: a commenter, and a profile posting on the page.
  'Sanne',
  'Verhoeven',
  '10150000000000777',
  'Ruud',
  'Hoekstra',
  '10150000000000888',
  // Mastodon (the account's local id on social.overheid.nl).
  'lotte_vermeulen',
  'Lotte',
  'Vermeulen',
  '110000000000000888',
  // Bluesky.
  'pieterzonneveld',
  'Pieter',
  'Zonneveld',
  'did:plc:pzcitizenvoorbeeldabcdef',
];

/**
 * The citizens' Mastodon and Bluesky post ids hold the account's name or DID: within the retention
 * period they are the posts' keys; after it they are renamed to a keyed hash everywhere.
 */
const POST_IDS = [
  'https://mastodon.social/users/lotte_vermeulen/statuses/113599999999999101',
  'at://did:plc:pzcitizenvoorbeeldabcdef/app.bsky.feed.post/3kpieterq1',
];

/** The citizens' handles, names and ids found in `bytes` (case-insensitive); `blankIds` leaves post ids out. */
function citizensIn(bytes: Buffer | string, blankIds = true): string[] {
  let text = (typeof bytes === 'string' ? bytes : bytes.toString('latin1')).toLowerCase();
  if (blankIds) for (const id of POST_IDS) text = text.split(id.toLowerCase()).join('#'.repeat(id.length));
  return CITIZENS.filter((c) => text.includes(c.toLowerCase()));
}

const tmp = tempDir();
const db = `${tmp.dir}/privacy.db`;
afterAll(() => tmp.cleanup());

beforeAll(async () => {
  const imports: [string, string[], string][] = [
    ['twarc', [fixture('x.jsonl')], 'x:GemVoorbeeld'],
    ['facebook', [fixture('facebook-posts.json'), fixture('facebook-comments.json')], 'facebook:1040000000000001'],
    ['mastodon', [fixture('mastodon.json')], 'mastodon:gemeentevoorbeeld@social.overheid.nl'],
    ['bluesky', [fixture('bluesky-thread.json')], 'bluesky:gemeentevoorbeeld.bsky.social'],
  ];
  for (const [from, files, account] of imports) {
    const r = await cli(
      ['import', '--from', from, ...files, '--account', account, '--db', db, '--format', 'json'],
      '',
      '2026-06-10T12:00:00Z',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rejected).toEqual([]);
  }
}, 60_000);

describe('privacy: no citizen handle, name or id in the database (METHOD.md 7)', () => {
  it('before the retention period: none in any raw payload; texts and requests are there', async () => {
    const store = openStore(db, { readonly: true });
    const rows = rawConnection(store).prepare('select platform, id, author_is_org, raw, text from posts').all() as {
      platform: string;
      id: string;
      author_is_org: number;
      raw: string;
      text: string;
    }[];
    const requests = rawConnection(store).prepare('select platform, post_id from requests').all();
    await store.close();
    expect(rows.length).toBe(12);
    for (const r of rows) expect([r.platform, r.id, citizensIn(r.raw)]).toEqual([r.platform, r.id, []]);
    // The texts are kept until the period ends (the citizens' names are in them).
    expect(citizensIn(rows.map((r) => r.text).join('\n'))).toContain('Femke');
    expect(requests.length).toBeGreaterThanOrEqual(4);
  });

  it('after the retention period: none anywhere in the database file or its -wal', async () => {
    const ctx = createContext({ dbPath: db, env: {}, logger: createLogger({ level: 'silent' }) });
    try {
      const store = await ctx.store();
      // As the daemon does: the pipeline is wired (the key checked) before the daily upkeep.
      await pipelineDeps(ctx, store);
      const r = await dailyUpkeep(store.db, new Date('2026-12-01T03:00:00Z'), 30, 'Europe/Amsterdam', 90);
      expect(r.purged).toBe(6);
      // The file and the WAL as they are on disk while the connection is still open.
      // Renamed everywhere: every reply link and request still points at a stored post.
      const dangling = rawConnection(store)
        .prepare(
          `select p.id from posts p where p.reply_to_id like 'purged:%' and not exists (select 1 from posts q where q.platform = p.platform and q.id = p.reply_to_id)
           union all select r.post_id from requests r where not exists (select 1 from posts q where q.platform = r.platform and q.id = r.post_id)`,
        )
        .all();
      expect(dangling).toEqual([]);
      expect(rawConnection(store).prepare(`select count(*) from posts where id like 'purged:%'`).pluck().get()).toBe(2);
      // Post ids included: a citizen's Mastodon or Bluesky post id is a keyed hash after retention.
      expect(citizensIn(readFileSync(db), false)).toEqual([]);
      if (existsSync(`${db}-wal`)) expect(citizensIn(readFileSync(`${db}-wal`), false)).toEqual([]);
      const orgTexts = rawConnection(store)
        .prepare('select text from posts where author_is_org = 1 order by platform, created_at')
        .all()
        .map((x) => (x as { text: string }).text);
      // The organisation's texts stay, without the citizens: handles and names out.
      expect(orgTexts).toEqual([
        '@burger Hoi [naam], de Kanaalbrug is vanaf maandag 8 juni weer open.',
        'De milieustraat heeft vanaf juni nieuwe openingstijden.',
        '[naam] Hoi [naam], ja: zaterdag van 9 tot 16 uur.',
        '@burger Hoi [naam], de milieustraat is zaterdag open van 9 tot 16 uur.',
        '@burger Hoi [naam], in de Lindelaan wordt het grofvuil op de tweede dinsdag van de maand opgehaald. ^MK',
        '@burger @burger Dank u, meneer [naam], we sturen er vandaag iemand heen. ^MK',
      ]);
    } finally {
      await ctx.destroy();
    }
    expect(citizensIn(readFileSync(db))).toEqual([]);
    if (existsSync(`${db}-wal`)) expect(citizensIn(readFileSync(`${db}-wal`))).toEqual([]);
  });

  it('what remains is ids, times, classification and outcome', async () => {
    const store = openStore(db, { readonly: true });
    const raw = rawConnection(store);
    const left = raw
      .prepare('select count(*) n from posts where author_is_org = 0 and (text is not null or raw is not null)')
      .get() as { n: number };
    const outcomes = raw.prepare('select platform, outcome from requests order by platform, created_at').all();
    await store.close();
    expect(left.n).toBe(0);
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
  });
});
