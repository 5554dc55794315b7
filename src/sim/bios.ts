import type { BioFields, StatedHours } from '../model/index.js';
import type { Rng } from './random.js';

/**
 * Bios for the simulated world, in the styles real gemeenten use (inviting questions with hours,
 * deflecting to mail, phone, app or web, "niet gemonitord"), each with the fields a careful reader
 * would give it. Written for the simulator; deliberately not the labelled sets of test/eval.
 */

export type BioStyle =
  | 'invite_hours'
  | 'office'
  | 'always'
  | 'deflect_email'
  | 'deflect_phone'
  | 'deflect_app'
  | 'deflect_web'
  | 'news'
  | 'not_monitored';

/** A bio in one of the styles real gemeenten use, with the fields a careful reader would give it. */
export function bio(style: BioStyle, name: string, domain: string, rng: Rng): { text: string; truth: BioFields } {
  const base: BioFields = {
    deflects: false,
    channels: [],
    notMonitored: false,
    invitesQuestions: false,
    hours: [],
    promise: null,
  };
  const intro = rng.pick([
    `Officieel account van de gemeente ${name}.`,
    `Het officiële account van gemeente ${name}.`,
    `Gemeente ${name}.`,
  ]);
  switch (style) {
    case 'invite_hours': {
      const [dayText, days] = rng.pick<[string, number[]]>([
        ['ma t/m vr', [1, 2, 3, 4, 5]],
        ['ma-vr', [1, 2, 3, 4, 5]],
        ['maandag t/m vrijdag', [1, 2, 3, 4, 5]],
        ['ma t/m za', [1, 2, 3, 4, 5, 6]],
      ]);
      const [timeText, from, to] = rng.pick<[string, string, string]>([
        ['8.30-17.00', '08:30', '17:00'],
        ['9-17', '09:00', '17:00'],
        ['8.00-20.00', '08:00', '20:00'],
        ['van 9 tot 18 uur', '09:00', '18:00'],
      ]);
      const hours: StatedHours[] = [{ days, from, to }];
      return {
        text: `${intro} Stel hier je vraag! Webcare ${dayText} ${timeText}${timeText.includes('uur') ? '' : ' uur'}.`,
        truth: { ...base, invitesQuestions: true, hours },
      };
    }
    case 'office':
      return {
        text: `${intro} Tijdens kantooruren beantwoorden we je vragen.`,
        truth: { ...base, invitesQuestions: true, hours: [{ days: [1, 2, 3, 4, 5], from: null, to: null }] },
      };
    case 'always':
      return {
        text: `${intro} Onze webcare staat 24/7 voor je klaar.`,
        truth: {
          ...base,
          invitesQuestions: true,
          hours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }],
        },
      };
    case 'deflect_email':
      return {
        text: `${intro} Voor vragen: mail naar info@${domain}`,
        truth: { ...base, deflects: true, channels: ['email'] },
      };
    case 'deflect_phone':
      return {
        text: `${intro} Vragen? Bel 14 0${rng.int(10, 599)}.`,
        truth: { ...base, deflects: true, channels: ['phone'] },
      };
    case 'deflect_app':
      return {
        text: `${intro} Melding openbare ruimte? Gebruik de app MijnGemeente.`,
        truth: { ...base, deflects: true, channels: ['app'] },
      };
    case 'deflect_web':
      return {
        text: `${intro} Vragen en meldingen via www.${domain}/contact`,
        truth: { ...base, deflects: true, channels: ['web'] },
      };
    case 'not_monitored':
      return {
        text: `Dit account wordt niet gemonitord. Nieuws van de gemeente ${name}.`,
        truth: { ...base, notMonitored: true },
      };
    default:
      return { text: `${intro} Het laatste nieuws uit ${name} en de kernen.`, truth: base };
  }
}
