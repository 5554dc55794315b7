import type { Settings } from '../config/load.js';
import type { Logger } from '../logger.js';
import type { Organisation, Platform } from '../model/index.js';
import { BlueskyClient } from '../platforms/bluesky/client.js';
import { FacebookClient } from '../platforms/facebook/client.js';
import { getJson } from '../platforms/http.js';
import { MastodonClient } from '../platforms/mastodon/client.js';
import { accountBio } from '../platforms/mastodon/normalize.js';
import type { MAccount } from '../platforms/mastodon/types.js';
import { PlatformError } from '../platforms/errors.js';
import { XClient } from '../platforms/x/client.js';
import type { XUser } from '../platforms/x/types.js';
import { patternCandidates, WIKIDATA_QUERY, wikidataCandidates, type Candidate } from './candidates.js';
import { verifyProfile, type Profile } from './verify.js';

export interface Found {
  handle: string;
  source: string;
  evidence: string[];
  confidence: number;
  dormant: boolean;
  discovered_at: string;
}
export interface DiscoveredOrg {
  org: Organisation;
  found: Partial<Record<Platform, Found[]>>;
}
export interface DiscoverResult {
  organisations: DiscoveredOrg[];
  notes: string[];
  checked: number;
  platformsChecked: Platform[];
  /** Sources that answered at least once, and those that could not be reached at all. */
  reached: string[];
  unreachable: string[];
}

/** A source stops being asked after this many network failures in a row (it is down, not the handle). */
const DOWN_AFTER = 3;

/** Counts network failures in a row; throws "unreachable" once a source is clearly down. */
class DownDetector {
  private inARow = 0;
  constructor(private readonly source: string) {}
  ok(): void {
    this.inARow = 0;
  }
  /** A failed lookup: a missing handle is fine, a network failure counts. */
  failed(err: unknown): void {
    const network = err instanceof PlatformError ? err.failure.kind === 'transient' : true;
    if (!network) return this.ok();
    if (++this.inARow >= DOWN_AFTER)
      throw new Error(`${this.source}: unreachable (${err instanceof Error ? err.message : String(err)})`);
  }
}

const MASTODON_BUDGET = 250; // lookups per server per run: under the 300 per 5 minutes of a default server

/**
 * Finds the official accounts of organisations: candidates from Wikidata (CBS code P382 with X, Facebook,
 * Mastodon and Bluesky properties), the social.overheid.nl directory and the naming patterns
 * gemeenten use, each verified through the platform's own profile lookup. A platform without
 * credentials is skipped with a note; Wikidata, Mastodon and Bluesky need none.
 */
export async function discover(
  orgs: readonly Organisation[],
  platforms: readonly Platform[],
  settings: Settings,
  now: Date,
  log: Logger,
  onProgress: (step: string) => void = () => {},
): Promise<DiscoverResult> {
  const notes: string[] = [];
  const reached: string[] = [];
  const unreachable: string[] = [];
  const server = settings.config.platforms.mastodon.default_server;
  const candidates = new Map<string, Candidate[]>(orgs.map((o) => [o.id, patternCandidates(o, platforms, server)]));
  onProgress('wikidata');
  try {
    const url = `https://query.wikidata.org/sparql?format=json&query=${encodeURIComponent(WIKIDATA_QUERY)}`;
    const { body } = await getJson<{ results?: { bindings?: [] } }>(url, {
      headers: { accept: 'application/sparql-results+json', 'user-agent': 'webcare-monitor/0.1 (account discovery)' },
      resetOf: () => undefined,
      label: 'wikidata',
      timeoutMs: 60_000,
    });
    const byCbs = wikidataCandidates(body);
    for (const o of orgs)
      for (const c of byCbs.get(o.cbs ?? '') ?? [])
        if (platforms.includes(c.platform)) candidates.get(o.id)!.unshift(c);
    reached.push('wikidata');
  } catch (err) {
    // The client's message starts with its label ("wikidata: fetch failed"): not twice.
    notes.push((err as Error).message);
    unreachable.push('wikidata');
  }
  if (platforms.includes('mastodon')) {
    onProgress(`${server} directory`);
    const dir = `${server} directory`;
    if (await fromDirectory(server, orgs, candidates, notes)) reached.push(dir);
    else unreachable.push(dir);
  }
  const profiles = new Map<string, Profile>();
  let checked = 0;
  const platformsChecked: Platform[] = [];
  for (const platform of platforms) {
    const list = [
      ...new Set(
        orgs.flatMap((o) =>
          candidates
            .get(o.id)!
            .filter((c) => c.platform === platform)
            .map((c) => c.handle),
        ),
      ),
    ];
    onProgress(`${platform} (${list.length} handles)`);
    try {
      const before = notes.length;
      const got = await lookup(platform, list, settings, notes);
      const skipped = notes.length > before && notes[notes.length - 1]!.includes('skipped');
      if (!skipped) {
        platformsChecked.push(platform);
        reached.push(platform);
      }
      checked += list.length;
      for (const p of got) profiles.set(`${platform}:${p.handle.toLowerCase()}`, p);
    } catch (err) {
      const message = (err as Error).message;
      notes.push(message.startsWith(`${platform}:`) ? message : `${platform}: ${message}`);
      unreachable.push(platform);
    }
  }
  const organisations = orgs.map((o) => {
    const found: Partial<Record<Platform, Found[]>> = {};
    const seen = new Set<string>();
    for (const c of candidates.get(o.id)!) {
      const key = `${c.platform}:${c.handle.toLowerCase()}`;
      const p = profiles.get(key);
      if (!p || seen.has(key)) continue;
      seen.add(key);
      const v = verifyProfile(o, p, now);
      if (!v.accepted) continue;
      (found[c.platform] ??= []).push({
        handle: p.handle,
        source: c.source,
        evidence: v.evidence,
        confidence: v.confidence,
        dormant: v.dormant,
        discovered_at: now.toISOString(),
      });
    }
    for (const list of Object.values(found)) list.sort((a, b) => b.confidence - a.confidence);
    return { org: o, found };
  });
  log.info(
    { organisations: orgs.length, checked, found: organisations.filter((x) => Object.keys(x.found).length).length },
    'discovery done',
  );
  return { organisations, notes, checked, platformsChecked, reached, unreachable };
}

async function fromDirectory(
  server: string,
  orgs: readonly Organisation[],
  candidates: Map<string, Candidate[]>,
  notes: string[],
): Promise<boolean> {
  try {
    for (let offset = 0; offset < 800; offset += 80) {
      const page = await getJson<MAccount[]>(
        `https://${server}/api/v1/directory?local=true&limit=80&offset=${offset}`,
        { resetOf: () => undefined, label: `${server} directory` },
      );
      for (const a of page.body) {
        const text = `${a.display_name ?? ''} ${a.acct}`.toLowerCase();
        for (const o of orgs)
          if (text.includes(o.name.toLowerCase()))
            candidates
              .get(o.id)!
              .unshift({ platform: 'mastodon', handle: `${a.acct}@${server}`, source: `${server} directory` });
      }
      if (page.body.length < 80) break;
    }
    return true;
  } catch (err) {
    const message = (err as Error).message;
    notes.push(message.startsWith(`${server} directory`) ? message : `${server} directory: ${message}`);
    return false;
  }
}

/** Profiles of the handles that exist; credentials missing = a note and nothing looked up. */
async function lookup(platform: Platform, handles: string[], settings: Settings, notes: string[]): Promise<Profile[]> {
  const c = settings.config.platforms;
  const out: Profile[] = [];
  if (platform === 'x') {
    if (!c.x.bearer_token) return (notes.push('x: skipped, no bearer token (set X_BEARER_TOKEN)'), out);
    const client = new XClient(c.x.bearer_token);
    for (let i = 0; i < handles.length; i += 100) {
      const res = await client.usersByUsernames(handles.slice(i, i + 100));
      for (const u of (Array.isArray(res.page.data) ? res.page.data : []) as unknown as XUser[])
        out.push({ platform, handle: u.username, name: u.name, bio: u.description ?? '' });
    }
  } else if (platform === 'mastodon') {
    const byServer = new Map<string, string[]>();
    for (const h of handles) {
      const [name, server] = h.split('@') as [string, string];
      byServer.set(server, [...(byServer.get(server) ?? []), name]);
    }
    for (const [server, names] of byServer) {
      const client = new MastodonClient(server);
      const down = new DownDetector(`mastodon: ${server}`);
      for (const name of names.slice(0, MASTODON_BUDGET)) {
        try {
          const a = await client.lookup(name);
          out.push({
            platform,
            handle: `${a.acct.split('@')[0]}@${server}`,
            name: a.display_name,
            bio: accountBio(a),
            lastPostAt: a.last_status_at ?? null,
          });
          down.ok();
        } catch (err) {
          down.failed(err); // 404: no such account; the server down: stop asking it
        }
      }
      if (names.length > MASTODON_BUDGET)
        notes.push(`mastodon: ${names.length - MASTODON_BUDGET} lookups on ${server} left for a next run (rate limit)`);
    }
  } else if (platform === 'bluesky') {
    const client = new BlueskyClient(c.bluesky.appview, c.bluesky.service);
    const down = new DownDetector('bluesky');
    for (const h of handles) {
      try {
        const p = await client.profile(h);
        out.push({ platform, handle: p.handle, name: p.displayName, bio: p.description ?? '' });
        down.ok();
      } catch (err) {
        down.failed(err); // no such handle, or the AppView down
      }
    }
  } else {
    if (!c.facebook.access_token)
      return (notes.push('facebook: skipped, no access token (set FACEBOOK_ACCESS_TOKEN)'), out);
    const client = new FacebookClient(c.facebook.access_token, c.facebook.api_version);
    const down = new DownDetector('facebook');
    for (const h of handles) {
      try {
        const p = await client.page(h);
        out.push({
          platform,
          handle: p.username ?? h,
          name: p.name,
          bio: [p.about, p.description].filter(Boolean).join('\n'),
        });
        down.ok();
      } catch (err) {
        down.failed(err); // no such page, or the Graph API down
      }
    }
  }
  return out;
}
