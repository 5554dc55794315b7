import { describe, expect, it } from 'vitest';
import { responseKind } from '../../../src/analysis/response-kind.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';

const book = loadPhraseBook();

describe('reading a response', () => {
  it.each([
    ['an answer', '@piet De milieustraat is zaterdag open van 9 tot 16 uur. ^AB', 'answer'],
    ['a short answer', 'Ja, dat klopt!', 'answer'],
    [
      'an answer with a link for more',
      'Hoi Piet, het grofvuil wordt op dinsdag opgehaald. Meer info op https://www.gemeente.nl/afval',
      'answer',
    ],
    ['mail ons', '@piet Hoi Piet, mail ons je vraag op info@gemeente.nl dan kijken we ernaar. ^JK', 'redirect'],
    ['bel 14 0xx', 'Vervelend! Wil je ons even bellen op 14 038?', 'redirect'],
    [
      'meld het via de app',
      'Bedankt! Meld het via de app MijnGemeente, dan komt het bij de juiste afdeling.',
      'redirect',
    ],
    ['send a DM', 'Stuur ons een DM met je adres.', 'redirect'],
    ['only acknowledges', 'Dank voor je melding, we zoeken het uit en komen erop terug.', 'acknowledge'],
    ['passed on', 'We hebben het doorgezet naar de afdeling Beheer.', 'acknowledge'],
    ['only thanks', 'Bedankt!', 'acknowledge'],
  ])('%s', (_name, text, kind) => {
    expect(responseKind(text, book)).toBe(kind);
  });
});
