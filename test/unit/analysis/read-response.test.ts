import { describe, expect, it } from 'vitest';
import { readResponse } from '../../../src/analysis/response/read-response.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';

const book = loadPhraseBook();
const kind = (text: string, request?: string) => readResponse(text, book, { request }).kind;

// One named case per rule of docs/method.md "Reading a response" (our own wording, not eval rows).
describe('reading a response: substance is an answer', () => {
  it.each([
    ['a date', 'Hoi Kees, de container wordt vrijdag geleegd. ^RB'],
    ['a result', 'De put is gisteren gerepareerd, bedankt voor het melden!'],
    ['a rule', 'Voor een dakkapel aan de achterkant heb je meestal geen vergunning nodig.'],
    ['a decision about who is responsible', 'Die weg is van de provincie, daar gaan wij helaas niet over.'],
    [
      'an answer with a link for more',
      'De milieustraat is zaterdag open tot 16.00 uur, kijk voor meer op www.gemeente.nl/afval',
    ],
    ['an answer with a number for more', 'Je paspoort is na 5 werkdagen klaar. Vragen? Bel 14 024.'],
    ['a very short answer', 'Is gerepareerd!'],
    ['English', 'Hi, the swimming pool is open until 10 pm on weekdays.'],
    ['no punctuation, lowercase', 'de lamp is vervangen groetjes team webcare'],
    ['a fact after naming who decided', 'We hebben de wethouder gesproken: het zwembad blijft deze zomer gewoon open.'],
    ['a channel with a rule beside it', 'Een bezoekersvergunning regel je in de parkeerapp, het eerste uur is gratis.'],
    [
      'a plain statement without a redirect or a promise',
      'Die bomen staan op particulier terrein van de woningcorporatie.',
    ],
  ])('%s', (_name, text) => expect(kind(text)).toBe('answer'));
});

describe('reading a response: sending elsewhere is a redirect', () => {
  it.each([
    [
      'e-mail, wrapped in a friendly sentence',
      "Goedemiddag Sanne, wil je je vraag even mailen naar info@gemeente.nl? Dan pakken onze collega's het op.",
    ],
    ['phone, 14 + netnummer', 'Vervelend om te horen. Kun je ons bellen via 14 0318?'],
    ['website or form', 'Een afspraak maak je zelf via www.gemeente.nl/afspraak'],
    ['a reporting app', 'Wil je dit melden in de app BuitenBeter? Dan komt het direct bij de juiste afdeling.'],
    ['DM, even with a promise after it', 'Stuur je ons een DM met je adres? Dan kijken we ernaar.'],
    ['we sent you a DM', 'We hebben je een DM gestuurd 📩'],
    ['the counter', 'Daarvoor kun je het beste even langskomen bij de balie in het stadhuis.'],
    ['another organisation with a pointer', 'Dit valt onder het waterschap, zij kunnen je verder helpen.'],
    [
      'not ours, with where to go',
      'Wij gaan niet over de snelweg, dat is Rijkswaterstaat. Je kunt ze bereiken via @RWSverkeersinfo.',
    ],
    ['the opening hours of the line just named', 'Bel hiervoor het Zorgloket: 077 123 4567 (ma-vr 9-12 uur)'],
    [
      'an explanation of who does it, and where to go',
      'De vergunning wordt afgegeven door Justis, op www.justis.nl kun je de status volgen.',
    ],
    ['not via social media', 'Over persoonlijke zaken kunnen we helaas niet via social media communiceren.'],
    ['English', 'Please send us an email at info@gemeente.nl and our colleagues will help you.'],
  ])('%s', (_name, text) => expect(kind(text)).toBe('redirect'));
});

describe('reading a response: acknowledging or promising is acknowledged', () => {
  it.each([
    ['we look into it', 'Goede vraag! We zoeken het voor je uit.'],
    ['passed on', 'Dank je, ik heb het doorgezet naar de wijkbeheerder.'],
    ['the melding is registered', 'Dank je, de melding staat erin 👍'],
    ['only thanks', 'Dank je wel! ^AB'],
    [
      'handled itself, with an app tip for next time',
      'We hebben er een melding van gemaakt. Voortaan kun je dit ook zelf melden via de app Fixi.',
    ],
    ['English', "Thanks for reporting, we've passed it on to our colleagues."],
    ['a separable verb of forwarding', 'We zetten je vraag door aan het team Parkeren.'],
    ['a promise with a time for the follow-up', 'We komen er morgen bij je op terug.'],
    ['a result promised without a time', 'De tak wordt zo snel mogelijk weggehaald.'],
    ['empathy, then a promise', "Sorry dat het zo lang duurt, we vragen het na bij de collega's."],
    ['a case number is a reference, not an answer', 'Je melding staat erin onder nummer 2026-4411.'],
  ])('%s', (_name, text) => expect(kind(text)).toBe('acknowledge'));
});

describe('reading a response: the request decides when a channel is the answer', () => {
  it('names the app to a citizen who asked where to report: answered', () => {
    expect(kind('Dat kan via de app MijnGemeente 👍', 'Waar kan ik een kapotte lantaarnpaal melden?')).toBe('answer');
  });
  it('names the app to a citizen who reported something: redirected', () => {
    expect(kind('Dat kan via de app MijnGemeente 👍', 'Lantaarnpaal bij nummer 12 is kapot')).toBe('redirect');
  });
});

describe('reading a response: what comes with the kind', () => {
  it('gives the reasons and the channels', () => {
    const r = readResponse("Wil je dit even mailen naar info@voorbeeld.nl? Dan helpen onze collega's je verder.", book);
    expect(r).toEqual({
      kind: 'redirect',
      reasons: ['redirect:mailen naar', 'courtesy:then:dan helpen'],
      channels: ['email'],
    });
  });
  it('takes signatures and greetings off', () => {
    expect(readResponse('Hoi Anna! Groet, Mark', book).kind).toBe('acknowledge');
  });
});
