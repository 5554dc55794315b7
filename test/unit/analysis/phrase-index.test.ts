import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/analysis/phrases.js';
import { normalizePost } from '../../../src/analysis/text.js';
import { DEFAULT_PHRASES_DIR } from '../../../src/config/phrases.js';
import { readYamlFile } from '../../../src/config/yaml-source.js';

// #16: compileMatcher looks phrases up by the words of the text instead of running one alternation
// of all phrases over it. The alternation stays here as the reference: for every shipped list and
// for lists built to hit the index's edges, both must find the same phrases in the same order.
const WORD = '[\\p{L}\\p{N}]';
const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
function reference(phrases: readonly string[]) {
  const all = [...new Set(phrases.map((p) => p.toLowerCase().trim()).filter(Boolean))];
  const isSuffix = (p: string) => p.startsWith('*') && !/\s/.test(p);
  const suffixes = all.filter(isSuffix).map((p) => ({ core: p.replace(/^\*|\*$/g, ''), contains: p.endsWith('*') }));
  const rest = all.filter((p) => !isSuffix(p)).sort((a, b) => b.length - a.length);
  const starts = (p: string) => /^[\p{L}\p{N}]/u.test(p.replace(/^\*/, ''));
  const body = (p: string) => {
    const trail = p.endsWith('*') ? `${WORD}*` : '';
    const core = p.replace(/\*$/, '');
    const end = /[\p{L}\p{N}]$/u.test(core) || trail ? `(?!${WORD})` : '';
    return `${escape(core).replace(/\s+/g, '\\s+')}${trail}${end}`;
  };
  const wordy = rest.filter(starts);
  const parts = [
    ...(wordy.length ? [`(?<!${WORD})(?:${wordy.map(body).join('|')})`] : []),
    ...rest.filter((p) => !starts(p)).map(body),
  ];
  const re = parts.length ? new RegExp(parts.join('|'), 'giu') : undefined;
  return (text: string) => [
    ...(re ? [...text.matchAll(re)].map((m) => m[0].replace(/\s+/g, ' ')) : []),
    ...(text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) =>
      suffixes.some((x) => (x.contains ? w.includes(x.core) : w.endsWith(x.core))),
    ),
  ];
}

// Every list of the shipped phrase books, by its path in the YAML.
function shippedLists(): { name: string; phrases: string[] }[] {
  const out: { name: string; phrases: string[] }[] = [];
  const walk = (node: unknown, name: string) => {
    if (Array.isArray(node)) out.push({ name, phrases: node.map(String) });
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, name ? `${name}.${k}` : k);
  };
  for (const lang of ['nl', 'en']) walk(readYamlFile(join(DEFAULT_PHRASES_DIR, `${lang}.yaml`), 'phrases').data, lang);
  return out;
}

// The labelled texts of the eval sets, as the classifier and the reader see them.
function evalTexts(): string[] {
  const dir = join(import.meta.dirname, '../../eval');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => normalizePost(l.split('\t').at(-1)!).text);
}

const lists = shippedLists();
const texts = evalTexts();

describe('phrase lookup by word equals the one alternation', () => {
  it('finds the same phrases in every eval text for every shipped list', () => {
    expect(lists.length).toBeGreaterThan(40);
    expect(texts.length).toBeGreaterThan(1000);
    let hits = 0;
    const differ: string[] = [];
    for (const { name, phrases } of lists) {
      const m = compileMatcher(phrases);
      const ref = reference(phrases);
      for (const t of texts) {
        const want = ref(t);
        hits += want.length;
        const got = m.find(t);
        if (got.join('|') !== want.join('|') || m.test(t) !== want.length > 0)
          differ.push(`${name}: ${t} -> ${got.join('|')} instead of ${want.join('|')}`);
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(hits).toBeGreaterThan(10_000); // the lists do match: the comparison is not of empty lists
  });

  it('keeps the alternation order when a phrase with an unusual first letter is longer', () => {
    // 'ſ' matches 's' case-insensitively: the longer phrase must win as in the alternation.
    for (const [phrases, text] of [
      [['ſtraat ophalen', 'straat'], 'straat ophalen'],
      [['afval ophalen', 'afval*'], 'afval ophalen'],
      [['☎', 'bel*'], 'bel ☎ 14 038'],
    ] as const) {
      expect(compileMatcher(phrases).find(text)).toEqual(reference(phrases)(text));
      expect(reference(phrases)(text).length).toBeGreaterThan(0);
    }
  });

  // Phrases and texts built from the same pieces, in any case and with the letters whose
  // case-insensitive match differs from their lowercase form (ſ, K Kelvin, İ, ẞ).
  const piece = fc.constantFrom(
    'ik',
    'wil',
    'graag',
    'afval',
    'afvalbak',
    'ophalen',
    "i'm",
    'i',
    'm',
    'ca.',
    '2x',
    'ß',
    'ſ',
    'K',
    'İ',
    'ẞ',
    'é',
    'e\u0301',
    '☎',
    '€',
    '-',
    '?',
    'mail',
    'ons',
    'straat',
    'verlichting',
    '0800',
    '😀',
    's',
    'ſtraat',
  );
  const phrase = fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '*'), fc.constantFrom('', '*'))
    .map(([ps, lead, trail]) => `${lead}${ps.join(' ')}${trail}`);
  const text = fc
    .array(fc.tuple(piece, fc.constantFrom(' ', '', '  ', ', ', '\n', '.')), { maxLength: 14 })
    .chain((ps) => fc.tuple(fc.constant(ps), fc.boolean()))
    .map(([ps, upper]) => {
      const t = ps.map(([p, sep]) => p + sep).join('');
      return upper ? t.toUpperCase() : t;
    });
  it('finds the same phrases for random lists and texts, also at the edges of case folding', () => {
    fc.assert(
      fc.property(fc.array(phrase, { minLength: 1, maxLength: 8 }), fc.array(text, { maxLength: 6 }), (ps, ts) => {
        // A phrase with a leading '*' and a space is no valid phrase for either (an invalid regex).
        const valid = ps.filter((p) => !(p.startsWith('*') && /\s/.test(p)));
        const m = compileMatcher(valid);
        const ref = reference(valid);
        for (const t of ts) {
          expect(m.find(t)).toEqual(ref(t));
          expect(m.test(t)).toBe(ref(t).length > 0);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
