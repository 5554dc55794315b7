import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ORG = { id: '4242', username: 'GemTest', name: 'Gemeente Test' };
const ANNA = { id: '77', username: 'anna' };
const page = (tweets: object[]) => JSON.stringify({ data: tweets, includes: { users: [ORG, ANNA] } }) + '\n';

describe('import without --account after one with it (METHOD.md 2, method 2)', () => {
  it("keeps the account: the later reply is the organisation's, and the request is answered", async () => {
    const db = `${tmp.dir}/two.db`;
    const question = {
      id: '1860000000000000200',
      text: '@GemTest wanneer wordt het grofvuil opgehaald?',
      author_id: ANNA.id,
      conversation_id: '1860000000000000200',
      created_at: '2026-11-02T09:00:00.000Z',
      entities: { mentions: [{ username: 'GemTest' }] },
    };
    const answer = {
      id: '1860000000000000201',
      text: '@anna Op dinsdag vanaf 7.30 uur.',
      author_id: ORG.id,
      conversation_id: '1860000000000000200',
      created_at: '2026-11-02T11:00:00.000Z',
      in_reply_to_user_id: ANNA.id,
      referenced_tweets: [{ type: 'replied_to', id: question.id }],
      entities: { mentions: [{ username: 'anna' }] },
    };
    const first = tmp.file('q.jsonl', page([question]));
    const second = tmp.file('a.jsonl', page([answer]));
    expect((await cli(['import', '--from', 'twarc', first, '--account', 'x:GemTest', '--db', db])).code).toBe(0);
    expect((await cli(['import', '--from', 'twarc', second, '--db', db])).code).toBe(0);
    const listed = JSON.parse((await cli(['requests', '--db', db, '--format', 'json'])).stdout).requests as {
      outcome: string;
      response: number;
    }[];
    expect(listed).toEqual([expect.objectContaining({ outcome: 'answered', response: 2 })]);
    const accounts = await cli(['accounts', 'list', '--db', db, '--format', 'json']);
    expect(accounts.stdout).toContain('GemTest');
    expect(JSON.parse(accounts.stdout).find((a: { handle: string }) => a.handle === 'GemTest')).toMatchObject({
      retired_at: null,
    });
  });
});

describe('a reply whose parent is missing (METHOD.md 2)', () => {
  it('is directed at the organisation when it replies to one of its accounts, even without the mention', async () => {
    const db = `${tmp.dir}/parent.db`;
    // An earlier post of the gemeente teaches its account id; the citizen replies to a post not in the file.
    const news = {
      id: '1860000000000000300',
      text: 'Vanaf maandag wordt de Kerkstraat afgesloten.',
      author_id: ORG.id,
      conversation_id: '1860000000000000300',
      created_at: '2026-11-01T09:00:00.000Z',
    };
    const reply = {
      id: '1860000000000000302',
      text: 'hoe lang gaat dat duren, wanneer is de weg weer open?',
      author_id: ANNA.id,
      conversation_id: '1860000000000000299',
      created_at: '2026-11-02T09:00:00.000Z',
      in_reply_to_user_id: ORG.id,
      referenced_tweets: [{ type: 'replied_to', id: '1860000000000000299' }],
    };
    const file = tmp.file('p.jsonl', page([news, reply]));
    expect((await cli(['import', '--from', 'twarc', file, '--account', 'x:GemTest', '--db', db])).code).toBe(0);
    const listed = JSON.parse((await cli(['requests', '--db', db, '--format', 'json'])).stdout).requests as {
      post_id: string;
    }[];
    expect(listed.map((r) => r.post_id)).toEqual([reply.id]);
  });
});
