import { tokens, wordIndex } from './phrase-index.js';

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
    service_complaint: string[];
    service_complaint_strong: string[];
    personal: string[];
    thanks: string[];
    news: string[];
  };
  response: {
    redirect: string[];
    not_here: string[];
    elsewhere: string[];
    directives: string[];
    other_orgs: string[];
    pointers: string[];
    acknowledge: string[];
    substance: string[];
    results: string[];
    times: string[];
    empathy: string[];
    staff: string[];
    follow_on: string[];
    courtesy: string[];
    filler: string[];
    next_time: string[];
    asks_where: string[];
    conversation: string[];
  };
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

/**
 * Compiles phrases into matchers: whole words, '*' at an end = rest of a word, spaces = any
 * whitespace. Phrases with a leading '*' ("*verlichting") are matched against the words of the text
 * in plain code: as regex alternatives they make the engine backtrack over every word.
 */
export function compileMatcher(phrases: readonly string[]): Matcher {
  const all = [...new Set(phrases.map((p) => p.toLowerCase().trim()).filter(Boolean))];
  const suffixes = all
    .filter((p) => p.startsWith('*') && !/\s/.test(p))
    .map((p) => ({ core: p.replace(/^\*|\*$/g, ''), contains: p.endsWith('*') }));
  const rest = all.filter((p) => !(p.startsWith('*') && !/\s/.test(p))).sort((a, b) => b.length - a.length);
  const wordy = rest.filter((p) => /^[\p{L}\p{N}]/u.test(p.replace(/^\*/, '')));
  const other = rest.filter((p) => !/^[\p{L}\p{N}]/u.test(p.replace(/^\*/, '')));
  const body = (p: string) => {
    const trail = p.endsWith('*') ? `${WORD}*` : '';
    const core = p.replace(/\*$/, '');
    const end = /[\p{L}\p{N}]$/u.test(core) || trail ? `(?!${WORD})` : '';
    return `${escape(core).replace(/\s+/g, '\\s+')}${trail}${end}`;
  };
  const index = wordIndex(wordy.map((p) => ({ phrase: p, body: body(p) })));
  // Phrases that start with another sign ("☎") may start anywhere: one regex scans for them.
  const otherRe = other.length ? new RegExp(other.map(body).join('|'), 'giu') : undefined;
  const nextOther = (text: string, from: number) => {
    if (!otherRe) return undefined;
    otherRe.lastIndex = from;
    const m = otherRe.exec(text);
    otherRe.lastIndex = 0;
    return m ? { at: m.index, match: m[0] } : undefined;
  };
  // The first match at or after `from`, as one alternation of all phrases (word phrases first) would
  // find it: the leftmost start wins; a word phrase and another sign cannot start at one place.
  const next = (text: string, from: number) => {
    const w = index.next(text, from);
    const o = nextOther(text, from);
    return !o || (w && w.at < o.at) ? w : o;
  };
  const bySuffix = (text: string): string[] =>
    suffixes.length
      ? tokens(text).words.filter((w) => suffixes.some((x) => (x.contains ? w.includes(x.core) : w.endsWith(x.core))))
      : [];
  return {
    find(text) {
      const found: string[] = [];
      for (let at = 0, m = next(text, 0); m; m = next(text, at)) {
        found.push(m.match.replace(/\s+/g, ' '));
        // An empty match must not match again in place.
        at = m.at + Math.max(1, m.match.length);
      }
      return [...found, ...bySuffix(text)];
    },
    test(text) {
      return next(text, 0) !== undefined || bySuffix(text).length > 0;
    },
  };
}

/** The response reader's lists (config/phrases response:), compiled. */
export interface ResponseBook {
  /** Phrases that send the person elsewhere by themselves ("mail ons", "stuur ons een dm"). */
  redirect: Matcher;
  /** "Not via social media", "kunnen we hier niet": this channel is refused. */
  notHere: Matcher;
  /** Names of other channels (app, balie, website, formulier); links, e-mail and numbers count too. */
  elsewhere: Matcher;
  /** Verbs and turns that send ("mail", "bel", "kijk op", "via", "kun je terecht"). */
  directives: Matcher;
  /** Other organisations (provincie, politie, Belastingdienst). */
  otherOrgs: Matcher;
  /** Words that point to another organisation as the place to go ("terecht", "contact", "kan je verder helpen"). */
  pointers: Matcher;
  acknowledge: Matcher;
  /** Cues of substance other than results and times: rules, prices, decisions ("gratis", "klopt"). */
  substance: Matcher;
  /** Results of work done ("gemaakt", "vervangen", "opgehaald"). */
  results: Matcher;
  /** Days, dates and times ("donderdag", "volgende week"); numbers count too. */
  times: Matcher;
  /** Colleagues and departments: a clause about them without substance hands the request on. */
  staff: Matcher;
  /** Openings of empathy and thanks that make the whole clause courtesy ("sorry dat", "goede vraag"). */
  empathy: Matcher;
  /** Openings of a clause that only continues the one before ("dan", "zodat"). */
  followOn: Matcher;
  /** Greetings, thanks, apologies and friendly closing turns. */
  courtesy: Matcher;
  /** Words that never carry content on their own (names of the team, "even", "graag"). */
  filler: Set<string>;
  /** "Voortaan", "de volgende keer": a tip for later, not a redirect of this request. */
  nextTime: Matcher;
  /** Requests that ask where or how to do something (then the channel is the answer). */
  asksWhere: Matcher;
  /** Turns that move the conversation elsewhere (mail us, DM, call): never the answer to "where". */
  conversation: Matcher;
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
  /** Complaints and reminders about the organisation's own service ("nog altijd geen reactie", "dubbel betaald"). */
  serviceComplaint: Matcher;
  /** Complaints that are reports without a personal word ("klacht over", "2x afgeschreven"). */
  serviceComplaintStrong: Matcher;
  /** Words that make a post about the writer's own case (ik, mijn, we). */
  personal: Matcher;
  thanks: Matcher;
  news: Matcher;
  response: ResponseBook;
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
    serviceComplaint: m((l) => l.classifier.service_complaint),
    serviceComplaintStrong: m((l) => l.classifier.service_complaint_strong),
    personal: m((l) => l.classifier.personal),
    thanks: m((l) => l.classifier.thanks),
    news: m((l) => l.classifier.news),
    response: {
      redirect: m((l) => l.response.redirect),
      notHere: m((l) => l.response.not_here),
      elsewhere: m((l) => l.response.elsewhere),
      directives: m((l) => l.response.directives),
      otherOrgs: m((l) => l.response.other_orgs),
      pointers: m((l) => l.response.pointers),
      acknowledge: m((l) => l.response.acknowledge),
      substance: m((l) => l.response.substance),
      results: m((l) => l.response.results),
      times: m((l) => l.response.times),
      empathy: m((l) => l.response.empathy),
      staff: m((l) => l.response.staff),
      followOn: m((l) => l.response.follow_on),
      courtesy: m((l) => l.response.courtesy),
      filler: new Set(all((l) => l.response.filler).map((w) => w.toLowerCase())),
      nextTime: m((l) => l.response.next_time),
      asksWhere: m((l) => l.response.asks_where),
      conversation: m((l) => l.response.conversation),
    },
    bio: Object.fromEntries(bioKeys.map((k) => [k, m((l) => l.bio[k] ?? [])])) as PhraseBook['bio'],
  };
}
