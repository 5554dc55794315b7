import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ORG = { id: '4242', username: 'GemTest', name: 'Gemeente Test' };
const ANNA = { id: '77', username: 'anna' };

describe('the method parameters are stored with the data (METHOD.md 4b)', () => {
  it('queries use them with or without --config; reclassify keeps them unless --recompute', async () => {
    // A question ten days old, never answered: unanswered under a 7-day window, pending under 30.
    const at = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const q = {
      id: '1860000000000000400',
      text: '@GemTest wanneer wordt het grofvuil opgehaald?',
      author_id: ANNA.id,
      conversation_id: '1860000000000000400',
      created_at: at,
      entities: { mentions: [{ username: 'GemTest' }] },
    };
    const file = tmp.file('q.jsonl', JSON.stringify({ data: [q], includes: { users: [ORG, ANNA] } }) + '\n');
    const week = tmp.file('week.yaml', 'method:\n  answer_window_days: 7\n');
    const db = `${tmp.dir}/m.db`;
    expect(
      (await cli(['import', '--from', 'twarc', file, '--account', 'x:GemTest', '--db', db, '--config', week])).code,
    ).toBe(0);
    const outcome = async (...extra: string[]) =>
      (
        JSON.parse((await cli(['requests', '--db', db, '--format', 'json', ...extra])).stdout).requests as {
          outcome: string;
        }[]
      )[0]!.outcome;
    expect(await outcome('--config', week)).toBe('unanswered');
    expect(await outcome()).toBe('unanswered'); // the default config says 30 days; the database says 7
    const kept = JSON.parse((await cli(['reclassify', '--db', db, '--format', 'json'])).stdout);
    expect(kept).toMatchObject({ parameters: { answer_window_days: 7 }, outcomes_changed: 0 });
    const recomputed = JSON.parse((await cli(['reclassify', '--db', db, '--recompute', '--format', 'json'])).stdout);
    expect(recomputed).toMatchObject({ parameters: { answer_window_days: 30 }, changed: { 'unanswered->pending': 1 } });
    expect(await outcome('--config', week)).toBe('pending');
  });
});
