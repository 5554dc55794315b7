/**
 * `npm run eval`: measures the classifier and the bio parser on the labelled sets in test/eval
 * (and on real government bios from ../shared/realdata when present). Prints the figures that
 * docs/method.md reports. `--errors` lists every miss.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../../src/analysis/classify.js';
import { loadPhraseBook } from '../../src/config/phrases.js';
import { readTsv, score, type Scores } from './scores.js';
import { evaluateBios } from './bio-eval.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateReplies, readReplies, RESPONSE_KINDS } from './response-eval.js';
import { evaluateThreads } from './thread-eval.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const showErrors = process.argv.includes('--errors');
const book = loadPhraseBook();
const KINDS = ['question', 'report', 'other'] as const;

function fmt(s: Scores, kinds: readonly string[] = KINDS): string {
  const rows = kinds.map((k) => {
    const c = s.perClass[k]!;
    return `  ${k.padEnd(9)} P ${c.precision.toFixed(2)}  R ${c.recall.toFixed(2)}  F1 ${c.f1.toFixed(2)}  (n=${c.support})`;
  });
  return [...rows, `  macro-F1 ${s.macroF1.toFixed(2)}  accuracy ${s.accuracy.toFixed(2)}  (n=${s.n})`].join('\n');
}

const POST_SETS = ['posts-dev.tsv', 'posts-holdout.tsv', 'posts-blind.tsv', 'posts-blind2.tsv', 'posts-blind3.tsv'];
for (const set of [...POST_SETS, 'posts-complaints-dev.tsv', 'posts-complaints-blind.tsv']) {
  const items = readTsv(readFileSync(here(set), 'utf8'));
  const ours = items.map((it) => ({ ...it, gold: it.label, got: classify(it.text, book).kind }));
  // Baseline: the question-mark rule of commercial webcare tools ('?' = question, else other).
  const baseline = items.map((it) => ({ gold: it.label, got: it.text.includes('?') ? 'question' : 'other' }));
  console.log(`\n${set}: classifier`);
  console.log(fmt(score(ours, KINDS)));
  console.log(`${set}: question-mark baseline`);
  console.log(fmt(score(baseline, KINDS)));
  if (showErrors) {
    for (const o of ours.filter((o) => o.gold !== o.got)) {
      console.log(`  MISS ${set}:${o.line} gold=${o.gold} got=${o.got} ${JSON.stringify(classify(o.text, book).reasons)} | ${o.text}`);
    }
  }
}

// Organisation replies: answered / redirected / acknowledged, read with the citizen post they answer.
for (const set of ['responses-dev.tsv', 'responses-dev2.tsv', 'responses-blind.tsv', 'responses-blind2.tsv']) {
  const { scores, misses } = evaluateReplies(readReplies(here(set)), book);
  console.log(`\n${set}: response reader`);
  console.log(fmt(scores, RESPONSE_KINDS));
  if (showErrors) for (const m of misses) console.log(`  MISS ${set}:${m}`);
}

// The same replies through the product: X threads imported, outcomes read back with `webcare requests`.
for (const set of ['responses-dev.tsv', 'responses-dev2.tsv', 'responses-blind.tsv', 'responses-blind2.tsv']) {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-eval-'));
  const items = readReplies(here(set));
  const { scores, requests } = await evaluateThreads(dir, items);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${set}: outcomes through import + requests (${requests}/${items.length} citizen posts found as requests)`);
  console.log(fmt(scores, ['answered', 'redirected', 'acknowledged']));
}

const realBios = fileURLToPath(new URL('../../../shared/realdata/rmfaber-TK/gov_deflection_bios.jsonl', import.meta.url));
console.log('');
console.log(evaluateBios(here('bios.tsv'), existsSync(realBios) ? realBios : undefined, here('bios-real-labels.tsv'), showErrors));
