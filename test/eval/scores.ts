/** Precision, recall and F1 per class, macro-F1 and accuracy, for the eval runner and its test. */
export interface ClassScores { precision: number; recall: number; f1: number; support: number }
export interface Scores { perClass: Record<string, ClassScores>; macroF1: number; accuracy: number; n: number }

export function score(pairs: readonly { gold: string; got: string }[], classes: readonly string[]): Scores {
  const perClass: Record<string, ClassScores> = {};
  for (const c of classes) {
    const tp = pairs.filter((p) => p.gold === c && p.got === c).length;
    const fp = pairs.filter((p) => p.gold !== c && p.got === c).length;
    const fn = pairs.filter((p) => p.gold === c && p.got !== c).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support: tp + fn };
  }
  const macroF1 = classes.reduce((s, c) => s + perClass[c]!.f1, 0) / classes.length;
  const accuracy = pairs.filter((p) => p.gold === p.got).length / (pairs.length || 1);
  return { perClass, macroF1, accuracy, n: pairs.length };
}

/** Reads a labelled TSV (label<TAB>text, '#' comments). */
export function readTsv(text: string): { label: string; text: string; line: number }[] {
  return text
    .split('\n')
    .map((l, i) => ({ l, line: i + 1 }))
    .filter(({ l }) => l.trim() && !l.startsWith('#'))
    .map(({ l, line }) => {
      const tab = l.indexOf('\t');
      return { label: l.slice(0, tab), text: l.slice(tab + 1), line };
    });
}
