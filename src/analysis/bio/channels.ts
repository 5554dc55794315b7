import type { Channel } from '../../model/index.js';
import type { PhraseBook } from '../phrases.js';
import { DOMAIN_RE, EMAIL_RE, MENTION_RE, PHONE_RE, URL_RE } from '../text.js';
import type { Segment } from './segments.js';

export interface SegmentChannels {
  /** Contact channels by nature (e-mail, phone) or shown in a contact context. */
  channels: Set<Channel>;
  /** Which of them point away from this account. */
  elsewhere: Set<Channel>;
}

/** Finds the channels one segment points to; `contact` = the segment (or the one before) is about contact. */
export function segmentChannels(
  seg: Segment,
  contact: boolean,
  webContext: boolean,
  book: PhraseBook,
  selfHandle?: string,
): SegmentChannels {
  const channels = new Set<Channel>();
  const o = seg.original;
  const t = seg.text;
  const emails = o.match(EMAIL_RE) ?? [];
  const withoutEmails = o.replace(EMAIL_RE, ' ');
  if (emails.length) channels.add('email');
  if (PHONE_RE.test(withoutEmails.replace(URL_RE, ' '))) channels.add('phone');
  PHONE_RE.lastIndex = 0;
  if (contact) {
    const mentions = (withoutEmails.match(MENTION_RE) ?? []).map((m) => m.slice(1).toLowerCase());
    if (mentions.some((m) => m !== selfHandle?.toLowerCase())) channels.add('account');
    if (
      webContext &&
      (URL_RE.test(withoutEmails) ||
        DOMAIN_RE.test(withoutEmails) ||
        /\b(website|site|webformulier|formulier|contactformulier|link)\b/.test(t))
    )
      channels.add('web');
    URL_RE.lastIndex = 0;
    DOMAIN_RE.lastIndex = 0;
    if (book.bio.apps.test(t)) channels.add('app');
    if (book.bio.counter.test(t)) channels.add('counter');
    if (book.bio.dm.test(t)) channels.add('dm');
    if (book.bio.whatsapp.test(t)) channels.add('whatsapp');
    if (!channels.has('phone') && book.bio.phone_words.test(t) && /\d{3}/.test(t)) channels.add('phone');
    if (/\btelefonisch\b/.test(t)) channels.add('phone');
    // A mobile number given for WhatsApp is the WhatsApp channel, not a phone line.
    if (channels.has('whatsapp') && !/\b(bel|bellen|telefonisch)\b/.test(t)) channels.delete('phone');
  }
  const selfMention = selfHandle ? new RegExp(`@${selfHandle}\\b`, 'i').test(o) : false;
  const elsewhere = new Set(channels);
  if (
    selfMention &&
    !(withoutEmails.match(MENTION_RE) ?? []).some((m) => m.slice(1).toLowerCase() !== selfHandle!.toLowerCase())
  )
    elsewhere.delete('account');
  return { channels, elsewhere };
}
