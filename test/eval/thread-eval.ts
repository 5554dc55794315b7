/**
 * Measures the reader the way a user meets it: each labelled reply becomes an X thread (the citizen
 * post, the gemeente's reply one hour later) in a twarc2 JSONL file, `webcare import --from twarc`
 * stores it, and `webcare requests --format json` is scored against the labels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import type { LabelledReply } from './response-eval.js';
import { score, type Scores } from './scores.js';

const ORG = { id: '4242', username: 'GemTest', name: 'Gemeente Test' };
const OUTCOME_OF: Record<string, string> = { answer: 'answered', redirect: 'redirected', acknowledge: 'acknowledged' };

/** Writes the threads of a reply set as one twarc2 JSONL file; returns its path. */
export function writeThreads(dir: string, items: readonly LabelledReply[]): string {
  const base = Date.parse('2026-10-05T08:00:00Z');
  const lines = items.map((it, i) => {
    const qid = String(1_860_000_000_000_000_000n + BigInt(i * 2));
    const rid = String(1_860_000_000_000_000_001n + BigInt(i * 2));
    const citizen = { id: String(7_000_000 + i), username: `inwoner${i}` };
    const at = base + i * 600_000;
    // The citizen's post is addressed to the gemeente, as it would be on X.
    const question = { id: qid, text: `@GemTest ${it.request}`, author_id: citizen.id, conversation_id: qid };
    const reply = { id: rid, text: `@${citizen.username} ${it.reply}`, author_id: ORG.id, conversation_id: qid };
    const data = [
      { ...question, created_at: new Date(at).toISOString(), entities: { mentions: [{ username: 'GemTest' }] } },
      {
        ...reply,
        created_at: new Date(at + 3_600_000).toISOString(),
        in_reply_to_user_id: citizen.id,
        referenced_tweets: [{ type: 'replied_to', id: qid }],
        entities: { mentions: [{ username: citizen.username }] },
      },
    ];
    return JSON.stringify({ data, includes: { users: [ORG, citizen] }, meta: { result_count: 2 } });
  });
  const file = join(dir, 'threads.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Imports the threads and scores the outcomes; also how many citizen posts became requests. */
export async function evaluateThreads(
  dir: string,
  items: readonly LabelledReply[],
): Promise<{ scores: Scores; requests: number }> {
  const file = writeThreads(dir, items);
  const db = join(dir, 'eval.db');
  const imported = await cli(['import', '--from', 'twarc', file, '--account', 'x:GemTest', '--db', db]);
  if (imported.code !== 0) throw new Error(imported.stderr);
  const listed = await cli(['requests', '--db', db, '--format', 'json', '--limit', '100000']);
  if (listed.code !== 0) throw new Error(listed.stderr);
  const rows = JSON.parse(listed.stdout).requests as { post_id: string; outcome: string }[];
  const byPost = new Map(rows.map((r) => [r.post_id, r.outcome]));
  const pairs = items.map((it, i) => ({
    gold: OUTCOME_OF[it.label]!,
    got: byPost.get(String(1_860_000_000_000_000_000n + BigInt(i * 2))) ?? 'no-request',
  }));
  return { scores: score(pairs, Object.values(OUTCOME_OF)), requests: byPost.size };
}
