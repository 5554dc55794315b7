/**
 * Reads an organisation's reply as a careful reader would (METHOD.md 3, docs/method.md "Reading a
 * response"): each clause either gives substance, sends the person elsewhere, acknowledges or
 * promises, or is courtesy. Pure; the phrase lists come from config/phrases (response:).
 */
import type { Channel, ResponseKind } from '../../model/index.js';
import type { PhraseBook } from '../phrases.js';
import { words } from '../text.js';
import { cleanReply, replyClauses, type ReplyClause } from './clauses.js';

/** What a clause does. */
export type ClauseFunction = 'substance' | 'redirect' | 'acknowledge' | 'courtesy';

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

const PLACEHOLDERS = new Set(['url', 'email', 'phone', 'account']);

/** Reads one reply. Never throws; an empty reply is an acknowledgement (it only says something was seen). */
export function readResponse(text: string, book: PhraseBook, opts: ReadOptions = {}): ResponseReading {
  const clean = cleanReply(text);
  const clauses = replyClauses(clean);
  const judged = judgeClauses(clauses, book);
  const reasons = judged.map((j) => `${j.fn}:${j.why}`);
  const channels = channelsOf(clean, book);
  const has = (fn: ClauseFunction) => judged.some((j) => j.fn === fn);
  const kind = decide(judged, has, book, opts.request, reasons);
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
    out.push({ ...judgeClause(clause, book, prev?.fn), clause });
  }
  return out;
}

/** Judges one clause; `before` is what the clause before it did ("..., dan kijken we ernaar"). */
export function judgeClause(
  clause: ReplyClause,
  book: PhraseBook,
  before?: ClauseFunction,
): { fn: ClauseFunction; why: string } {
  const t = clause.text;
  const r = book.response;
  const redirect = r.redirect.find(t)[0] ?? r.notHere.find(t)[0];
  if (redirect) return { fn: 'redirect', why: redirect };
  const elsewhere = r.elsewhere.find(t)[0] ?? placeholder(t);
  const directive = r.directives.find(t)[0];
  if (elsewhere && directive) return { fn: 'redirect', why: `${directive}+${elsewhere}` };
  const org = r.otherOrgs.find(t)[0];
  // "Dit valt onder het waterschap, zij helpen je verder": the pointer may sit in the next clause.
  const pointer = r.pointers.find(t)[0] ?? (org ? r.pointers.find(clause.sentence)[0] : undefined);
  if (org && pointer) return { fn: 'redirect', why: `${org}+${pointer}` };
  const ack = r.acknowledge.find(t)[0];
  // "Melding van gemaakt" is an acknowledgement, not the result "gemaakt": look past the ack phrase.
  const rest = ack ? t.replace(ack, ' ') : t;
  // A number that is not a phone number (placeholders took those) is a time, a date, a price, a count.
  const concrete = r.substance.find(rest)[0] ?? rest.match(/\d+(?:[.:]\d+)?/)?.[0];
  if (ack && !concrete) return { fn: 'acknowledge', why: ack };
  // "..., dan pakken onze collega's het op": what follows a redirect or an acknowledgement adds nothing.
  const followOn = r.followOn.find(t)[0];
  if (followOn && !concrete && before && before !== 'substance') return { fn: 'courtesy', why: `then:${followOn}` };
  const content = contentWords(t, book);
  if (concrete && content.length >= 1) return { fn: 'substance', why: concrete };
  if (content.length >= 2) return { fn: 'substance', why: `says:${content.slice(0, 3).join(' ')}` };
  if (elsewhere) return { fn: 'redirect', why: `names:${elsewhere}` };
  return { fn: 'courtesy', why: content.length ? `short:${content[0]}` : 'courtesy' };
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
  return 'acknowledge';
}

/** A clause that is courtesy, or a redirect to a place where the thing itself is done (app, site, counter). */
function servicePointer(j: Judged, book: PhraseBook): boolean {
  if (j.fn !== 'redirect') return j.fn === 'courtesy';
  const t = j.clause.text;
  if (book.response.notHere.test(t) || book.response.conversation.test(t)) return false;
  return /\b(app|url|website|site|formulier|webformulier|balie|loket|servicepunt|fixi|buitenbeter|mijngemeente|signalen)\b/.test(
    t,
  );
}

/** The channels a reply points to (sorted, unique), as in the bio fields. */
function channelsOf(clean: string, book: PhraseBook): Channel[] {
  const found = new Set<Channel>();
  const w = new Set(words(clean));
  if (w.has('email')) found.add('email');
  if (w.has('phone') || /\b(bel|bellen|telefonisch|call us)\b/.test(clean)) found.add('phone');
  if (w.has('url') || /\b(website|formulier|contactformulier|webformulier|site)\b/.test(clean)) found.add('web');
  if (w.has('account')) found.add('account');
  if (book.bio.apps.test(clean)) found.add('app');
  if (book.bio.counter.test(clean)) found.add('counter');
  if (book.bio.dm.test(clean)) found.add('dm');
  if (book.bio.whatsapp.test(clean)) found.add('whatsapp');
  return [...found].sort();
}
