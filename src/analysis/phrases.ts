/**
 * Phrase lists (config/phrases/*.yaml) compiled into matchers. Pure: the YAML is read by
 * src/config/phrases.ts and handed in as plain data.
 */
export interface PhraseLists {
  language: string;
  stopwords: string[];
  greetings: string[];
  classifier: {
    interrogatives: string[];
    question_verbs: string[];
    subjects: string[];
    request_phrases: string[];
    report_objects: string[];
    report_states: string[];
    report_strong_states: string[];
    report_locations: string[];
    report_existentials: string[];
    report_phrases: string[];
    rhetorical: string[];
    exclamatives: string[];
    absolutes: string[];
    opinion: string[];
    damage: string[];
    complaint: string[];
    thanks: string[];
    news: string[];
  };
  response: { redirect: string[]; acknowledge: string[] };
  bio: {
    contact_cues: string[];
    redirect_verbs: string[];
    not_monitored: string[];
    limited: string[];
    not_here: string[];
    invites: string[];
    hours_cues: string[];
    apps: string[];
    counter: string[];
    dm: string[];
    whatsapp: string[];
    phone_words: string[];
  };
}

/** Finds which phrases of one list occur in a (lowercased) text. */
export interface Matcher {
  /** The matched phrases (as written in the text), in order of appearance. */
  find(text: string): string[];
  test(text: string): boolean;
}

const WORD = '[\\p{L}\\p{N}]';

function escape(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles phrases into one regex: whole words, '*' at an end = rest of a word, spaces = any whitespace. */
export function compileMatcher(phrases: readonly string[]): Matcher {
  const alts = [...new Set(phrases.map((p) => p.toLowerCase().trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((p) => {
      const lead = p.startsWith('*') ? `${WORD}*` : '';
      const trail = p.endsWith('*') ? `${WORD}*` : '';
      const core = p.replace(/^\*|\*$/g, '');
      const body = escape(core).replace(/\s+/g, '\\s+');
      // A phrase that ends in punctuation ("zeker?") needs no word boundary after it.
      const after = /[\p{L}\p{N}]$/u.test(core) || trail ? `(?!${WORD})` : '';
      const before = /^[\p{L}\p{N}]/u.test(core) || lead ? `(?<!${WORD})` : '';
      return `${before}${lead}${body}${trail}${after}`;
    });
  if (alts.length === 0) return { find: () => [], test: () => false };
  const re = new RegExp(alts.join('|'), 'giu');
  return {
    find(text) {
      return [...text.matchAll(re)].map((m) => m[0].replace(/\s+/g, ' '));
    },
    test(text) {
      re.lastIndex = 0;
      const hit = re.test(text);
      re.lastIndex = 0;
      return hit;
    },
  };
}

/** Every list of every language, merged (Dutch first) and compiled once. */
export interface PhraseBook {
  languages: { code: string; stopwords: Set<string> }[];
  greetings: Matcher;
  interrogatives: Matcher;
  questionVerbs: Set<string>;
  subjects: Set<string>;
  request: Matcher;
  reportObjects: Matcher;
  reportStates: Matcher;
  reportStrongStates: Matcher;
  reportLocations: Matcher;
  reportExistentials: Matcher;
  reportPhrases: Matcher;
  rhetorical: Matcher;
  exclamatives: Matcher;
  absolutes: Matcher;
  opinion: Matcher;
  damage: Matcher;
  complaint: Matcher;
  thanks: Matcher;
  news: Matcher;
  redirect: Matcher;
  acknowledge: Matcher;
  bio: { [K in keyof PhraseLists['bio']]: Matcher };
}

/** Builds the PhraseBook from the lists of each language (first = preferred language). */
export function buildPhraseBook(lists: readonly PhraseLists[]): PhraseBook {
  const all = <T>(pick: (l: PhraseLists) => T[]): T[] => lists.flatMap(pick);
  const m = (pick: (l: PhraseLists) => string[]) => compileMatcher(all(pick));
  const bioKeys = Object.keys(lists[0]?.bio ?? {}) as (keyof PhraseLists['bio'])[];
  return {
    languages: lists.map((l) => ({ code: l.language, stopwords: new Set(l.stopwords.map((w) => w.toLowerCase())) })),
    greetings: m((l) => l.greetings),
    interrogatives: m((l) => l.classifier.interrogatives),
    questionVerbs: new Set(all((l) => l.classifier.question_verbs)),
    subjects: new Set(all((l) => l.classifier.subjects)),
    request: m((l) => l.classifier.request_phrases),
    reportObjects: m((l) => l.classifier.report_objects),
    reportStates: m((l) => l.classifier.report_states),
    reportStrongStates: m((l) => l.classifier.report_strong_states),
    reportLocations: m((l) => l.classifier.report_locations),
    reportExistentials: m((l) => l.classifier.report_existentials),
    reportPhrases: m((l) => l.classifier.report_phrases),
    rhetorical: m((l) => l.classifier.rhetorical),
    exclamatives: m((l) => l.classifier.exclamatives),
    absolutes: m((l) => l.classifier.absolutes),
    opinion: m((l) => l.classifier.opinion),
    damage: m((l) => l.classifier.damage),
    complaint: m((l) => l.classifier.complaint),
    thanks: m((l) => l.classifier.thanks),
    news: m((l) => l.classifier.news),
    redirect: m((l) => l.response.redirect),
    acknowledge: m((l) => l.response.acknowledge),
    bio: Object.fromEntries(bioKeys.map((k) => [k, m((l) => l.bio[k] ?? [])])) as PhraseBook['bio'],
  };
}
