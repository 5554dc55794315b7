import type { RequestKind, ResponseKind } from '../model/index.js';
import type { Rng } from './random.js';

/**
 * A template grammar for the simulated world: citizen posts (with their true kind), organisations'
 * responses (with their true kind) and bios (with their true fields). Written for the simulator;
 * deliberately not the labelled evaluation sets of test/eval.
 */

const STREETS = [
  'Kerkstraat',
  'Dorpsstraat',
  'Molenweg',
  'Stationsplein',
  'Julianalaan',
  'Wilhelminastraat',
  'Schoolstraat',
  'Beatrixlaan',
  'Nieuwstraat',
  'Eikenlaan',
  'Lindelaan',
  'Parallelweg',
  'Marktplein',
  'Oranjestraat',
  'Kastanjelaan',
  'Vondelstraat',
  'Industrieweg',
  'Zandweg',
  'Burgemeester de Vlugtlaan',
  'Havenkade',
  'Prins Bernhardlaan',
  'Dijkweg',
  'Akkerstraat',
  'Beukenlaan',
];
const PARKS = [
  'het Stadspark',
  'het Wilhelminapark',
  'het Vondelpark',
  'de speeltuin aan de Vijverweg',
  'het Julianapark',
  'de hondenweide',
];

/** A question topic: ways to ask it, and the answer that fits. */
export interface Topic {
  q: string[];
  answer: string;
}
const TOPICS: Topic[] = [
  {
    q: [
      'wanneer wordt het grofvuil opgehaald in de {street}',
      'kan ik mijn oude bank bij het grofvuil zetten',
      'hoe meld ik grofvuil aan',
    ],
    answer: 'Grofvuil halen we op afspraak op; de eerstvolgende ronde in jouw wijk is op dinsdag.',
  },
  {
    q: [
      'hoe lang duurt het voor mijn paspoort klaar is',
      'moet ik een afspraak maken voor een nieuwe ID-kaart',
      'kan ik mijn rijbewijs ook op zaterdag ophalen',
    ],
    answer: 'Je paspoort of ID-kaart is meestal na 5 werkdagen klaar; ophalen kan zonder afspraak.',
  },
  {
    q: [
      'tot hoe laat is de milieustraat open op zaterdag',
      'mag ik asbest naar de milieustraat brengen',
      'wat kost het om tuinafval weg te brengen',
    ],
    answer: 'De milieustraat is op zaterdag open van 9.00 tot 16.00 uur; tuinafval brengen is gratis.',
  },
  {
    q: [
      'hoe vraag ik een parkeervergunning aan voor de {street}',
      'geldt de blauwe zone ook op zondag',
      'krijg ik als mantelzorger een bezoekersvergunning',
    ],
    answer: 'Een parkeervergunning vraag je aan via Mijn Loket; de blauwe zone geldt van maandag tot en met zaterdag.',
  },
  {
    q: [
      'wanneer gaat de {street} weer open voor fietsers',
      'hoe lang duren de werkzaamheden in de {street} nog',
      'komt er een omleiding tijdens de werkzaamheden aan de {street}',
    ],
    answer: 'De werkzaamheden duren tot eind van de maand; fietsers worden omgeleid via de Parallelweg.',
  },
  {
    q: [
      'is het stadskantoor open op tweede kerstdag',
      'zijn jullie morgen gewoon open',
      'tot hoe laat kan ik vandaag langskomen bij de balie',
    ],
    answer: 'Het stadskantoor is op werkdagen open van 8.30 tot 17.00 uur; op feestdagen zijn we dicht.',
  },
  {
    q: [
      'welke dag wordt het oud papier opgehaald',
      'wanneer komt de gft-container weer',
      'krijg ik een nieuwe afvalkalender',
    ],
    answer: 'Oud papier halen we om de week op woensdag op; de afvalkalender staat in de app.',
  },
  {
    q: [
      'heb ik een vergunning nodig voor een dakkapel',
      'mag ik een schutting van twee meter plaatsen',
      'moet ik een evenement in de {street} melden',
    ],
    answer: 'Voor een dakkapel aan de achterkant heb je meestal geen vergunning nodig; aan de voorkant wel.',
  },
  {
    q: [
      'kom ik in aanmerking voor de energietoeslag',
      'hoe vraag ik bijzondere bijstand aan',
      'is er een regeling voor kwijtschelding van de afvalstoffenheffing',
    ],
    answer: 'De energietoeslag is er voor huishoudens met een inkomen tot 120% van het sociaal minimum.',
  },
];
const REPORTS: string[] = [
  'De lantaarnpaal bij nr {n} in de {street} is al {dur} kapot',
  'Straatverlichting in de {street} doet het niet sinds {since}',
  'Er ligt een grote tak over het fietspad langs de {street}, gevaarlijk in het donker',
  'Grofvuil gedumpt naast de glasbak aan de {street}, matrassen en zakken afval',
  'Putdeksel ligt los op de hoek van de {street}, het klappert bij elke auto',
  'De prullenbakken in {park} puilen uit, overal afval',
  'Losliggende stoeptegels voor nr {n} aan de {street}, mijn buurvrouw is gestruikeld',
  'Diep gat in het fietspad bij de {street}, bijna gevallen',
  'Rioolput verstopt in de {street}, bij regen staat alles blank',
  'Het verkeerslicht bij de {street} staat al {dur} op knipperen',
  'Graffiti op het bushokje aan de {street}',
  'De ondergrondse container aan de {street} zit vol, zakken staan ernaast',
  'Boom omgewaaid in {park}, het pad is geblokkeerd',
  'Zwerfvuil langs de hele {street} na het weekend',
];
const OTHER: string[] = [
  'Bedankt voor de snelle reactie!',
  'Top geregeld, dank jullie wel',
  'Mooi initiatief 👏',
  'Wat een prachtige opening gisteren',
  'Wie verzint dit nou weer?',
  'Waarom duurt alles in deze gemeente altijd zo lang?',
  'Goed nieuws voor de {street}!',
  'Ik vind het een slecht plan om de {street} af te sluiten',
  'Succes aan alle vrijwilligers vandaag',
  'Helemaal mee eens met de wethouder',
  'Jammer dat de markt dit jaar kleiner is',
  'Lekker bezig weer, drie maanden een afgesloten weg 🙄',
];
const EN_QUESTIONS = [
  'Where can I register as a new resident?',
  'Is the city office open on Saturday?',
  'How do I get a parking permit as an expat?',
  'When is the bulky waste collected in my street?',
];
const EN_REPORTS = [
  'The street light near number {n} on {street} has been broken for {dur}',
  'Huge pothole on the {street} bike path, someone will get hurt',
];
const DURATIONS = ['twee weken', 'een week', 'drie dagen', 'een maand', 'dagen'];
const GREETINGS = ['Hoi ', 'Goedemorgen, ', 'Hallo ', 'Beste gemeente, ', ''];
export const EMOJI = [' 🙏', ' 😕', ' 👍', ' 🤔', ''];

/** A template with its street, park, number and duration filled in. */
export function fill(t: string, rng: Rng): string {
  return t
    .replace('{street}', rng.pick(STREETS))
    .replace('{park}', rng.pick(PARKS))
    .replace('{n}', String(rng.int(1, 240)))
    .replace('{dur}', rng.pick(DURATIONS))
    .replace('{since}', rng.pick(['gisteren', 'vorige week', 'het weekend']));
}

function typo(s: string, rng: Rng): string {
  const i = rng.int(1, Math.max(1, s.length - 3));
  return /\p{L}{2}/u.test(s.slice(i, i + 2)) ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
}

/** A citizen post to `handle` of a chosen kind, with its text and topic (for a fitting answer). */
export function citizenPost(kind: RequestKind, handle: string, rng: Rng): { text: string; topic: number } {
  const english = rng.chance(0.06);
  let body: string;
  let topic = -1;
  if (kind === 'question') {
    if (english) body = rng.pick(EN_QUESTIONS);
    else {
      topic = rng.int(0, TOPICS.length - 1);
      const q = fill(rng.pick(TOPICS[topic]!.q), rng);
      body = rng.weighted<string>([
        [`${q[0]!.toUpperCase()}${q.slice(1)}?`, 5],
        [q, 2], // no question mark
        [`graag info: ${q}`, 1],
        [
          `ik wil graag weten ${q.replace(/^(wanneer|hoe|welke|tot hoe laat|wat|is|moet|mag|kan|geldt|krijg|heb|kom|zijn)\b/, (m) => (['is', 'moet', 'mag', 'kan', 'geldt', 'krijg', 'heb', 'kom', 'zijn'].includes(m) ? `of ${m}` : m))}`,
          1,
        ],
      ]);
    }
  } else if (kind === 'report') {
    body = fill(english ? rng.pick(EN_REPORTS) : rng.pick(REPORTS), rng);
  } else {
    body = fill(rng.pick(OTHER), rng);
  }
  if (rng.chance(0.05)) body = typo(body, rng);
  const greeting = english || kind === 'other' ? '' : rng.pick(GREETINGS);
  return {
    text: `@${handle} ${greeting}${body}${rng.pick(EMOJI)}${rng.chance(0.03) ? ' https://t.co/aB3dE5' : ''}`
      .replace(/\s+/g, ' ')
      .trim(),
    topic,
  };
}

/** A follow-up by the same citizen before the organisation responds. */
export function followUp(rng: Rng): string {
  return rng.pick([
    'Iemand?',
    'Nog steeds geen reactie...',
    'Is hier al iets over bekend?',
    'Hallo? Ik wacht nog steeds op antwoord',
    'Graag een reactie 🙏',
  ]);
}

/** An organisation's response of a given kind. */
export function orgResponse(kind: ResponseKind, topic: number, domain: string, rng: Rng): string {
  if (kind === 'redirect') {
    return rng.pick([
      `Mail je vraag naar info@${domain}, dan helpen we je verder.`,
      `Wil je ons bellen via 14 0${rng.int(10, 599)}? Dan kijken we met je mee.`,
      'Meld het via de app MijnGemeente, dan komt het direct bij de juiste afdeling.',
      'Stuur ons een DM met je adres, dan zoeken we het uit.',
      `Kijk op www.${domain}/contact voor alle mogelijkheden.`,
    ]);
  }
  if (kind === 'acknowledge')
    return rng.pick([
      'Dank voor je melding, we hebben het doorgezet naar de afdeling Beheer.',
      'We zoeken het voor je uit en komen erop terug.',
      'Vervelend! We gaan ernaar kijken.',
      "Bedankt, we hebben je vraag doorgegeven aan de collega's.",
    ]);
  const answer =
    topic >= 0
      ? TOPICS[topic]!.answer
      : rng.pick([
          'De medewerkers van de buitendienst gaan er deze week langs om het te herstellen.',
          'Het is inmiddels opgelost, dank voor het melden!',
          'Dat klopt, vanaf volgende week geldt de nieuwe regeling.',
        ]);
  return `${rng.pick(['Hoi! ', 'Goedemiddag, ', 'Dank voor je bericht. ', ''])}${answer}${rng.pick([' ^MK', ' ^JV', ' ^SB', ''])}`;
}

/**
 * A chaser: the same citizen, later in the same thread, asking again because nothing (or only an
 * acknowledgement or a redirect) came. Part of the first request, never a request of its own.
 */
export function chaser(after: 'nothing' | 'acknowledge' | 'redirect', rng: Rng): string {
  if (after === 'redirect')
    return rng.pick([
      'Ik heb gemaild maar nog steeds geen antwoord',
      'Daar kom ik niet verder mee, is er al nieuws?',
      'Het formulier werkt niet. Kunnen jullie het hier beantwoorden?',
    ]);
  if (after === 'acknowledge')
    return rng.pick([
      'Is er al nieuws?',
      'Nog steeds niks gehoord...',
      'En? Het is nog steeds niet opgelost',
      'Hoe staat het hiermee?',
    ]);
  return rng.pick([
    'Is er al nieuws?',
    'Nog steeds niks gehoord...',
    'Hallo? Hier nog steeds geen reactie op',
    'Al een week verder en er is nog niks gebeurd',
  ]);
}

/** The organisation's response to a chaser: an answer with an apology, a second acknowledgement, or a redirect. */
export function responseToChaser(kind: ResponseKind, topic: number, domain: string, rng: Rng): string {
  if (kind === 'acknowledge')
    return rng.pick([
      'We hebben het opnieuw doorgezet en gevraagd om spoed.',
      'Excuses voor het wachten! We hebben het nogmaals uitgezet bij de afdeling.',
    ]);
  if (kind === 'redirect') return orgResponse('redirect', topic, domain, rng);
  return `${rng.pick(['Sorry voor het wachten! ', 'Excuses voor de late reactie. '])}${orgResponse('answer', topic, domain, rng).replace(/^(Hoi! |Goedemiddag, |Dank voor je bericht\. )/, '')}`;
}
