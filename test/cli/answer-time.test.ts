import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ORG = { id: '4242', username: 'GemTest', name: 'Gemeente Test' };
const ANNA = { id: '77', username: 'anna' };
const tweet = (id: string, author: string, text: string, at: string, replyTo?: string) => ({
  id,
  text,
  author_id: author,
  conversation_id: '1860000000000000000',
  created_at: at,
  ...(replyTo ? { referenced_tweets: [{ type: 'replied_to', id: replyTo }], in_reply_to_user_id: ANNA.id } : {}),
  entities: { mentions: [{ username: author === ORG.id ? 'anna' : 'GemTest' }] },
});

describe('first response and answer: both times kept and reported (METHOD.md 3)', () => {
  it('an acknowledgement after 1 hour, the answer under it after 5 hours', async () => {
    const q = tweet(
      '1860000000000000000',
      ANNA.id,
      '@GemTest wanneer wordt de lamp bij nr 12 gemaakt?',
      '2026-11-02T09:00:00.000Z',
    );
    const ack = tweet('1860000000000000001', ORG.id, '@anna We zoeken het uit!', '2026-11-02T10:00:00.000Z', q.id);
    const ans = tweet(
      '1860000000000000002',
      ORG.id,
      '@anna De lamp is vandaag vervangen.',
      '2026-11-02T14:00:00.000Z',
      ack.id,
    );
    const file = tmp.file('t.jsonl', JSON.stringify({ data: [q, ack, ans], includes: { users: [ORG, ANNA] } }) + '\n');
    const db = `${tmp.dir}/a.db`;
    expect((await cli(['import', '--from', 'twarc', file, '--account', 'x:GemTest', '--db', db])).code).toBe(0);
    const listed = await cli(['requests', '--db', db, '--format', 'json']);
    expect(JSON.parse(listed.stdout).requests).toEqual([
      expect.objectContaining({ outcome: 'answered', response: 1, answer: 5 }),
    ]);
    const exported = await cli(['export', '--what', 'requests', '--db', db, '--format', 'json']);
    expect(JSON.parse(exported.stdout.trim().split('\n')[0]!)).toMatchObject({
      response_at: '2026-11-02T10:00:00.000Z',
      response_kind: 'acknowledge',
      answer_at: '2026-11-02T14:00:00.000Z',
    });
  });
});
