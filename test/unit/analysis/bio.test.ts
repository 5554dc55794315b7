import { describe, expect, it } from 'vitest';
import { parseBio, parsePromise } from '../../../src/analysis/bio/parse-bio.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';

const book = loadPhraseBook();
const wk = [1, 2, 3, 4, 5];

describe('bio parser: stated hours in the forms Dutch bios use', () => {
  it.each([
    ['ma t/m vr 8.30-17.00', 'Webcare ma t/m vr 8.30-17.00', [{ days: wk, from: '08:30', to: '17:00' }]],
    ['ma-vr van 9 tot 17 uur', 'Webcare ma-vr van 9 tot 17 uur', [{ days: wk, from: '09:00', to: '17:00' }]],
    [
      'op werkdagen tussen 8 en 18 uur',
      'Vragen? Wij zijn bereikbaar op werkdagen tussen 8 en 18 uur',
      [{ days: wk, from: '08:00', to: '18:00' }],
    ],
    ['van half 9 tot 5', 'We beantwoorden je vragen van half 9 tot 5', [{ days: [], from: '08:30', to: '17:00' }]],
    [
      'times before days in brackets',
      'Webcare: 08-22 uur (ma-vr), 10-17 (za-zo).',
      [
        { days: wk, from: '08:00', to: '22:00' },
        { days: [6, 7], from: '10:00', to: '17:00' },
      ],
    ],
    ['tijdens kantooruren', 'Tijdens kantooruren beantwoorden we je vragen.', [{ days: wk, from: null, to: null }]],
    ['werkdagen without times', 'Webcare op werkdagen', [{ days: wk, from: null, to: null }]],
    ['24/7', 'Onze webcare staat 24/7 voor je klaar', [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }]],
    [
      'dag en nacht',
      'Ons webcareteam staat dag en nacht voor je klaar',
      [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }],
    ],
    [
      'split days ma t/m do ... vr ...',
      'Webcare ma t/m do 8.30-17.00, vr 8.30-12.00',
      [
        { days: [1, 2, 3, 4], from: '08:30', to: '17:00' },
        { days: [5], from: '08:30', to: '12:00' },
      ],
    ],
    [
      'weekdays and weekend days',
      'Webcare ma-vr 6-22u, za 10-18u & zo 11-19u',
      [
        { days: wk, from: '06:00', to: '22:00' },
        { days: [6], from: '10:00', to: '18:00' },
        { days: [7], from: '11:00', to: '19:00' },
      ],
    ],
    ['four-digit times', 'Online: Ma-Vr 0800 t/m 1700', [{ days: wk, from: '08:00', to: '17:00' }]],
    ['"niet 24/7 gemonitord" is not 24/7', 'Dit account wordt niet 24/7 gemonitord', []],
    ['24/7 news is not service hours', '24/7 het laatste nieuws uit de regio', []],
    ['a phone number is not a time range', 'Bel 0900-8844 of 112', []],
    ['broadcast times are not service hours', 'Iedere dag de mooiste gesprekken, van 23:00 tot 00:00 op de radio', []],
  ])('%s', (_name, text, hours) => {
    expect(parseBio(text, book).hours).toEqual(hours);
  });
});

describe('bio parser: deflection, channels, monitoring, invitation', () => {
  it.each([
    [
      'e-mail',
      'Voor vragen: e-mail ons op info@zwolle.nl',
      { deflects: true, channels: ['email'], invitesQuestions: false },
    ],
    ['14 + netnummer', 'Vragen? Bel 14 046', { deflects: true, channels: ['phone'] }],
    ['0800 number', 'Meldingen via 0800-1234', { deflects: true, channels: ['phone'] }],
    [
      'website for meldingen',
      'Melding openbare ruimte? Ga naar woerden.nl/melden',
      { deflects: true, channels: ['web'] },
    ],
    ['reporting app', 'Melding? Gebruik de app', { deflects: true, channels: ['app'] }],
    ['Fixi', 'Kapotte lantaarnpaal? Meld het in de Fixi app', { deflects: true, channels: ['app'] }],
    ['another account', 'Webcare via @CapelleWebcare', { deflects: true, channels: ['account'] }],
    ['DM', 'Persoonlijke vragen? Stuur een DM', { deflects: true, channels: ['dm'] }],
    ['WhatsApp', 'Vragen? App ons via WhatsApp op 06-12345678', { deflects: true, channels: ['whatsapp'] }],
    ['the counter', 'Voor een paspoort kunt u terecht aan de balie', { deflects: true, channels: ['counter'] }],
    [
      'reports cannot be made here',
      'Melden of aangifte doen kan niet hier. Bel bij spoed 112.',
      { deflects: true, channels: ['phone'] },
    ],
    ['invites questions here', 'Stel hier je vraag!', { deflects: false, invitesQuestions: true, channels: [] }],
    ['webcare hours here is not deflection', 'Webcare ma-vr 9-17 uur', { deflects: false, invitesQuestions: true }],
    ['follow links are not channels', 'Volg ons ook op https://t.co/abc', { deflects: false, channels: [] }],
    [
      'news only',
      'Het officiële account van de gemeente Texel.',
      { deflects: false, channels: [], invitesQuestions: false },
    ],
  ])('%s', (_name, text, want) => {
    expect(parseBio(text, book)).toMatchObject(want);
  });

  it.each([
    ['wordt niet gemonitord', 'Dit account wordt niet gemonitord.', true],
    ['geen webcare op dit account', 'Geen webcare op dit account.', true],
    ['niet meer gebruikt', 'Dit account wordt niet meer gebruikt', true],
    ['replies not followed', 'Replies op dit account worden niet actief gevolgd.', true],
    ['niet 24/7 gemonitord is limited hours', 'Account wordt niet 24/7 gemonitord', false],
    ['niet 24/7 uitgelezen is limited hours', 'twitter wordt niet 24/7 uitgelezen', false],
  ])('notMonitored: %s', (_name, text, want) => {
    expect(parseBio(text, book).notMonitored).toBe(want);
  });

  it('naming its own account among the options is not deflection', () => {
    const bio = 'Vragen, meldingen, tips? @gem_waterland, waterland.nl of bel: (0299) 658 585.';
    expect(parseBio(bio, book, 'gem_waterland')).toMatchObject({ deflects: false, invitesQuestions: true });
    expect(parseBio(bio, book).deflects).toBe(true);
  });

  it.each([
    ['binnen 24 uur', 24],
    ['binnen 2 uur', 2],
    ['binnen een uur', 1],
    ['binnen 2 werkdagen', 48],
    ['binnen 30 minuten', 0.5],
    ['within 4 hours', 4],
    ['zo snel mogelijk', null],
  ])('promise: %s', (text, want) => {
    expect(parsePromise(`We reageren ${text}.`)).toBe(want);
  });
});
