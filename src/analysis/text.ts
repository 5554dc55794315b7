/** Text helpers shared by the classifier, the response reader and the bio parser. Pure. */

export const URL_RE = /\b(?:https?:\/\/|www\.)[^\s]+/gi;
export const MENTION_RE = /(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?/g;
/**
 * Dutch phone numbers as gemeenten write them: 14 + netnummer ("14 038", "14 05 14"), 0800/0900/0880
 * service numbers, mobiles, landlines, and 112/144 after "bel". Shared by the bio parser and the
 * response reader.
 */
export const PHONE_RE =
  /(?<![\d/.])(?:\+31[\s-]?\(?0?\)?[\s-]?\d[\d\s-]{7,}\d|14[\s-]?0\d{2,3}\b|14\s\d{2}\s\d{2}\b|0[89]\d{2}[\s-]?\d{3,4}(?:[\s-]?\d{2,3})?|06[\s-]?\d{8}|06[\s-]?\d{4}[\s-]?\d{4}|\(0\d{2,3}\)[\s-]?\d{3}[\s-]?\d{2,4}[\s-]?\d{0,3}|0\d{2,3}[\s-]\d{6,7}|0\d{2,3}[\s-]\d{3}[\s-]?\d{3,4}|(?<=\b(?:bel|bellen|call|spoed)\s(?:(?:direct|meteen|even|gelijk|dan)\s)?(?:naar\s|op\s)?)1[14][24]\b)(?!\d)/gi;
/** Bare domains ("zwolle.nl/afval") that are links without http or www. */
export const DOMAIN_RE =
  /(?<![@\w.])(?:[a-z0-9-]+\.)+(?:nl|com|org|eu|info|net|frl|amsterdam|gov)(?:\/\S*)?(?![\w@])/gi;
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export interface Normalized {
  /** Lowercased text without URLs and @mentions; hashtags become words; emoji dropped; spaces collapsed. */
  text: string;
  hasUrl: boolean;
  mentions: number;
}

/** Normalizes a post for phrase matching. */
export function normalizePost(raw: string): Normalized {
  let hasUrl = false;
  let mentions = 0;
  const text = raw
    .normalize('NFC')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(URL_RE, () => ((hasUrl = true), ' '))
    .replace(EMAIL_RE, ' email ')
    .replace(MENTION_RE, () => (mentions++, ' '))
    .replace(/#(\p{L}[\p{L}\p{N}_]*)/gu, '$1')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return { text, hasUrl, mentions };
}

/** Splits normalized text into sentences, each with whether it ended in a question mark. */
export function sentences(text: string): { text: string; question: boolean }[] {
  const out: { text: string; question: boolean }[] = [];
  const re = /([^.!?;\n]+)([.!?;\n]*)/g;
  for (const m of text.matchAll(re)) {
    const body = m[1]!.trim();
    if (body) out.push({ text: body, question: (m[2] ?? '').includes('?') });
  }
  return out;
}

/** Splits a sentence into clauses at commas, colons and dashes (for "..., wat moet ik doen"). */
export function clauses(sentence: string): string[] {
  return sentence
    .split(/\s*[,:–—]\s*|\s+-\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Words of a text (letters, digits and apostrophes). */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** How much of a post the analysis reads: no real question or reply is longer (METHOD.md 2). */
export const READ_CHARS = 5_000;
const LONG_TOKEN = /\S{200,}/g;

/**
 * The part of a text the classifier and the reader look at: the first READ_CHARS characters, with
 * any run of 200+ non-space characters cut to 200 (no word is that long, and the phrase matching
 * would otherwise take time quadratic in such a run: 80,000 characters took 6 s).
 */
export function boundedText(text: string): string {
  const head = text.length > READ_CHARS ? text.slice(0, READ_CHARS) : text;
  return head.replace(LONG_TOKEN, (t) => t.slice(0, 200));
}
