import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/analysis/classify.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';

const book = loadPhraseBook();

describe('classifier: what real posts to gemeenten look like', () => {
  it.each([
    ['question with a question mark', '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?', 'question'],
    ['no question mark', '@gemeente_zwolle kan ik mijn oude koelkast ergens kwijt', 'question'],
    ['Dutch verb-first question', 'Is het stadskantoor morgen open', 'question'],
    ['request phrase: graag info over', '@gem_groningen graag info over de parkeervergunning', 'question'],
    ['request phrase: ik wil graag weten', 'ik wil graag weten hoe lang een paspoort duurt', 'question'],
    ['request phrase: kunnen jullie even kijken', 'kunnen jullie even kijken naar mijn aanvraag', 'question'],
    ['indirect question', 'graag wil ik weten of ik bezwaar kan maken', 'question'],
    ['preposition before the question word', 'Op welke dagen mag je snoeiafval brengen', 'question'],
    ['greeting first', 'Goedemorgen! Klopt het dat de markt morgen niet doorgaat?', 'question'],
    ['English question', 'Hi, I just moved here. How do I get a BSN number?', 'question'],
    ['report without a question', 'Lantaarnpaal bij nr 230 is al twee weken kapot', 'report'],
    [
      'report with a question about the defect',
      'Onkruid op de stoep tot je knieën in de Kalsdonk. Wordt hier nog wat mee gedaan?',
      'report',
    ],
    ['report: something that does not work', 'lantaarn nr 17 in de Molenstraat doet het alweer niet', 'report'],
    ['report: dumping', '@gemeenteTilburg Er is weer grofvuil gedumpt naast de glasbak', 'report'],
    ['English report', 'The street lights on the Maasboulevard have been out for a week', 'report'],
    [
      'asking about the status of an earlier melding is a question',
      'Ik heb 3 weken geleden een melding gedaan over de speeltuin maar nog geen reactie, wat is de status?',
      'question',
    ],
    ['rhetorical question', 'Wie bedenkt dit nou weer?', 'other'],
    ['complaint dressed as a why-question', 'Waarom moet alles in deze stad altijd zo lang duren?', 'other'],
    ['thanks', '@gemeenteUtrecht Bedankt voor de snelle reactie! Lamp is al gemaakt 👍', 'other'],
    ['exclamation that starts like a question', 'Wat een mooi initiatief dit 👏', 'other'],
    ['retweet', 'RT @gemeenteTilburg: Vanaf maandag is de Piusstraat afgesloten https://t.co/abc', 'other'],
    ['opinion', 'Ik vind het een slecht plan om de Breestraat weer open te stellen', 'other'],
    ['only emoji and a mention', '@gem_Roosendaal 👍👍', 'other'],
  ])('%s', (_name, text, kind) => {
    const c = classify(text, book);
    expect(c.kind).toBe(kind);
    expect(c.reasons.length).toBeGreaterThan(0);
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.score).toBeLessThanOrEqual(1);
  });

  it('explains itself', () => {
    expect(classify('@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?', book).reasons).toEqual([
      'question-mark',
      'opens:wanneer',
    ]);
  });

  it('a repost is never a request, whatever it says', () => {
    expect(classify('Wanneer wordt het grofvuil opgehaald?', book, { repost: true })).toMatchObject({
      kind: 'other',
      reasons: ['repost'],
    });
  });

  it.each([
    ['Wanneer is de milieustraat open', 'nl'],
    ['When is the recycling centre open', 'en'],
    ['👍👍', 'und'],
  ])('language of "%s" is %s', (text, lang) => {
    expect(classify(text, book).lang).toBe(lang);
  });
});
