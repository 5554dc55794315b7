/**
 * Splits an organisation's reply into the clauses whose function the reader judges, after taking
 * off what is never content: @mentions in front, a greeting with a name, a signature. Links,
 * e-mail addresses and phone numbers become placeholder words (url, email, phone, xaccount) so the phrase
 * lists can name them. Pure.
 */
import { DOMAIN_RE, EMAIL_RE, MENTION_RE, PHONE_RE, URL_RE } from '../text.js';

/** One clause of a reply: its normalized text and the original it came from. */
export interface ReplyClause {
  text: string;
  /** The sentence this clause belongs to (normalized), for rules that read across commas. */
  sentence: string;
}

// "^AB", "^Mark", "-Sanne", "Groet, Mark", "Gr. Lisa", "Mvg, team webcare", "Team Webcare" at the end.
const SIGNATURE_RE =
  /(?:\s*(?<![\p{L}\p{N}])(?:\^\s?[\p{L}]{1,12}|[-–]\s?[\p{Lu}][\p{L}]{1,12}|(?:met\s+)?(?:vriendelijke\s+)?(?:groet(?:en|jes)?|gr\.?|grt\.?|mvg\.?|kind regards|regards|best|cheers)(?![\p{L}])[,.!]?\s*(?:[\p{L}]+\s*){0,3}|team\s+webcare(?:\s+[\p{L}]+)?|webcare\s*team))\s*[.!]?\s*$/iu;
const LEADING_MENTIONS_RE = /^(?:\s*@[\w.]+(?:@[\w.-]+)?)+/;

/** Cleans a reply: leading @mentions and a trailing signature off, links and addresses as placeholders. */
export function cleanReply(raw: string): string {
  let t = raw
    .normalize('NFC')
    .replace(/&amp;/g, '&')
    .replace(/[’‘`´]/g, "'")
    .replace(LEADING_MENTIONS_RE, ' ')
    .trim();
  for (let i = 0; i < 2; i++) t = t.replace(SIGNATURE_RE, '').trim();
  return (
    t
      // A contact page moves the conversation like an e-mail address does: keep that word.
      .replace(URL_RE, (u) => (/contact/i.test(u) ? ' url contact ' : ' url '))
      .replace(EMAIL_RE, ' email ')
      .replace(DOMAIN_RE, ' url ')
      .replace(PHONE_RE, ' phone ')
      // A case or melding number is a reference, not a fact the citizen asked for.
      .replace(
        /\b(nummer|nr\.?|kenmerk|zaaknummer|meldnummer|meldingsnummer|referentie|reference)\s*:?\s*[\w-]*\d[\w-]*/gi,
        '$1 ref',
      )
      .replace(MENTION_RE, ' xaccount ')
      .replace(/#(\p{L}[\p{L}\p{N}_]*)/gu, '$1')
      // Emoji end a thought the way a full stop does ("staat erin 👍 fijne dag").
      .replace(/\p{Extended_Pictographic}/gu, ' . ')
      .replace(/\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu, '')
      .replace(/[:;]-?[)(dp]/gi, ' . ')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The clauses of a cleaned reply: split at sentence ends, then at commas, semicolons and "maar". */
export function replyClauses(clean: string): ReplyClause[] {
  const out: ReplyClause[] = [];
  // A full stop between digits is a time or a number ("8.30 uur"), not the end of a sentence.
  for (const m of clean.matchAll(/(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?\n]*/g)) {
    const sentence = m[0].replace(/[.!?\n]+$/, '').trim();
    if (!sentence) continue;
    for (const part of sentence.split(/\s*[,;:–—]\s*|\s+-\s+|\s+(?=maar\s)|\s+(?=but\s)/)) {
      const text = part.trim();
      if (/[\p{L}\p{N}]/u.test(text)) out.push({ text, sentence });
    }
  }
  return out;
}
