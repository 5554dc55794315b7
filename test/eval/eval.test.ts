import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/analysis/classify.js';
import { loadPhraseBook } from '../../src/config/phrases.js';
import { bioAccuracy, ownCases } from './bio-eval.js';
import { readTsv, score } from './scores.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const book = loadPhraseBook();

// Floors under the figures docs/method.md reports, so a change to a phrase list that hurts quality fails.
describe('classifier quality on the labelled sets', () => {
  it.each([
    ['posts-dev.tsv', 0.95, 0.95],
    ['posts-holdout.tsv', 0.95, 0.92],
    ['posts-blind2.tsv', 0.92, 0.9],
    ['posts-blind3.tsv', 0.92, 0.9],
  ])('%s: question F1 >= %s, macro-F1 >= %s', (file, qf1, macro) => {
    const items = readTsv(readFileSync(here(file), 'utf8'));
    const s = score(items.map((i) => ({ gold: i.label, got: classify(i.text, book).kind })), ['question', 'report', 'other']);
    expect(s.perClass.question!.f1).toBeGreaterThanOrEqual(qf1);
    expect(s.macroF1).toBeGreaterThanOrEqual(macro);
  });

  it('beats the question-mark rule by far', () => {
    const items = readTsv(readFileSync(here('posts-holdout.tsv'), 'utf8'));
    const ours = score(items.map((i) => ({ gold: i.label, got: classify(i.text, book).kind })), ['question', 'report', 'other']);
    const qmark = score(items.map((i) => ({ gold: i.label, got: i.text.includes('?') ? 'question' : 'other' })), ['question', 'report', 'other']);
    expect(ours.macroF1 - qmark.macroF1).toBeGreaterThan(0.4);
  });
});

describe('bio parser quality on our labelled bios', () => {
  it('deflects >= 0.9, notMonitored >= 0.95, hours exactly right >= 0.85', () => {
    const r = bioAccuracy(ownCases(here('bios.tsv')));
    expect(r.n).toBeGreaterThanOrEqual(80);
    expect(r.accuracy.deflects).toBeGreaterThanOrEqual(0.9);
    expect(r.accuracy.notMonitored).toBeGreaterThanOrEqual(0.95);
    expect(r.accuracy.hours).toBeGreaterThanOrEqual(0.85);
  });
});
