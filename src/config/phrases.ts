import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildPhraseBook, type PhraseBook, type PhraseLists } from '../analysis/phrases.js';
import { issueToError, readYamlFile } from './yaml-source.js';

/** The shipped phrase lists, found next to the package whatever the cwd. */
export const DEFAULT_PHRASES_DIR = fileURLToPath(new URL('../../config/phrases', import.meta.url));
export const LANGUAGES = ['nl', 'en'] as const;

const list = z.array(z.string().min(1));
const schema = z.object({
  language: z.string().min(2),
  stopwords: list,
  greetings: list,
  classifier: z.object({
    interrogatives: list, question_verbs: list, subjects: list, request_phrases: list, report_objects: list,
    report_states: list, report_strong_states: list, report_locations: list, report_existentials: list, report_phrases: list, rhetorical: list, exclamatives: list, absolutes: list,
    opinion: list, damage: list, complaint: list, service_complaint: list,
    service_complaint_strong: list, personal: list, thanks: list, news: list,
  }),
  response: z.object({
    redirect: list, not_here: list, elsewhere: list, directives: list, other_orgs: list, pointers: list,
    acknowledge: list, substance: list, results: list, times: list, empathy: list, staff: list, follow_on: list, courtesy: list, filler: list, next_time: list, asks_where: list, conversation: list,
  }),
  bio: z.object({
    contact_cues: list, redirect_verbs: list, not_monitored: list, limited: list, not_here: list, invites: list,
    hours_cues: list, apps: list, counter: list, dm: list, whatsapp: list, phone_words: list,
  }),
});

const cache = new Map<string, PhraseBook>();

/** Reads and validates `<dir>/nl.yaml` and `<dir>/en.yaml` (Dutch first); cached per dir. Throws ConfigError. */
export function loadPhraseBook(dir: string = DEFAULT_PHRASES_DIR): PhraseBook {
  const hit = cache.get(dir);
  if (hit) return hit;
  const lists = LANGUAGES.map((lang): PhraseLists => {
    const file = join(dir, `${lang}.yaml`);
    const src = readYamlFile(file, 'phrase list');
    const parsed = schema.safeParse(src.data, { reportInput: true });
    if (!parsed.success) throw issueToError(src, parsed.error.issues[0]!);
    return parsed.data;
  });
  const book = buildPhraseBook(lists);
  cache.set(dir, book);
  return book;
}
