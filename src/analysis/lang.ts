import type { PhraseBook } from './phrases.js';
import { words } from './text.js';

/**
 * Language of a short post, by counting function words of each language (stopword lists in
 * config/phrases). Short social posts defeat n-gram detectors such as franc (they need ~50+
 * characters); function words decide most posts in a few words. Returns the language with the
 * most hits, the first language on a tie with hits, 'und' when no function word occurs.
 */
export function detectLanguage(normalized: string, book: PhraseBook): string {
  const ws = words(normalized);
  let best = 'und';
  let bestHits = 0;
  for (const { code, stopwords } of book.languages) {
    let hits = 0;
    for (const w of ws) if (stopwords.has(w)) hits++;
    if (hits > bestHits) {
      best = code;
      bestHits = hits;
    }
  }
  return best;
}
