import { readFileSync } from 'node:fs';
import { parseBio } from '../../src/analysis/bio/parse-bio.js';
import { loadPhraseBook } from '../../src/config/phrases.js';
import type { BioFields, StatedHours } from '../../src/model/index.js';

/** One labelled bio: the expected fields of METHOD.md section 5. */
export interface BioCase { id: string; text: string; handle?: string; want: BioFields }

/** "1-5 08:30-17:00; 6,7 -" -> StatedHours[] ("none" = [], "*" = no days, "-" = no times). */
export function parseHoursLabel(s: string): StatedHours[] {
  if (s === 'none') return [];
  return s.split(';').map((part) => {
    const [days, times] = part.trim().split(' ') as [string, string];
    const dayList = days === '*' ? [] : days.split(',').flatMap((d) => {
      const [a, b] = d.split('-').map(Number) as [number, number | undefined];
      return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
    });
    const [from, to] = times === '-' ? [null, null] : (times.split('-') as [string, string]);
    return { days: dayList, from, to };
  });
}

function fields(cols: string[]): BioFields {
  const [d, n, i, c, h, p] = cols as [string, string, string, string, string, string];
  return { deflects: d === '1', notMonitored: n === '1', invitesQuestions: i === '1', channels: c === '-' ? [] : (c.split(',') as BioFields['channels']), hours: parseHoursLabel(h), promise: p === '-' ? null : Number(p) };
}

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
}

/** Our own labelled bios (text in the file). */
export function ownCases(file: string): BioCase[] {
  return rows(file).map((cols, i) => ({ id: `${file.split('/').pop()}#${i + 1}`, text: cols[6]!, want: fields(cols.slice(0, 6)) }));
}

/** Labels for real bios, joined to their texts in realdata by screen_name. */
export function realCases(jsonl: string, labels: string): BioCase[] {
  const texts = new Map(readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { screen_name: string; description: string }).map((u) => [u.screen_name, u.description]));
  return rows(labels).map((cols) => ({ id: cols[0]!, handle: cols[0]!, text: texts.get(cols[0]!) ?? '', want: fields(cols.slice(1, 7)) }));
}

const FIELDS = ['deflects', 'notMonitored', 'invitesQuestions', 'channels', 'hours', 'promise'] as const;

/** Accuracy per field (hours: exactly the same days and times). */
export function bioAccuracy(cases: BioCase[]): { n: number; accuracy: Record<string, number>; misses: string[] } {
  const book = loadPhraseBook();
  const hits: Record<string, number> = Object.fromEntries(FIELDS.map((f) => [f, 0]));
  const misses: string[] = [];
  for (const c of cases) {
    const got = parseBio(c.text, book, c.handle);
    for (const f of FIELDS) {
      if (JSON.stringify(got[f]) === JSON.stringify(c.want[f])) hits[f]!++;
      else misses.push(`  MISS ${c.id} ${f}: want ${JSON.stringify(c.want[f])} got ${JSON.stringify(got[f])} | ${c.text.slice(0, 120)}`);
    }
  }
  return { n: cases.length, accuracy: Object.fromEntries(FIELDS.map((f) => [f, hits[f]! / (cases.length || 1)])), misses };
}

/** The bio part of `npm run eval` as printable text. */
export function evaluateBios(ownFile: string, realJsonl: string | undefined, realLabels: string, showErrors: boolean): string {
  const out: string[] = [];
  const report = (name: string, cases: BioCase[]) => {
    const r = bioAccuracy(cases);
    out.push(`${name}: bio parser accuracy (n=${r.n})`);
    out.push('  ' + FIELDS.map((f) => `${f} ${r.accuracy[f]!.toFixed(2)}`).join('  '));
    if (showErrors) out.push(...r.misses);
  };
  report('bios.tsv', ownCases(ownFile));
  if (realJsonl) report('real government bios (labels: bios-real-labels.tsv)', realCases(realJsonl, realLabels));
  else out.push('real government bios: skipped (../shared/realdata is not present)');
  return out.join('\n');
}
