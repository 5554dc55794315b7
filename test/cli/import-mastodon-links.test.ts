import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';
import { tableCounts } from '../helpers/db-counts.js';

// Small statuses shaped like the Mastodon API's (GET /api/v1/accounts/:id/statuses, /statuses/:id/context),
// all as seen from the gemeente's server social.overheid.nl: local ids of that server, canonical URIs of
// the author's home server. The citizen lives on mastodon.social, so her statuses have another id there.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SERVER = 'social.overheid.nl';
const GEMEENTE = {
  id: '110000000000000001',
  username: 'gemeentevoorbeeld',
  acct: 'gemeentevoorbeeld',
  display_name: 'Gemeente Voorbeeld',
  url: `https://${SERVER}/@gemeentevoorbeeld`,
  note: '',
  fields: [],
};
const ANNA = {
  id: '110000000000000777',
  username: 'anna',
  acct: 'anna@mastodon.social',
  display_name: 'Anna',
  url: 'https://mastodon.social/@anna',
  note: '',
  fields: [],
};
type Account = typeof GEMEENTE;
const mention = (a: Account) => ({ id: a.id, username: a.username, acct: a.acct, url: a.url });

function status(o: {
  id: string;
  homeId?: string;
  by: Account;
  at: string;
  text: string;
  replyTo?: { id: string; account: Account };
  mentions?: Account[];
}): Record<string, unknown> {
  const local = !o.by.acct.includes('@');
  const home = local ? SERVER : 'mastodon.social';
  const homeId = o.homeId ?? o.id;
  return {
    id: o.id,
    uri: `https://${home}/users/${o.by.username}/statuses/${homeId}`,
    url: `https://${home}/@${o.by.username}/${homeId}`,
    created_at: o.at,
    in_reply_to_id: o.replyTo?.id ?? null,
    in_reply_to_account_id: o.replyTo?.account.id ?? null,
    content: `<p>${o.text}</p>`,
    language: 'nl',
    visibility: 'public',
    replies_count: 0,
    account: o.by,
    mentions: (o.mentions ?? []).map(mention),
    reblog: null,
  };
}

const QUESTION = status({
  id: '113500000000000101',
  homeId: '113499999999999101',
  by: ANNA,
  at: '2026-11-03T08:15:00.000Z',
  text: '@gemeentevoorbeeld Wanneer wordt het oud papier opgehaald in de Kerkstraat?',
  mentions: [GEMEENTE],
});
const ANSWER = status({
  id: '113500000000000102',
  by: GEMEENTE,
  at: '2026-11-03T10:15:00.000Z',
  text: '@anna Het oud papier wordt in de Kerkstraat elke tweede dinsdag van de maand opgehaald.',
  replyTo: { id: '113500000000000101', account: ANNA },
  mentions: [ANNA],
});

// A thread the gemeente started: news -> citizen question -> "we zoeken het uit" -> the answer under it.
const NEWS = status({
  id: '113500000000000200',
  by: GEMEENTE,
  at: '2026-11-04T08:00:00.000Z',
  text: 'Vanaf maandag is de Kerkstraat afgesloten voor werkzaamheden.',
});
const THREAD_QUESTION = status({
  id: '113500000000000201',
  homeId: '113499999999999201',
  by: ANNA,
  at: '2026-11-04T09:00:00.000Z',
  text: '@gemeentevoorbeeld hoe lang duurt de afsluiting van de Kerkstraat nog?',
  replyTo: { id: '113500000000000200', account: GEMEENTE },
  mentions: [GEMEENTE],
});
const ACK = status({
  id: '113500000000000202',
  by: GEMEENTE,
  at: '2026-11-04T09:30:00.000Z',
  text: '@anna We zoeken het uit en komen erop terug.',
  replyTo: { id: '113500000000000201', account: ANNA },
  mentions: [ANNA],
});
const LATER_ANSWER = status({
  id: '113500000000000203',
  by: GEMEENTE,
  at: '2026-11-04T13:00:00.000Z',
  text: '@anna De Kerkstraat is vanaf vrijdag 14 november weer open.',
  replyTo: { id: '113500000000000202', account: GEMEENTE },
  mentions: [ANNA],
});

const ACCOUNT = ['--account', `mastodon:gemeentevoorbeeld@${SERVER}`];
let n = 0;
const file = (doc: unknown) => tmp.file(`m${++n}.json`, JSON.stringify(doc, null, 1));

interface Listed {
  post_id: string;
  outcome: string;
  response: number | null;
  answer: number | null;
}
async function requests(db: string): Promise<Listed[]> {
  const r = await cli(['requests', '--db', db, '--format', 'json']);
  expect(r.code).toBe(0);
  // The listing is an array, or an object carrying the method parameters and the array as `requests`.
  const listed = JSON.parse(r.stdout) as Listed[] | { requests: Listed[] };
  return Array.isArray(listed) ? listed : listed.requests;
}
async function importFiles(db: string, files: string[], account = ACCOUNT) {
  const r = await cli(['import', '--from', 'mastodon', ...files, ...account, '--db', db, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return { ...r, summary: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('Mastodon replies across files link by the parent canonical URI', () => {
  it('Mastodon question and answer in separate files, question first', async () => {
    const db = `${tmp.dir}/qfirst.db`;
    await importFiles(db, [file([QUESTION])]);
    await importFiles(db, [file(ANSWER)]);
    expect(await requests(db)).toEqual([
      expect.objectContaining({ post_id: QUESTION.uri, outcome: 'answered', response: 2, answer: 2 }),
    ]);
  });

  it('Mastodon question and answer in separate files, answer first', async () => {
    const db = `${tmp.dir}/afirst.db`;
    await importFiles(db, [file(ANSWER)]);
    await importFiles(db, [file([QUESTION])]);
    expect(await requests(db)).toEqual([
      expect.objectContaining({ post_id: QUESTION.uri, outcome: 'answered', response: 2, answer: 2 }),
    ]);
    // The stored answer now names the question's canonical URI and shares its thread.
    const store = openStore(db, { readonly: true });
    const row = rawConnection(store)
      .prepare('select reply_to_id, thread_root_id from posts where id = ?')
      .get(ANSWER.uri) as Record<string, string>;
    await store.close();
    expect(row).toEqual({ reply_to_id: QUESTION.uri, thread_root_id: QUESTION.uri });
  });

  it('both files in one import run, answer file first', async () => {
    const db = `${tmp.dir}/onerun.db`;
    await importFiles(db, [file([ANSWER]), file(QUESTION)]);
    expect(await requests(db)).toEqual([expect.objectContaining({ post_id: QUESTION.uri, outcome: 'answered' })]);
  });

  it.each([
    ['news+question, ack, answer', [[NEWS, THREAD_QUESTION], [ACK], [LATER_ANSWER]]],
    ['answer, ack, news+question', [[LATER_ANSWER], [ACK], [NEWS, THREAD_QUESTION]]],
    ['ack, answer, news+question', [[ACK], [LATER_ANSWER], [NEWS, THREAD_QUESTION]]],
    ['answer, news+question, ack', [[LATER_ANSWER], [NEWS, THREAD_QUESTION], [ACK]]],
  ])(
    'a thread the gemeente started, in three files (%s): one thread, answered under its own acknowledgement',
    async (_name, parts) => {
      const db = `${tmp.dir}/thread${++n}.db`;
      for (const part of parts) await importFiles(db, [file(part)]);
      expect(await requests(db)).toEqual([
        expect.objectContaining({ post_id: THREAD_QUESTION.uri, outcome: 'answered', response: 0.5, answer: 4 }),
      ]);
      const store = openStore(db, { readonly: true });
      const roots = rawConnection(store).prepare('select distinct thread_root_id from posts').pluck().all() as string[];
      await store.close();
      expect(roots).toEqual([NEWS.uri]);
    },
  );

  it('importing the same files again adds nothing', async () => {
    const db = `${tmp.dir}/again.db`;
    const files = [file(ANSWER), file([QUESTION])];
    await importFiles(db, files);
    const before = await tableCounts(db);
    expect(before.post_aliases).toBe(2);
    const again = await importFiles(db, files);
    expect(again.summary).toMatchObject({ posts: 0, replies: 0, requests: 0 });
    expect(await tableCounts(db)).toEqual(before);
    expect(await requests(db)).toEqual([expect.objectContaining({ outcome: 'answered' })]);
  });

  it('keeps no local ids when no local account shows which server a file came from', async () => {
    const db = `${tmp.dir}/unknown-server.db`;
    // A status of a remote author that mentions nobody: the server it was fetched from is unknown.
    const lone = { ...QUESTION, mentions: [], content: '<p>Wanneer wordt het oud papier opgehaald?</p>' };
    await importFiles(db, [file([lone])]);
    expect((await tableCounts(db)).post_aliases).toBe(0);
  });
});

describe('import without --account after one with it (Mastodon)', () => {
  it("warns once, keeps the account, stores the gemeente's reply as its own and answers the request", async () => {
    const db = `${tmp.dir}/noaccount.db`;
    await importFiles(db, [file([QUESTION])]);
    const second = await importFiles(db, [file(ANSWER)], []);
    const warnings = second.stderr.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/without --account.*gemeentevoorbeeld@social\.overheid\.nl/);
    const store = openStore(db, { readonly: true });
    const reply = rawConnection(store)
      .prepare('select author_is_org, org_id, author_handle from posts where id = ?')
      .get(ANSWER.uri);
    const accounts = rawConnection(store)
      .prepare('select handle, org_id, retired_at from accounts where handle = ?')
      .all(`gemeentevoorbeeld@${SERVER}`);
    await store.close();
    expect(reply).toEqual({
      author_is_org: 1,
      org_id: 'mastodon-gemeentevoorbeeld-social-overheid-nl',
      author_handle: `gemeentevoorbeeld@${SERVER}`,
    });
    expect(accounts).toEqual([
      {
        handle: `gemeentevoorbeeld@${SERVER}`,
        org_id: 'mastodon-gemeentevoorbeeld-social-overheid-nl',
        retired_at: null,
      },
    ]);
    expect(await requests(db)).toEqual([expect.objectContaining({ outcome: 'answered', response: 2 })]);
  });

  it('says nothing when --account is given again', async () => {
    const db = `${tmp.dir}/withaccount.db`;
    await importFiles(db, [file([QUESTION])]);
    expect((await importFiles(db, [file(ANSWER)])).stderr).toBe('');
  });
});
