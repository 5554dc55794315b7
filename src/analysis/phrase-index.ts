/**
 * Finds the phrases of one list that start with a letter or digit by looking up each word of the
 * text, instead of running one alternation of every phrase over the whole text (#16: that regex
 * was the import's largest single cost, tried at every character). Each word start asks only the
 * phrases whose first word can be that word; a small sticky regex of those decides. The result is
 * the one alternation's, match for match: test/unit/analysis/phrase-index.test.ts compares both.
 */

/** Lowercase letters whose case-insensitive match is their own lowercase form (no special folds). */
const PLAIN = /^[a-z0-9\u00df-\u00f6\u00f8-\u00ff]+$/;
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const MEMO_WORDS = 20_000;

export interface WordIndex {
  /**
   * The first match at or after `from` (whole match and where it starts), or undefined. `from` is
   * 0 or the end of a match, never inside a word: a phrase ending in a letter ends before a non-letter.
   */
  next(text: string, from: number): { at: number; match: string } | undefined;
}

/**
 * `phrases` in the alternation's order, each with its regex body (no lookbehind: the index only
 * tries word starts, where the lookbehind holds by construction).
 */
export function wordIndex(phrases: readonly { phrase: string; body: string }[]): WordIndex {
  // A phrase "afval ophalen" or "afval" needs the word to be its first word exactly; "afval*"
  // needs the word to start with it. Phrases with unusual letters are tried at every word.
  const exact = new Map<string, { ids: number[]; re?: RegExp }>();
  const prefix: { first: string; i: number }[] = [];
  const always: number[] = [];
  phrases.forEach(({ phrase }, i) => {
    const first = FIRST_WORD.exec(phrase)?.[0];
    if (!first || !PLAIN.test(first)) always.push(i);
    else if (phrase.length === first.length + 1 && phrase.endsWith('*')) prefix.push({ first, i });
    else {
      const e = exact.get(first) ?? { ids: [] };
      e.ids.push(i);
      exact.set(first, e);
    }
  });
  const sticky = (ids: readonly number[]) => new RegExp(`(?:${ids.map((i) => phrases[i]!.body).join('|')})`, 'yiu');
  let every: RegExp | undefined; // built when first needed: most lists never see such a word
  const all = () => (every ??= sticky(phrases.map((_, i) => i)));
  // Candidate sets are few (a word's exact list plus the prefixes it starts with): one regex each.
  const compiled = new Map<string, RegExp>();
  const regexOf = (ids: number[]) => {
    const key = ids.join(',');
    let re = compiled.get(key);
    if (!re) compiled.set(key, (re = sticky(ids)));
    return re;
  };
  const candidates = (word: string): RegExp | undefined => {
    const lower = plainOf(word);
    // A word outside the plain letters may match a phrase under Unicode case folding that its
    // lowercase form does not show: try every phrase there.
    if (lower === null) return all();
    const e = exact.get(lower);
    let more: number[] | undefined;
    for (const p of prefix) if (lower.startsWith(p.first)) (more ??= []).push(p.i);
    if (!more && !always.length) return e && (e.re ??= sticky(e.ids));
    const ids = [...(e?.ids ?? []), ...always, ...(more ?? [])];
    return ids.length ? regexOf(ids.sort((x, y) => x - y)) : undefined;
  };
  return {
    next(text, from) {
      if (!phrases.length) return undefined;
      const { words, starts } = tokens(text);
      for (let i = 0; i < words.length; i++) {
        if (starts[i]! < from) continue;
        const re = candidates(words[i]!);
        if (!re) continue;
        re.lastIndex = starts[i]!;
        const m = re.exec(text);
        if (m) return { at: starts[i]!, match: m[0] };
      }
      return undefined;
    },
  };
}

// Each word's lowercase form when it is plain (null when not), for every list at once: one map read
// per word once seen. Bounded, so an import of ever new words (names, typos) does not grow it; one
// memo per list held a million words on a long import (+50 MB).
const plain = new Map<string, string | null>();
function plainOf(word: string): string | null {
  let lower = plain.get(word);
  if (lower === undefined) {
    if (plain.size >= MEMO_WORDS) plain.clear();
    lower = word.toLowerCase();
    if (!PLAIN.test(lower)) lower = null;
    plain.set(word, lower);
  }
  return lower;
}

// The classifier asks some twenty lists about each text in turn: its words are found once.
let last: { text: string; words: string[]; starts: number[] } = { text: '', words: [], starts: [] };
/** The words of a text (runs of letters and digits) and where each starts. */
export function tokens(text: string): { words: string[]; starts: number[] } {
  if (last.text === text) return last;
  const words: string[] = [];
  const starts: number[] = [];
  WORD_RUN.lastIndex = 0;
  for (let w = WORD_RUN.exec(text); w; w = WORD_RUN.exec(text)) {
    words.push(w[0]);
    starts.push(w.index);
  }
  last = { text, words, starts };
  return last;
}
