import type { ResponseKind } from '../model/index.js';
import type { PhraseBook } from './phrases.js';
import { EMAIL_RE, URL_RE, words } from './text.js';

const PHONE = /\b(14\s?0\d{2,3}|0[89]00[\s-]?\d{3,4}|0\d{2,3}[\s-]?\d{6,7})\b/;
const GREETING = /^(hoi|hallo|hey|hi|beste|goedemorgen|goedemiddag|goedenavond|dag)\b[^,!.?]{0,30}[,!]\s*/i;
// Greetings, thanks, apologies and signatures ("^AB", "Groet, Anna") carry no answer.
const SOCIAL = /^(hoi|hallo|hey|hi|beste|goedemorgen|goedemiddag|goedenavond|dag|bedankt|dank|thanks|sorry|excuses|vervelend|jammer|fijne dag|groet|groeten|gr|mvg|met vriendelijke groet|succes|\^)\b/;

/**
 * Reads an organisation's response: `redirect` when it only sends the person elsewhere (mail,
 * phone, website or form, an app, DM, the counter), `acknowledge` when it only acknowledges
 * ("we zoeken het uit"), `answer` when any sentence says something of substance.
 */
export function responseKind(text: string, book: PhraseBook): ResponseKind {
  const clean = text.replace(/(?<![\w@])@\w+/g, ' ').replace(/\s+/g, ' ').trim();
  const parts = clean.split(/(?<=[.!?])\s+|\n+/).map((p) => p.trim()).filter(Boolean);
  let redirect = false;
  let acknowledge = false;
  let content = false;
  for (const raw of parts) {
    // "Hoi Piet, het grofvuil ...": the greeting in front is not the sentence.
    const part = raw.replace(GREETING, '').trim() || raw;
    const lower = part.toLowerCase();
    const isRedirect = book.redirect.test(lower) || EMAIL_RE.test(part) || URL_RE.test(part) || PHONE.test(part);
    EMAIL_RE.lastIndex = 0;
    URL_RE.lastIndex = 0;
    if (isRedirect) redirect = true;
    else if (book.acknowledge.test(lower)) acknowledge = true;
    else if (!SOCIAL.test(lower) && words(lower).length >= 1) content = true;
  }
  if (content) return 'answer';
  if (redirect) return 'redirect';
  if (acknowledge) return 'acknowledge';
  return 'acknowledge'; // only greetings and thanks
}
