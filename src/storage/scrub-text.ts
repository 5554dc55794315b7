/**
 * Citizen handles and names out of an organisation's post once the retention period has passed
 * (METHOD.md 7): "@burger_anna Hoi Anna, ..." becomes "@burger Hoi [naam], ...". The handle
 * placeholder is still a mention, so the response reader reads the reply as before (a mention is
 * the word "account" to it). Pure.
 */

/** What an @mention of anyone but a monitored account becomes. */
export const HANDLE_PLACEHOLDER = '@burger';
/** What a citizen's name becomes. */
export const NAME_PLACEHOLDER = '[naam]';

// As analysis/text.ts MENTION_RE, with the server of a fediverse handle as its own group.
const MENTION =
  /(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)(?:@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))?/g;

const cap = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
const GREETING = [
  'hoi',
  'hallo',
  'hai',
  'hey',
  'hi',
  'hello',
  'dag',
  'beste',
  'geachte',
  'lieve',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'goeiemorgen',
  'goeiemiddag',
  'goeienavond',
  'moi',
  'dear',
  'bedankt',
  'dankjewel',
  'dankuwel',
  'dank je wel',
  'dank je',
  'dank u wel',
  'dank u',
  'thanks',
  'thank you',
  'sorry',
]
  .map((g) => cap(g).replace(/ /g, '\\s+'))
  .join('|');
const TITLE = ['meneer', 'mevrouw', 'mevr\\.?', 'mw\\.?', 'dhr\\.?', 'heer', 'mr\\.?', 'mrs\\.?', 'ms\\.?']
  .map(cap)
  .join('|');
const NAME = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
const PARTICLE = "(?:van|de|der|den|ter|ten|te|von|la|le|du|d'|van de|van der|van den)";
const FULL_NAME = `${NAME}(?:\\s+(?:${PARTICLE}\\s+)?${NAME})?`;
const END = '(?=$|[\\s,.!?:;)\'"’])';
// "Hoi Anna", "Beste mevrouw De Vries", "Dank je wel Piet": a greeting or thanks, then a capitalised name.
const GREETED = new RegExp(`(?<=^|[\\s.!?,;:(])((?:${GREETING})\\s+)((?:${TITLE})\\s+)?(${FULL_NAME})${END}`, 'gu');
// "meneer Jansen", "mevrouw van Dijk" anywhere.
const TITLED = new RegExp(`(?<=^|[\\s.!?,;:(])((?:${TITLE})\\s+)((?:${PARTICLE}\\s+)?${FULL_NAME})${END}`, 'gu');
const CAPITALISED = /(?<![\p{L}\p{M}\p{N}_])\p{Lu}[\p{L}\p{M}'’-]*/gu;
const JOINED = new RegExp(`\\[naam\\](?:\\s+${PARTICLE})?\\s+\\[naam\\]`, 'gu');
// Words after a greeting that address everyone, not one person.
const NOT_NAMES = new Set([
  'allemaal',
  'iedereen',
  'allen',
  'inwoners',
  'bewoners',
  'buren',
  'daar',
  'there',
  'all',
  'everyone',
  'team',
  'webcare',
  'gemeente',
  'de',
  'het',
  'een',
  'we',
  'wij',
  'ik',
  'je',
  'jij',
  'u',
  'jullie',
  'voor',
  'dank',
  'bedankt',
  'goed',
  'fijn',
  'nou',
  'ja',
  'nee',
  'oke',
  'ok',
  'maandag',
  'dinsdag',
  'woensdag',
  'donderdag',
  'vrijdag',
  'zaterdag',
  'zondag',
]);

export interface OrgTextScrub {
  /** Whether a mentioned handle ("name" or "name@server", as written, without "@") is a monitored account's. */
  isOrgHandle(handle: string): boolean;
  /** Whether a capitalised word is a citizen's name known for this thread (keyed hashes of name words). */
  isName?(word: string): boolean;
}

/**
 * Returns `text` with every @mention of an account that is not monitored replaced by "@burger",
 * the name after a greeting, thanks or title ("Hoi Anna", "mevrouw De Vries") and every word that
 * `isName` knows replaced by "[naam]"; adjacent name words become one "[naam]".
 */
export function scrubOrgText(text: string, o: OrgTextScrub): string {
  let t = text.replace(MENTION, (m, name: string, server: string | undefined) =>
    o.isOrgHandle(server ? `${name}@${server}` : name) ? m : HANDLE_PLACEHOLDER,
  );
  t = t.replace(GREETED, (m, greeting: string, title: string | undefined, name: string) =>
    NOT_NAMES.has(name.split(/\s+/)[0]!.toLowerCase()) ? m : `${greeting}${title ?? ''}${NAME_PLACEHOLDER}`,
  );
  t = t.replace(TITLED, (_m, title: string) => `${title}${NAME_PLACEHOLDER}`);
  if (o.isName) {
    const known = o.isName;
    t = t.replace(CAPITALISED, (w) => (known(w) ? NAME_PLACEHOLDER : w));
  }
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(JOINED, NAME_PLACEHOLDER);
  }
  return t;
}

/** The mentions (JSON array of handles) that are monitored accounts'; the rest are citizens'. */
export function scrubMentions(json: string, isOrgHandle: (handle: string) => boolean): string {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return '[]';
  }
  return JSON.stringify(
    Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string' && isOrgHandle(m)) : [],
  );
}
