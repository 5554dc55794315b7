/**
 * Reads an organisation's reply as a careful reader would (METHOD.md 3, docs/method.md "Reading a
 * response"): each clause either gives substance, sends the person elsewhere, acknowledges or
 * promises, or is courtesy. Pure; the phrase lists come from config/phrases (response:).
 */
import type { Channel, ResponseKind } from '../../model/index.js';
import type { PhraseBook } from '../phrases.js';
import { boundedText, words } from '../text.js';
import { cleanReply, replyClauses, type ReplyClause } from './clauses.js';

/**
 * What a clause does. `substance` carries a concrete cue (a result, a time, a rule, a number);
 * `statement` says something without one, and counts as an answer only when the reply neither
 * sends elsewhere nor only promises ("de VOG wordt afgegeven door Justis, kijk op justis.nl").
 */
export type ClauseFunction = 'substance' | 'statement' | 'redirect' | 'acknowledge' | 'courtesy';

/** The reading of a reply: its kind, the rules that decided it, and the channels it points to. */
export interface ResponseReading {
  kind: ResponseKind;
  reasons: string[];
  channels: Channel[];
}

/** Options: the citizen post the reply answers, when known ("where do I report this?" is answered by a channel). */
export interface ReadOptions {
  request?: string;
}

const PLACEHOLDERS = new Set(['url', 'email', 'phone', 'xaccount']);

/** Reads one reply. Never throws; an empty reply is an acknowledgement (it only says something was seen). */
export function readResponse(full: string, book: PhraseBook, opts: ReadOptions = {}): ResponseReading {
  const clean = cleanReply(boundedText(full));
  const clauses = replyClauses(clean);
  const judged = judgeClauses(clauses, book);
  const reasons = judged.map((j) => `${j.fn}:${j.why}`);
  const channels = channelsOf(clean, book);
  const has = (fn: ClauseFunction) => judged.some((j) => j.fn === fn);
  const kind = decide(judged, has, book, opts.request === undefined ? undefined : boundedText(opts.request), reasons);
  return { kind, reasons, channels };
}

interface Judged {
  fn: ClauseFunction;
  why: string;
  clause: ReplyClause;
}

function judgeClauses(clauses: ReplyClause[], book: PhraseBook): Judged[] {
  const out: Judged[] = [];
  for (const clause of clauses) {
    const prev = out[out.length - 1];
    const afterRedirect = out.some((j) => j.fn === 'redirect');
    out.push({ ...judgeClause(clause, book, prev?.fn, afterRedirect), clause });
  }
  return out;
}

/**
 * Judges one clause; `before` is what the clause before it did ("..., dan kijken we ernaar"),
 * `afterRedirect` whether an earlier clause of the reply sent the person elsewhere.
 */
export function judgeClause(
  clause: ReplyClause,
  book: PhraseBook,
  before?: ClauseFunction,
  afterRedirect = false,
): { fn: ClauseFunction; why: string } {
  const t = clause.text;
  const r = book.response;
  const redirect = r.redirect.find(t)[0] ?? r.notHere.find(t)[0];
  if (redirect) return { fn: 'redirect', why: redirect };
  const directive = r.directives.find(t)[0];
  // "Kun je gratis terecht bij Buurtbemiddeling: 072 ...": the channel may sit in the next clause.
  const elsewhere = r.elsewhere.find(t)[0] ?? placeholder(t) ?? (directive ? placeholder(clause.sentence) : undefined);
  if (elsewhere && directive) return { fn: 'redirect', why: `${directive}+${elsewhere}` };
  const org = r.otherOrgs.find(t)[0] ?? (/\bxaccount\b/.test(t) ? 'xaccount' : undefined);
  // "Dit valt onder het waterschap, zij helpen je verder": the pointer may sit in the next clause.
  const pointer = r.pointers.find(t)[0] ?? (org ? r.pointers.find(clause.sentence)[0] : undefined);
  if (org && pointer) return { fn: 'redirect', why: `${org}+${pointer}` };
  // "..., dan pakken onze collega's het op": what follows a redirect or a promise adds nothing.
  const followOn = r.followOn.find(t)[0];
  if (followOn && (before === 'redirect' || before === 'acknowledge'))
    return { fn: 'courtesy', why: `then:${followOn}` };
  const ack = r.acknowledge.find(t)[0] ?? separableForwarding(t);
  const staff = r.staff.find(t)[0];
  // "Melding van gemaakt" is an acknowledgement, not the result "gemaakt": look past the ack phrase.
  const concrete = concreteCue(ack ? t.replace(ack, ' ') : t, book);
  // A time with a promise is when the follow-up comes ("we komen er deze week op terug"), not an answer.
  if (ack && (!concrete || concrete.kind === 'time')) return { fn: 'acknowledge', why: ack };
  // "De milieudienst is ingelicht", "ligt nu bij de projectleider": handed to colleagues, nothing more.
  if (staff && !concrete) return { fn: 'acknowledge', why: `handed-to:${staff}` };
  // "Sorry dat het zo lang duurt", "goede vraag": empathy and thanks, however many words.
  const opener = r.empathy.find(t)[0];
  if (opener && t.startsWith(opener) && !concrete) return { fn: 'courtesy', why: `empathy:${opener}` };
  const content = contentWords(t, book);
  // "Dat hangt van de situatie af": no answer yet, whatever it mentions.
  if (/\bhangt\b.*\baf\b|\bdepends\b/.test(t) && content.length >= 1) return { fn: 'statement', why: 'depends' };
  if (concrete && content.length >= 1) {
    // "Hij wordt zo snel mogelijk weggehaald": a result promised without a time is a promise.
    const promised = /\b(wordt|worden|zal|zullen|gaat|gaan|moet|moeten|will)\b/.test(t) && !timeCue(t, book);
    if (concrete.kind === 'result' && promised) return { fn: 'acknowledge', why: `promise:${concrete.cue}` };
    // The opening hours of the phone line or counter just named are part of the redirect.
    if (concrete.kind === 'time' && afterRedirect && !book.response.substance.test(t))
      return { fn: 'courtesy', why: `channel-hours:${concrete.cue}` };
    return { fn: 'substance', why: concrete.cue };
  }
  if (content.length >= 2) return { fn: 'statement', why: `says:${content.slice(0, 3).join(' ')}` };
  if (elsewhere) return { fn: 'redirect', why: `names:${elsewhere}` };
  return { fn: 'courtesy', why: content.length ? `short:${content[0]}` : 'courtesy' };
}

/**
 * Dutch separable verbs of forwarding split around their object: "we zetten je vraag door",
 * "we leggen hem bij parkeren neer", "we laten het checken door de webredactie". Returns the verb.
 */
function separableForwarding(t: string): string | undefined {
  const m =
    t.match(/\b(zet|zetten|geef|geven|stuur|sturen|speel|spelen)\b(?:\s+\S+){1,6}?\s+door\b/) ??
    t.match(/\b(leg|leggen)\b(?:\s+\S+){1,6}?\s+neer\b/) ??
    t.match(/\b(laat|laten)\b(?:\s+\S+){0,6}?\s+(checken|bekijken|nakijken|uitzoeken|navragen|onderzoeken|weten)\b/) ??
    // Promises split around a time or an object: "die neemt deze week contact met je op", "kom er morgen op terug".
    t.match(/\b(neem|neemt|nemen)\b(?:\s+\S+){0,6}?\s+contact\b/) ??
    t.match(/\b(kom|komt|komen)\b(?:\s+\S+){0,6}?\s+terug\b/) ??
    t.match(/\b(heb|hebben|heeft)\b(?:\s+\S+){0,6}?\s+(gemeld|doorgegeven|doorgezet|neergelegd)\b/);
  return m?.[0];
}

/** A concrete cue of substance: a result, a time or date, a rule word, a number, a plain yes or no. */
function concreteCue(t: string, book: PhraseBook): { cue: string; kind: 'result' | 'time' | 'other' } | undefined {
  const result = book.response.results.find(t)[0];
  if (result) return { cue: result, kind: 'result' };
  const time = timeCue(t, book);
  if (time) return { cue: time, kind: 'time' };
  const other =
    book.response.substance.find(t)[0] ??
    t.match(/^(ja|nee|yes|no)\b/)?.[0] ??
    // "het zwembad blijft deze zomer gewoon open": open or closed, whatever stands between.
    t.match(/\b(blijft|blijven|gaat|gaan|is|zijn)\b(?:\s+\S+){0,4}?\s+(open|dicht|gesloten|geopend)\b/)?.[0];
  return other ? { cue: other, kind: 'other' } : undefined;
}

/** A day, date, time of day or other number (phone numbers were replaced by placeholders before). */
function timeCue(t: string, book: PhraseBook): string | undefined {
  return book.response.times.find(t)[0] ?? t.match(/\d+(?:[.:]\d+)?/)?.[0];
}

/** Words that carry content: not stop words, not courtesy, not the placeholders of links and numbers. */
function contentWords(t: string, book: PhraseBook): string[] {
  const stripped = book.response.courtesy.find(t).reduce((s, c) => s.replace(c, ' '), t);
  return words(stripped).filter(
    (w) => !PLACEHOLDERS.has(w) && !book.languages.some((l) => l.stopwords.has(w)) && !book.response.filler.has(w),
  );
}

function placeholder(t: string): string | undefined {
  return words(t).find((w) => PLACEHOLDERS.has(w));
}

function decide(
  judged: Judged[],
  has: (fn: ClauseFunction) => boolean,
  book: PhraseBook,
  request: string | undefined,
  reasons: string[],
): ResponseKind {
  if (has('substance')) return 'answer';
  if (has('redirect')) {
    const all = judged.map((j) => j.clause.text).join(' . ');
    // The team registered or forwarded it itself and tips the app "for next time": acknowledged.
    if (has('acknowledge') && book.response.nextTime.test(all)) {
      reasons.push('rule:handled-and-tip-for-next-time');
      return 'acknowledge';
    }
    // "Where do I report this?" answered with the app, site or counter to do it is the answer itself;
    // moving the conversation (mail us, DM, call) or refusing this channel never is.
    if (
      request &&
      book.response.asksWhere.test(request.toLowerCase()) &&
      judged.every((j) => servicePointer(j, book))
    ) {
      reasons.push('rule:request-asks-where-or-how');
      return 'answer';
    }
    return 'redirect';
  }
  if (has('acknowledge')) return 'acknowledge';
  return has('statement') ? 'answer' : 'acknowledge';
}

/** A clause that is courtesy, or a redirect to a place where the thing itself is done (app, site, counter). */
function servicePointer(j: Judged, book: PhraseBook): boolean {
  if (j.fn !== 'redirect') return j.fn === 'courtesy' || j.fn === 'statement';
  const t = j.clause.text;
  if (book.response.notHere.test(t) || book.response.conversation.test(t)) return false;
  // Any channel the phrase lists name (app, site, form, counter) or a link; conversation channels are out above.
  return book.response.elsewhere.test(t) || /\burl\b/.test(t);
}

/** The channels a reply points to (sorted, unique), as in the bio fields. */
function channelsOf(clean: string, book: PhraseBook): Channel[] {
  const found = new Set<Channel>();
  const w = new Set(words(clean));
  if (w.has('email')) found.add('email');
  if (w.has('phone') || /\b(bel|bellen|telefonisch|call us)\b/.test(clean)) found.add('phone');
  if (w.has('url') || /\b(website|formulier|contactformulier|webformulier|site)\b/.test(clean)) found.add('web');
  if (w.has('xaccount')) found.add('account');
  if (book.bio.apps.test(clean)) found.add('app');
  if (book.bio.counter.test(clean)) found.add('counter');
  if (book.bio.dm.test(clean)) found.add('dm');
  if (book.bio.whatsapp.test(clean)) found.add('whatsapp');
  return [...found].sort();
}
