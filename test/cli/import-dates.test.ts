import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const users = { users: [{ id: '77', username: 'anna' }] };
const line = (id: string, created_at?: unknown) =>
  JSON.stringify({
    data: [
      {
        id,
        text: '@GemTest wanneer wordt het grofvuil opgehaald?',
        author_id: '77',
        conversation_id: id,
        ...(created_at === undefined ? {} : { created_at }),
        entities: { mentions: [{ username: 'GemTest' }] },
      },
    ],
    includes: users,
  });

describe('import: a tweet without a valid time is rejected with file:line, never stored at 1970', () => {
  it.each([
    ['missing created_at', undefined, 'data[0].created_at: missing'],
    ['an impossible time', '2026-11-17T99:99:99Z', 'data[0].created_at: not a valid time ("2026-11-17T99:99:99Z")'],
    ['not a date', 'not a date', 'data[0].created_at: not a valid time ("not a date")'],
    ['the year 1', '0001-01-01T00:00:00Z', 'data[0].created_at: not a valid time'],
  ])('%s', async (_name, value, reason) => {
    const file = tmp.file(
      `d${Math.random().toString(36).slice(2)}.jsonl`,
      [line('1860000000000000100', '2026-11-02T09:00:00Z'), line('1860000000000000101', value)].join('\n') + '\n',
    );
    const db = `${file}.db`;
    const r = await cli(['import', '--from', 'twarc', file, '--account', 'x:GemTest', '--db', db, '--format', 'json']);
    const summary = JSON.parse(r.stdout) as {
      posts: number;
      requests: number;
      rejected: { file: string; line: number; reason: string }[];
    };
    expect(summary).toMatchObject({ posts: 1, requests: 1 });
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]).toMatchObject({ file, line: 2 });
    expect(summary.rejected[0]!.reason).toContain(reason);
    const listed = JSON.parse((await cli(['requests', '--db', db, '--format', 'json'])).stdout).requests as {
      created: string;
    }[];
    expect(listed.map((x) => x.created)).toEqual(['2026-11-02 10:00']);
  });
});
