import type { Classification } from '../model/index.js';
import { detectLanguage } from './lang.js';
import type { PhraseBook } from './phrases.js';
import { clauses, normalizePost, sentences, words } from './text.js';

export interface ClassifyContext {
  /** A repost/retweet, or a quote without text of its own: never a request (METHOD.md 2.3). */
  repost?: boolean;
}

interface Signals {
  qmark: boolean;
  asks: string[]; // interrogative or verb-first openings
  requests: string[];
  rhetorical: string[];
  reportStrong: string[];
  reportWeak: string[];
  thanks: string[];
  news: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Classifies a post as question, report (melding) or other, with a score in 0..1, the language
 * and the rules that decided it. Pure; the phrase lists come from config/phrases.
 */
export function classify(text: string, book: PhraseBook, ctx: ClassifyContext = {}): Classification {
  const norm = normalizePost(text);
  const lang = detectLanguage(norm.text, book);
  if (ctx.repost || /^\s*rt\s+@/i.test(text)) return { kind: 'other', score: 0.99, lang, reasons: ['repost'] };
  if (words(norm.text).length === 0) return { kind: 'other', score: 0.95, lang, reasons: ['no-text'] };

  const s = signals(norm.text, book);
  const reasons: string[] = [];
  const ask = s.qmark || s.asks.length > 0 || s.requests.length > 0;
  let q = (s.qmark ? 0.45 : 0) + (s.asks.length ? 0.45 : 0) + (s.requests.length ? 0.6 : 0);
  if (s.rhetorical.length) q *= s.requests.length ? 0.6 : 0.15;
  q = Math.min(q, 0.98);

  const statusOfOwnReport = s.requests.some((r) => /status|stand van zaken|reactie|contact/.test(r)) && /melding (gedaan|gemaakt)|gemeld/.test(norm.text);
  if (s.reportStrong.length && !statusOfOwnReport) {
    reasons.push(...s.reportStrong.map((r) => `report:${r}`));
    if (ask) reasons.push('asks-about-the-defect');
    return { kind: 'report', score: round(Math.min(0.98, 0.8 + 0.05 * s.reportStrong.length)), lang, reasons };
  }
  if (q >= 0.45) {
    if (s.qmark) reasons.push('question-mark');
    reasons.push(...s.asks.map((a) => `opens:${a}`), ...s.requests.map((r) => `request:${r}`));
    if (s.rhetorical.length) reasons.push(...s.rhetorical.map((r) => `rhetorical-but-asks:${r}`));
    return { kind: 'question', score: round(Math.max(0.5, q)), lang, reasons };
  }
  if (s.reportWeak.length) {
    return { kind: 'report', score: 0.6, lang, reasons: s.reportWeak.map((r) => `report-weak:${r}`) };
  }
  reasons.push(...s.rhetorical.map((r) => `rhetorical:${r}`), ...s.thanks.map((t) => `reaction:${t}`), ...s.news.map((n) => `news:${n}`));
  if (reasons.length === 0) reasons.push('no-request-signal');
  return { kind: 'other', score: round(s.rhetorical.length || s.thanks.length || s.news.length ? 0.9 : 0.7), lang, reasons };
}

function signals(text: string, book: PhraseBook): Signals {
  const asks: string[] = [];
  const requests = book.request.find(text);
  const rhetorical = book.rhetorical.find(text);
  let qmark = false;
  for (const sentence of sentences(text)) {
    qmark ||= sentence.question;
    const opened: string[] = [];
    for (const clause of clauses(sentence.text)) {
      const opening = openingQuestion(stripGreetings(clause, book), sentence.question, book);
      if (opening) opened.push(opening);
    }
    asks.push(...opened);
    if (sentence.question && opened.length && !requests.length) rhetorical.push(...complaintTone(sentence.text, opened, text, book));
  }
  const objects = book.reportObjects.find(text);
  const states = book.reportStates.find(text);
  const thanks = book.thanks.find(text);
  return {
    qmark,
    asks: [...new Set(asks)],
    requests,
    rhetorical: [...new Set(rhetorical)],
    reportStrong: [...book.reportPhrases.find(text), ...(objects.length && states.length ? [`${objects[0]}+${states[0]}`] : [])],
    // An object with an exclamation mark and nothing else ("Lamp bij de school!") is a weak melding.
    reportWeak: objects.length && /!/.test(text) && !thanks.length ? objects.slice(0, 1) : [],
    thanks,
    news: book.news.find(text),
  };
}

/**
 * "Waarom moet alles altijd zo lang duren?", "Kunnen jullie nou nooit eens iets goed doen?":
 * a question in a complaining tone. Wh-questions turn rhetorical on any absolute or complaint word,
 * verb-first questions only on the strong ones (nou, nooit, zoveelste), because "Is de markt altijd
 * op zaterdag?" is a real question. Returns the tone words found.
 */
function complaintTone(sentence: string, opened: string[], text: string, book: PhraseBook): string[] {
  const absolutes = book.absolutes.find(sentence);
  const complaint = book.complaint.find(text);
  const wh = opened.some((o) => book.interrogatives.test(o));
  const tone = wh ? [...absolutes, ...complaint] : [...absolutes.filter((a) => /^(nou|nooit|zoveelste|weer eens|never)$/.test(a)), ...complaint];
  return tone.map((t) => `tone:${t}`);
}

function stripGreetings(clause: string, book: PhraseBook): string {
  let c = clause.trim();
  for (let i = 0; i < 3; i++) {
    const m = c.match(/^([\p{L}' ]{1,20}?)(?:[\s,!:]+|$)/u);
    const head = m?.[1]?.trim();
    if (!head || !book.greetings.find(head).includes(head)) break;
    c = c.slice(m![0].length).trim();
  }
  return c;
}

/** Returns the interrogative or verb that opens a question clause, or undefined. */
function openingQuestion(clause: string, endsInQuestionMark: boolean, book: PhraseBook): string | undefined {
  const ws = words(clause);
  if (ws.length < 2) return undefined;
  if (!endsInQuestionMark && book.exclamatives.find(clause).some((e) => clause.startsWith(e))) return undefined;
  const inter = book.interrogatives.find(clause).find((i) => clause.startsWith(i));
  if (inter) return inter;
  const [verb, subject] = ws as [string, string];
  if (book.questionVerbs.has(verb) && book.subjects.has(subject)) {
    // Subject-drop statements ("Heb mijn stempas ontvangen", "Ben benieuwd") are not questions.
    if (/^(heb|ben)$/.test(verb) && !/^(ik|je|jij|u|jullie|we|wij|er|het|iemand)$/.test(subject)) return undefined;
    return verb;
  }
  return undefined;
}
