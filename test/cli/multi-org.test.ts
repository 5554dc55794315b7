import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/db.js';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// Two gemeenten, one citizen post mentioning both (METHOD.md 2, method 2: a request for each).
const CONFIG = `registry: []
organisations:
  - { id: alpha, name: Alpha, accounts: { x: GemAlpha } }
  - { id: beta, name: Beta, accounts: { x: GemBeta } }
`;
const ALPHA = { id: '1001', username: 'GemAlpha', name: 'Gemeente Alpha' };
const BETA = { id: '1002', username: 'GemBeta', name: 'Gemeente Beta' };
const ANNA = { id: '77', username: 'anna' };
const tweet = (id: string, author: string, text: string, at: string, mentions: string[], replyTo?: string) => ({
  id,
  text,
  author_id: author,
  conversation_id: '1860000000000000000',
  created_at: at,
  ...(replyTo ? { referenced_tweets: [{ type: 'replied_to', id: replyTo }], in_reply_to_user_id: ANNA.id } : {}),
  entities: { mentions: mentions.map((username) => ({ username })) },
});
const NOW = '2026-11-20T12:00:00.000Z';

describe('requests per (post, organisation) (METHOD.md 2, method 2)', () => {
  const config = tmp.file('webcare.yaml', CONFIG);
  const q = tweet(
    '1860000000000000000',
    ANNA.id,
    '@GemAlpha @GemBeta wie maait de berm langs de grensweg?',
    '2026-11-02T09:00:00.000Z',
    ['GemAlpha', 'GemBeta'],
  );
  const answer = tweet(
    '1860000000000000001',
    BETA.id,
    '@anna De berm langs de Grensweg wordt door ons gemaaid, volgende week dinsdag.',
    '2026-11-02T11:00:00.000Z',
    ['anna'],
    q.id,
  );
  const file = tmp.file(
    'two.jsonl',
    JSON.stringify({ data: [q, answer], includes: { users: [ALPHA, BETA, ANNA] } }) + '\n',
  );
  const db = `${tmp.dir}/two.db`;
  const requests = async () =>
    JSON.parse((await cli(['requests', '--db', db, '--config', config, '--format', 'json'], '', NOW)).stdout)
      .requests as { org: string; outcome: string; response: number | null }[];

  it('two gemeenten, one answering: a request for each; the other organisation answered is not a community answer', async () => {
    expect((await cli(['import', '--from', 'twarc', file, '--db', db, '--config', config], '', NOW)).code).toBe(0);
    const rows = await requests();
    expect(rows.map((r) => [r.org, r.outcome, r.response])).toEqual([
      ['beta', 'answered', 2],
      ['alpha', 'pending', null],
    ]);
    const exported = (
      await cli(['export', '--what', 'requests', '--db', db, '--config', config, '--format', 'json'], '', NOW)
    ).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { org: string; community_at: string | null; other_org_at: string | null });
    expect(exported.find((r) => r.org === 'alpha')).toMatchObject({
      community_at: null,
      other_org_at: '2026-11-02T11:00:00.000Z',
    });
  });

  it('a database from method 1 with one row for the post gets the second request at the next write', async () => {
    // Method 1 kept the request of the alphabetically first organisation only.
    const store = openStore(db);
    await store.db.deleteFrom('requests').where('org_id', '=', 'beta').execute();
    await store.close();
    expect((await requests()).map((r) => r.org)).toEqual(['alpha']);
    // An import of an unrelated file does not touch that thread: the split re-reads it.
    const other = {
      ...tweet('1870000000000000000', ANNA.id, 'Mooi weer vandaag', '2026-11-03T09:00:00.000Z', []),
      conversation_id: '1870000000000000000',
    };
    const unrelated = tmp.file('other.jsonl', JSON.stringify({ data: [other], includes: { users: [ANNA] } }) + '\n');
    expect((await cli(['import', '--from', 'twarc', unrelated, '--db', db, '--config', config], '', NOW)).code).toBe(0);
    expect((await requests()).map((r) => [r.org, r.outcome])).toEqual([
      ['beta', 'answered'],
      ['alpha', 'pending'],
    ]);
  });
});
