import type { Organisation, Platform } from '../model/index.js';

/** A handle to check, and where the idea came from. */
export interface Candidate {
  platform: Platform;
  handle: string;
  source: string;
}

function camel(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/\([^)]*\)/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** The naming patterns gemeenten use: gemeente<Naam>, Gemeente_<Naam>, gem_<naam>, the plain town name. */
export function patternCandidates(
  o: Organisation,
  platforms: readonly Platform[],
  mastodonServer: string,
): Candidate[] {
  const c = camel(o.name);
  const lower = c.toLowerCase();
  const out: Candidate[] = [];
  const add = (platform: Platform, handle: string) => {
    if (platform === 'x' && !/^[A-Za-z0-9_]{1,15}$/.test(handle)) return;
    out.push({ platform, handle, source: 'naming pattern' });
  };
  for (const p of platforms) {
    if (p === 'x') for (const h of [`gemeente${c}`, `Gemeente_${c}`, `gem_${lower}`, `gem${c}`, c]) add('x', h);
    if (p === 'mastodon') for (const h of [`gemeente${lower}`, lower]) add('mastodon', `${h}@${mastodonServer}`);
    if (p === 'bluesky')
      for (const h of [`${o.id}.nl`, `gemeente${lower}.bsky.social`, `${lower}.bsky.social`]) add('bluesky', h);
    if (p === 'facebook') for (const h of [`gemeente${lower}`, `gemeente${c}`]) add('facebook', h);
  }
  return out;
}

/** The Wikidata query: every item with a CBS municipality code (P382) and its social accounts. */
export const WIKIDATA_QUERY = `SELECT ?item ?cbs ?x ?facebook ?mastodon ?bluesky WHERE {
  ?item wdt:P382 ?cbs .
  OPTIONAL { ?item wdt:P2002 ?x . }
  OPTIONAL { ?item wdt:P2013 ?facebook . }
  OPTIONAL { ?item wdt:P4033 ?mastodon . }
  OPTIONAL { ?item wdt:P12361 ?bluesky . }
}`;

interface Binding {
  [k: string]: { type: string; value: string } | undefined;
}

/** Candidates from SPARQL JSON results, by CBS code ("0363" or "GM0363" -> "GM0363"). */
export function wikidataCandidates(json: { results?: { bindings?: Binding[] } }): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const b of json.results?.bindings ?? []) {
    const raw = b.cbs?.value;
    if (!raw) continue;
    const cbs = `GM${raw.replace(/^GM/i, '').padStart(4, '0')}`;
    const list = out.get(cbs) ?? [];
    const item = b.item?.value.split('/').pop() ?? '?';
    for (const [key, platform] of [
      ['x', 'x'],
      ['facebook', 'facebook'],
      ['mastodon', 'mastodon'],
      ['bluesky', 'bluesky'],
    ] as const) {
      const v = b[key]?.value;
      if (
        v &&
        !list.some((c) => c.platform === platform && c.handle.toLowerCase() === v.replace(/^@/, '').toLowerCase())
      )
        list.push({ platform, handle: v.replace(/^@/, ''), source: `wikidata ${item}` });
    }
    out.set(cbs, list);
  }
  return out;
}
