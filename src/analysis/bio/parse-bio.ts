import { CHANNELS, type BioFields, type Channel, type StatedHours } from '../../model/index.js';
import type { PhraseBook } from '../phrases.js';
import { boundedText, EMAIL_RE, MENTION_RE, URL_RE } from '../text.js';
import { segmentChannels } from './channels.js';
import { parseHours } from './hours.js';
import { splitSegments, type Segment } from './segments.js';

/** Version of the parser, stored with each parsed bio so history can be re-parsed when it changes. */
export const BIO_PARSER_VERSION = 1;

const PROMISE_RE =
  /(?:binnen|within)\s+(het|een|één|an|one|\d+(?:[.,]\d+)?|twee|drie|vier|vijf|zes|acht|tien|twaalf|two|three|four|six|eight|twelve)\s*(uur|u|werkdagen|werkdag|dagen|dag|minuten|min|kwartier|hours|hour|business days|business day|working days|working day|days|day|minutes)(?!\p{L})/iu;
const NUMBERS: Record<string, number> = {
  het: 1,
  een: 1,
  één: 1,
  an: 1,
  one: 1,
  twee: 2,
  two: 2,
  drie: 3,
  three: 3,
  vier: 4,
  four: 4,
  vijf: 5,
  zes: 6,
  six: 6,
  acht: 8,
  eight: 8,
  tien: 10,
  twaalf: 12,
  twelve: 12,
};

/** A promised response time in hours ("binnen 24 uur" = 24, "binnen 2 werkdagen" = 48), or null. */
export function parsePromise(text: string): number | null {
  const m = text.toLowerCase().match(PROMISE_RE);
  if (!m) return null;
  const n = NUMBERS[m[1]!] ?? Number(m[1]!.replace(',', '.'));
  const unit = m[2]!;
  if (/^(min|minuten|minutes)$/.test(unit)) return n / 60;
  if (unit === 'kwartier') return n / 4;
  if (/dag|day/.test(unit)) return n * 24;
  return n;
}

interface SegmentFacts {
  seg: Segment;
  ask: boolean;
  webcare: boolean;
  redirect: boolean;
  invite: boolean;
  hours: StatedHours[];
}

/**
 * Parses a profile text into the fields of METHOD.md section 5: where it sends people, whether it
 * says it is not monitored or invites questions, its stated hours and any promised response time.
 * `selfHandle` (without '@') keeps a bio that names its own account from counting as deflection.
 */
export function parseBio(full: string, book: PhraseBook, selfHandle?: string): BioFields {
  // Bios are at most a few hundred characters; a longer text is read as far as READ_CHARS.
  const bio = boundedText(full);
  const segs = splitSegments(bio);
  const channels = new Set<Channel>();
  let deflects = false;
  let invites = false;
  const hours: StatedHours[] = [];
  let prev: SegmentFacts | undefined;
  for (const seg of segs) {
    const t = seg.text;
    // Cue words inside handles or addresses ("@Webcare_AD") say nothing about this account.
    const words = t.replace(EMAIL_RE, ' ').replace(MENTION_RE, ' ').replace(URL_RE, ' ');
    const cues = book.bio.contact_cues.find(words);
    const webcare = cues.some((c) => c.startsWith('webcare'));
    const ask = cues.some((c) => !c.startsWith('webcare'));
    const redirect = book.bio.redirect_verbs.test(words);
    const inviteWords = book.bio.invites.test(words);
    // A short "Vragen?" or "Melding?" lends its context to the segment after it.
    const carried = prev && /\?$/.test(prev.seg.text) && prev.seg.text.split(' ').length <= 5 ? prev : undefined;
    const contact = ask || webcare || redirect || Boolean(carried?.ask || carried?.webcare);
    const serviceContext =
      inviteWords ||
      book.bio.hours_cues.test(words) ||
      Boolean(carried) ||
      (prev ? book.bio.hours_cues.test(prev.seg.text) && prev.seg.text.split(' ').length <= 4 : false);
    const segHours = parseHours(seg, serviceContext, book.bio.limited);
    hours.push(...segHours);
    // URLs are a channel where questions or reports are sent to them, not next to "Webcare 9-17".
    const found = segmentChannels(seg, contact, ask || redirect || Boolean(carried?.ask), book, selfHandle);
    found.channels.forEach((c) => channels.add(c));
    const selfNamed =
      Boolean(selfHandle) && new RegExp(`@${selfHandle}(?![\\w.])`, 'i').test(seg.original.replace(EMAIL_RE, ' '));
    const servedHere = (webcare || /\b(bereikbaar|online)\b/.test(words)) && segHours.length > 0;
    // "Webcare ma-vr 7-20 of bel 0800-...": another channel offered next to answering here.
    const alternative = /\b(of|or|ook|also)\b/.test(t);
    const invite =
      (inviteWords && !redirect && !found.elsewhere.has('account')) ||
      (servedHere && (found.elsewhere.size === 0 || alternative)) ||
      (contact && selfNamed) ||
      (Boolean(carried?.ask) && /\b(hier|tweet ons)\b/.test(t) && found.elsewhere.size === 0);
    const pointsAway =
      found.elsewhere.size > 0 &&
      (ask ||
        redirect ||
        carried?.ask ||
        carried?.webcare ||
        (webcare && [...found.elsewhere].some((c) => c !== 'web')));
    if (pointsAway && !invite && !(alternative && invites)) deflects = true;
    if (book.bio.not_here.test(words)) deflects = true;
    invites ||= invite;
    prev = { seg, ask, webcare, redirect, invite, hours: segHours };
  }
  const notMonitored = segs.some(
    (s) =>
      book.bio.not_monitored.test(s.text) &&
      !book.bio.limited.test(s.text) &&
      parseHours(s, true, book.bio.limited).length === 0,
  );
  if (notMonitored) invites = false;
  return {
    deflects,
    channels: CHANNELS.filter((c) => channels.has(c)),
    notMonitored,
    invitesQuestions: invites,
    hours: dedupe(hours),
    promise: parsePromise(bio),
  };
}

function dedupe(hours: StatedHours[]): StatedHours[] {
  const seen = new Set<string>();
  return hours.filter((h) => {
    const k = JSON.stringify(h);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
