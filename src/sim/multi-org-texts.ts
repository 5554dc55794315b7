import type { RequestKind } from '../model/index.js';
import type { Rng } from './random.js';
import { EMOJI, fill, type Topic } from './texts.js';

// The simulated world's posts to several organisations (texts.ts has the rest of its grammar).
// Posts to two neighbouring gemeenten at once: about the border between them, where it is unclear
// who is in charge. Questions carry the answer the gemeente in charge would give.
const BORDER_ROADS = ['Grensweg', 'Kanaaldijk', 'Provincialeweg', 'Oude Grens', 'Polderweg', 'Rijksstraatweg'];
const MULTI_TOPICS: Topic[] = [
  {
    q: ['Wie maait de berm langs de {road}?'],
    answer: 'Die berm valt onder ons onderhoud; hij wordt volgende week gemaaid.',
  },
  {
    q: ['Welke gemeente gaat over de bushalte aan de {road}?', 'bij wie moet ik zijn voor de bushalte aan de {road}'],
    answer: 'De bushalte hoort bij onze gemeente; we vervangen het kapotte bord vrijdag.',
  },
  {
    q: ['Wanneer gaat de {road} tussen jullie weer open voor fietsers?'],
    answer: 'De {road} is vanaf maandag weer open voor fietsers.',
  },
  {
    q: ['Gelden de nieuwe afvalregels ook voor de huizen aan de {road}?'],
    answer: 'De huizen aan de {road} vallen onder onze afvalinzameling; de nieuwe regels gelden vanaf januari.',
  },
];
const MULTI_REPORTS = [
  'De brug over het kanaal tussen jullie gemeenten is al {dur} kapot',
  'Gaten in het fietspad langs de {road}, gevaarlijk!',
  'Er ligt al dagen afval in de berm van de {road}, wie ruimt dit op?',
  'De lantaarnpalen langs de {road} doen het al {dur} niet',
  'Omgewaaide boom over de {road}, de weg is versperd',
];
const MULTI_OTHER = ['Mooi dat jullie de {road} samen aanpakken 👍', 'Fijne samenwerking tussen jullie!'];

/**
 * A citizen post to two (or more) organisations at once, `handles` as they appear in the text (empty
 * entries are left out, as on Facebook). The topic indexes MULTI_TOPICS for `multiOrgAnswer`.
 */
export function multiOrgPost(
  kind: RequestKind,
  handles: readonly string[],
  rng: Rng,
): { text: string; topic: number; road: string } {
  const road = rng.pick(BORDER_ROADS);
  let topic = -1;
  let body: string;
  if (kind === 'question') {
    topic = rng.int(0, MULTI_TOPICS.length - 1);
    body = rng.pick(MULTI_TOPICS[topic]!.q);
  } else body = rng.pick(kind === 'report' ? MULTI_REPORTS : MULTI_OTHER);
  body = fill(body.replace('{road}', road), rng);
  const greeting = kind === 'other' ? '' : rng.pick(['', '', 'Hallo, ', 'Beste gemeenten, ']);
  const tags = handles
    .filter(Boolean)
    .map((h) => `@${h}`)
    .join(' ');
  return { text: `${tags} ${greeting}${body}${rng.pick(EMOJI)}`.replace(/\s+/g, ' ').trim(), topic, road };
}

/** The answer of the organisation in charge to a post to several organisations (a report when `topic` < 0). */
export function multiOrgAnswer(topic: number, road: string, rng: Rng): string {
  const answer =
    topic >= 0
      ? MULTI_TOPICS[topic]!.answer.replace('{road}', road)
      : rng.pick([
          'Dit deel valt onder ons beheer; de buitendienst gaat er deze week langs om het te herstellen.',
          'Dat stuk is van ons; het wordt morgen hersteld.',
        ]);
  return `${rng.pick(['Hoi! ', 'Goedemiddag, ', ''])}${answer}${rng.pick([' ^MK', ' ^JV', ''])}`;
}

/** A redirect to the other organisation's account ("dat is gemeente B, vraag het @gemB"). */
export function redirectToOther(otherName: string, otherHandle: string, rng: Rng): string {
  return rng.pick([
    `Dat is het gebied van de gemeente ${otherName}, stel je vraag aan @${otherHandle}.`,
    `Die weg valt onder de gemeente ${otherName}; zij helpen je verder via @${otherHandle}.`,
  ]);
}
