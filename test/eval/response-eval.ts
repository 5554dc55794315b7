/** Scores the response reader on a labelled TSV of replies (kind<TAB>citizen post<TAB>reply). */
import { readFileSync } from 'node:fs';
import type { PhraseBook } from '../../src/analysis/phrases.js';
import { readResponse } from '../../src/analysis/response/read-response.js';
import { score, type Scores } from './scores.js';

export const RESPONSE_KINDS = ['answer', 'redirect', 'acknowledge'] as const;

/** One labelled reply with the citizen post it answers. */
export interface LabelledReply { label: string; request: string; reply: string; line: number }

/** Reads a reply set; throws on a line without three fields or with an unknown kind. */
export function readReplies(file: string): LabelledReply[] {
  const out: LabelledReply[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (!l.trim() || l.startsWith('#')) return;
      const [label, request, reply, extra] = l.split('\t');
      if (!label || request === undefined || reply === undefined || extra !== undefined) {
        throw new Error(`${file}:${i + 1}: expected kind<TAB>post<TAB>reply`);
      }
      if (!(RESPONSE_KINDS as readonly string[]).includes(label)) throw new Error(`${file}:${i + 1}: unknown kind ${label}`);
      out.push({ label, request, reply, line: i + 1 });
    });
  return out;
}

/** Reads every reply of a set with the reader (given the citizen post) and scores it. */
export function evaluateReplies(items: LabelledReply[], book: PhraseBook): { scores: Scores; misses: string[] } {
  const got = items.map((it) => ({ it, reading: readResponse(it.reply, book, { request: it.request }) }));
  const scores = score(
    got.map((g) => ({ gold: g.it.label, got: g.reading.kind })),
    RESPONSE_KINDS,
  );
  const misses = got
    .filter((g) => g.it.label !== g.reading.kind)
    .map((g) => `line ${g.it.line} gold=${g.it.label} got=${g.reading.kind} ${JSON.stringify(g.reading.reasons)} | ${g.it.reply}`);
  return { scores, misses };
}
