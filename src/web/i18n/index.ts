import { en } from './en.js';
import { nl, type Messages } from './nl.js';

export type { Messages } from './nl.js';

/** The languages of the dashboard: Dutch by default, English on request. */
export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGUES: Record<Lang, Messages> = { nl, en };

/** The message catalogue of a language. */
export function messagesOf(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** Whether a string names a language of the dashboard. */
export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/**
 * The language of a request: `?lang=` when given, else English only when Accept-Language prefers it
 * to Dutch (a higher quality, or Dutch not named at all), else Dutch.
 */
export function langOf(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query && isLang(query)) return query;
  if (!acceptLanguage) return 'nl';
  let nlQ = 0;
  let enQ = 0;
  acceptLanguage.split(',').forEach((part, i) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!tag || !Number.isFinite(q)) return;
    // Earlier entries of equal quality win: a tiny tie-breaker by position.
    const weight = q - i * 1e-6;
    const base = tag.split('-')[0];
    if (base === 'nl') nlQ = Math.max(nlQ, weight);
    if (base === 'en') enQ = Math.max(enQ, weight);
  });
  return enQ > 0 && enQ > nlQ ? 'en' : 'nl';
}

/** A message with `{name}` placeholders filled in (the values are text; escaping is the template's job). */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
