import type { Classification } from '../model/index.js';
import { detectLanguage } from './lang.js';
import type { PhraseBook } from './phrases.js';
import { boundedText, clauses, normalizePost, sentences, words } from './text.js';

export interface ClassifyContext {
  /** A repost/retweet, or a quote without text of its own: never a request (METHOD.md 2.3). */
  repost?: boolean;
}

interface Evidence {
  score: number;
  reasons: string[];
}

const round = (n: number) => Math.round(Math.min(n, 0.99) * 100) / 100;

/**
 * Classifies a post as question, report (melding) or other, with a score in 0..1, the language
 * and the rules that decided it. Pure; the phrase lists come from config/phrases.
 *
 * Two sums of evidence decide: one for asking (question mark, a question opening, a request
 * phrase; a complaining tone cancels most of it) and one for a melding (a public-space object,
 * its state, where it is). A clear melding wins over a question about it ("... al weken kapot,
 * wanneer wordt dit gemaakt?"); otherwise asking wins; thanks, praise and news are other.
 */
export function classify(full: string, book: PhraseBook, ctx: ClassifyContext = {}): Classification {
  const text = boundedText(full);
  const norm = normalizePost(text);
  const lang = detectLanguage(norm.text, book);
  if (ctx.repost || /^\s*rt\s+@/i.test(text)) return { kind: 'other', score: 0.99, lang, reasons: ['repost'] };
  if (words(norm.text).length === 0) return { kind: 'other', score: 0.95, lang, reasons: ['no-text'] };

  const t = norm.text;
  const reaction = [...book.thanks.find(t), ...book.news.find(t), ...book.opinion.find(t)];
  const ask = askEvidence(t, book);
  const tone = book.complaint.find(t);
  const report = reportEvidence(
    t,
    book,
    reaction.length > 0,
    ask.score === 0 && tone.length === 0 && words(t).length >= 5,
  );
  const ownReportStatus = /melding (gedaan|gemaakt)|\bgemeld\b/.test(t) && ask.score >= 0.45;

  // A clear melding wins over a question about it, unless the post explicitly asks for something else.
  const explicitAsk = ask.reasons.some((r) => r.startsWith('request:'));
  if (report.score >= (explicitAsk ? 1 : 0.8) && !ownReportStatus)
    return { kind: 'report', score: round(report.score), lang, reasons: report.reasons };
  if (ask.score >= 0.45)
    return { kind: 'question', score: round(Math.max(0.5, ask.score)), lang, reasons: ask.reasons };
  if (report.score >= 0.6) return { kind: 'report', score: round(report.score), lang, reasons: report.reasons };
  const service = serviceComplaint(t, book, reaction.length > 0);
  if (service.length) return { kind: 'report', score: 0.7, lang, reasons: service };
  const reasons = [...ask.reasons.filter((r) => r.startsWith('rhetorical')), ...reaction.map((r) => `reaction:${r}`)];
  return {
    kind: 'other',
    score: reasons.length ? 0.9 : 0.7,
    lang,
    reasons: reasons.length ? reasons : ['no-request-signal'],
  };
}

function askEvidence(t: string, book: PhraseBook): Evidence {
  const reasons: string[] = [];
  const requests = book.request.find(t);
  const rhetorical = book.rhetorical.find(t).map((r) => `rhetorical:${r}`);
  let qmark = false;
  const openings: string[] = [];
  for (const sentence of sentences(t)) {
    qmark ||= sentence.question;
    const opened = clauses(sentence.text)
      .map((c) => openingQuestion(stripGreetings(c, book), sentence.question, book))
      .filter((o): o is string => Boolean(o));
    openings.push(...opened);
    if (sentence.question && opened.length && !requests.length)
      rhetorical.push(...complaintTone(sentence.text, opened, t, book));
  }
  // Indirect questions ("wil graag weten of ...", "vroeg me af wanneer ...") ask just as well.
  const indirect = t.match(
    /\b(weten|vragen|horen|nagaan|checken|informeren|wonder|know)\s+(of|wanneer|hoe|waar|wat|wie|welke|hoeveel|if|whether|when|how|where|what)\b/,
  );
  if (indirect) requests.push(`indirect:${indirect[0]}`);
  let score = (qmark ? 0.45 : 0) + (openings.length ? 0.45 : 0) + (requests.length ? 0.6 : 0);
  if (qmark) reasons.push('question-mark');
  reasons.push(...[...new Set(openings)].map((o) => `opens:${o}`), ...requests.map((r) => `request:${r}`));
  // "Wie heeft dat bedacht?": asking who invented something is a complaint, not a question.
  if (openings.includes('wie') && /\b(bedacht|verzonnen|bedenkt|verzint|thought of|came up with)\b/.test(t))
    rhetorical.push('rhetorical:who-invented');
  if (rhetorical.length) {
    score *= requests.length ? 0.6 : 0.15;
    reasons.push(...new Set(rhetorical));
  }
  return { score: Math.min(score, 0.98), reasons };
}

/**
 * `declarative`: the post asks nothing, complains about nothing and is long enough to describe
 * something. Addressed to a gemeente, such a statement about a public-space object is most often a
 * melding ("straatverlichting aan de Laan is al 4 avonden uit"), so it gets a bonus.
 */
function reportEvidence(t: string, book: PhraseBook, reaction: boolean, declarative: boolean): Evidence {
  const objects = book.reportObjects.find(t);
  const strong = book.reportStrongStates.find(t);
  const states = book.reportStates.find(t).filter((s) => !strong.includes(s));
  const phrases = book.reportPhrases.find(t);
  const damage = book.damage.find(t);
  // "Doet het (alweer) niet", "gaat niet meer dicht": a thing that does not work.
  const broken = t.match(
    /\b(doet|doen|werkt|werken|brandt|branden|gaat|gaan|sluit|sluiten|opent|springt|loopt|lopen|draait|draaien|reageert)\b(?:\s+\S+){0,3}?\s+niet\b/,
  );
  if (broken) damage.push(broken[0]);
  const off = t.match(/\b(is|zijn|staat|staan|gaat|gaan)\b(?:\s+[^\s.!?]+){0,4}?\s+uit\b/);
  if (off && objects.length) damage.push(off[0]);
  const located =
    book.reportLocations.test(t) || /\b\p{L}+(straat|weg|laan|plein|park|singel|kade|dijk|pad|gracht)\b/u.test(t);
  const existential = book.reportExistentials.find(t);
  let score =
    (phrases.length ? 0.6 : 0) +
    (strong.length || damage.length ? 0.5 : 0) +
    (objects.length ? 0.3 : 0) +
    (states.length ? 0.3 : 0);
  if (score > 0) score += (located ? 0.2 : 0) + (existential.length ? 0.2 : 0);
  if (objects.length && !strong.length && !damage.length && !states.length && !phrases.length)
    score = Math.min(score, 0.5);
  if (declarative && !reaction && (objects.length || states.length)) score += 0.2;
  // Thanks or praise about a fixed lamp is a reaction, not a new melding.
  if (reaction && !phrases.length) score -= 0.4;
  const reasons = [
    ...phrases.map((p) => `report:${p}`),
    ...[...strong, ...damage].map((s) => `state:${s}`),
    ...objects.slice(0, 2).map((o) => `object:${o}`),
    ...states.slice(0, 2).map((s) => `state:${s}`),
    ...(located ? ['located'] : []),
    ...existential.map((e) => `says:${e}`),
    ...(declarative && !reaction && (objects.length || states.length) ? ['describes-a-situation'] : []),
  ];
  return { score, reasons };
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

  // "Wanneer wordt het nou geregeld?", "is het nou klaar of niet?": impatient, but a real question.
  // In a wh-question "nou" is emphasis ("wat is nou het verschil?"); rhetorical ones have other cues.
  const impatient = wh || opened.includes('wanneer') || /\b(of niet|hoe zit het)\b/.test(sentence);
  const absolutesHere = impatient ? absolutes.filter((a) => a !== 'nou') : absolutes;
  const tone = wh
    ? [...absolutesHere, ...complaint]
    : [...absolutesHere.filter((a) => /^(nou|nooit|zoveelste|weer eens|never)$/.test(a)), ...complaint];
  return tone.map((w) => `rhetorical:tone:${w}`);
}

/**
 * A complaint or reminder about the organisation's own service, about the writer's own case
 * ("ik wacht al zes weken op mijn toeslag", "dubbel betaald voor mijn vergunning"): it asks the
 * organisation to act, so it is a report (METHOD.md 2). Praise ("eindelijk opgehaald, top!") is not.
 * Returns the reasons, or none.
 */
function serviceComplaint(t: string, book: PhraseBook, reaction: boolean): string[] {
  const strong = book.serviceComplaintStrong.find(t);
  const weak = book.personal.test(t) ? book.serviceComplaint.find(t) : [];
  const found = [...strong, ...weak];
  if (!found.length) return [];
  // Thanks or praise without a "nog" / "geen" of waiting is a reaction, not a complaint.
  if (reaction && !/\b(nog|geen|niet|weer|still|no|not)\b/.test(t)) return [];
  return [...new Set(found)].slice(0, 3).map((f) => `complaint:${f}`);
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
  // "Op welke dagen ...", "Bij wie ...", "Vanaf wanneer ...": a preposition before the question word.
  const body = clause.replace(
    /^(op|in|bij|met|voor|naar|om|tot|vanaf|sinds|van|aan|over|onder|per|at|on|for|with|to|from)\s+(?=\S)/,
    '',
  );
  const inter = book.interrogatives.find(body).find((i) => body.startsWith(i));
  if (inter) return inter;
  const [verb, subject] = ws as [string, string];
  if (book.questionVerbs.has(verb) && book.subjects.has(subject)) {
    // Subject-drop statements ("Heb mijn stempas ontvangen", "Ben benieuwd") are not questions.
    if (/^(heb|ben)$/.test(verb) && !/^(ik|je|jij|u|jullie|we|wij|er|het|iemand)$/.test(subject)) return undefined;
    return verb;
  }
  return undefined;
}
