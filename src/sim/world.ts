import type { BioFields, Organisation, Platform, ResponseKind } from '../model/index.js';
import { addOfficeHours, atLocal, citizenHour, weekday } from './clock-math.js';
import { Rng } from './random.js';
import { bio, type BioStyle } from './bios.js';
import { citizenPost, followUp, orgResponse } from './texts.js';
import { addScenarios } from './scenarios.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../model/index.js';

export interface Profile {
  kind: 'fast' | 'workday' | 'slow' | 'silent';
  respond: number;
  medianOfficeHours: number;
  redirect: number;
  acknowledge: number;
  night: number;
}
export interface SimAccount {
  platform: Platform;
  handle: string;
  orgId: string;
  name: string;
  userId: string;
  bioText: string;
  bioTruth: BioFields;
  profile: Profile;
  domain: string;
}
export interface SimPost {
  platform: Platform;
  id: string; // X, Mastodon: numeric (time-ordered); Bluesky: rkey; Facebook: graph id
  authorId: string;
  authorHandle: string;
  createdAt: number;
  text: string;
  replyToId?: string;
  replyToUserId?: string;
  rootId: string;
  orgId?: string; // set on posts of monitored accounts
  mentions: string[];
}
/** A post of an organisation that responds to a request (METHOD.md 3). */
export interface TruthResponse {
  postId: string;
  at: number;
  kind: ResponseKind;
}
/** One request: one (post, organisation) (METHOD.md 2, method 2). */
export interface TruthRequest {
  platform: Platform;
  postId: string;
  orgId: string;
  kind: 'question' | 'report';
  createdAt: number;
  /** The organisation's first response, of any kind. */
  response?: TruthResponse;
  /** Every response of the organisation, in time order (the first is `response`). */
  responses: TruthResponse[];
  /** Chasers: later posts of the requester in the thread that belong to this request (never requests themselves). */
  followUps: string[];
  /** All organisations the post is directed at (this one included), when there are several. */
  orgIds?: string[];
  /** The first reply of another organisation to the request: "another organisation answered", never a community answer. */
  otherOrg?: TruthResponse & { orgId: string };
}
export interface World {
  seed: number;
  start: number;
  end: number;
  accounts: SimAccount[];
  posts: SimPost[];
  truth: TruthRequest[];
}

/** The share of an organisation's citizen posts each platform gets (of the platforms it is on). */
const SHARE = { x: 0.55, facebook: 0.3, mastodon: 0.1, bluesky: 0.05 };

/** Citizen posts a week to `acc`: over all platforms they grow with the square root of the population. */
export function weeklyPosts(acc: SimAccount, accounts: readonly SimAccount[], org: Organisation): number {
  const present = accounts.filter((a) => a.orgId === acc.orgId).reduce((s, a) => s + SHARE[a.platform], 0);
  return (Math.max(1.8, 2.2 * Math.sqrt((org.population ?? 20_000) / 10_000)) * SHARE[acc.platform]) / present;
}

const PROFILES: [Profile, number][] = [
  [{ kind: 'fast', respond: 0.95, medianOfficeHours: 0.8, redirect: 0.1, acknowledge: 0.05, night: 0.08 }, 25],
  [{ kind: 'workday', respond: 0.85, medianOfficeHours: 5, redirect: 0.2, acknowledge: 0.1, night: 0.01 }, 35],
  [{ kind: 'slow', respond: 0.6, medianOfficeHours: 16, redirect: 0.3, acknowledge: 0.15, night: 0 }, 20],
  [{ kind: 'silent', respond: 0.08, medianOfficeHours: 30, redirect: 0.4, acknowledge: 0.2, night: 0 }, 20],
];
const STYLE_BY_PROFILE: Record<Profile['kind'], [BioStyle, number][]> = {
  fast: [
    ['invite_hours', 5],
    ['always', 2],
    ['office', 2],
    ['news', 1],
  ],
  workday: [
    ['invite_hours', 3],
    ['office', 3],
    ['deflect_email', 1],
    ['deflect_app', 1],
    ['news', 2],
  ],
  slow: [
    ['deflect_email', 2],
    ['deflect_phone', 2],
    ['deflect_web', 2],
    ['news', 2],
    ['office', 1],
  ],
  silent: [
    ['news', 3],
    ['not_monitored', 2],
    ['deflect_email', 1],
    ['deflect_web', 1],
  ],
};

function handleFor(platform: Platform, o: Organisation): string {
  const camel = o.name
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  if (platform === 'x') return `gem${camel}`.slice(0, 15);
  if (platform === 'mastodon') return `gemeente${camel.toLowerCase()}@social.overheid.nl`;
  if (platform === 'bluesky') return `${o.id}.nl`;
  return `gemeente${camel.toLowerCase()}`;
}

/**
 * Generates a deterministic world for the given organisations: accounts on a realistic mix of
 * platforms, a behaviour profile and bio per organisation, citizens' questions, reports and other
 * posts over `days` days (scaled by population, with daily and weekly rhythms), follow-ups,
 * community replies, and the organisations' responses. Records the truth for each request.
 * Unless `scenarios` is false, it adds (scenarios.ts) posts directed at two neighbouring
 * organisations and chasers after silence, an acknowledgement or a redirect.
 */
export function generateWorld(
  orgs: readonly Organisation[],
  opts: { seed: number; start: number; days: number; scenarios?: boolean },
): World {
  const rng = new Rng(opts.seed);
  const end = opts.start + opts.days * DAY_MS;
  const accounts: SimAccount[] = [];
  const posts: SimPost[] = [];
  const truth: TruthRequest[] = [];
  let seq = 0;
  const nextId = (at: number) => String(BigInt(Math.floor(at)) * 4096n + BigInt(seq++ % 4096));
  for (const o of orgs) {
    const profile = rng.weighted(PROFILES);
    const style = rng.weighted(STYLE_BY_PROFILE[profile.kind]);
    const domain = `${o.id.replace(/-/g, '')}.nl`;
    const platforms: Platform[] = (['x', 'facebook', 'mastodon', 'bluesky'] as const).filter((p, i) =>
      rng.chance([0.88, 0.45, 0.12, 0.08][i]!),
    );
    if (!platforms.length) platforms.push('x');
    const b = bio(style, o.name, domain, rng);
    for (const platform of platforms) {
      accounts.push({
        platform,
        handle: handleFor(platform, o),
        orgId: o.id,
        name: o.name,
        userId: `org-${platform}-${o.id}`,
        bioText: b.text,
        bioTruth: b.truth,
        profile,
        domain,
      });
    }
  }
  for (const acc of accounts) {
    const org = orgs.find((o) => o.id === acc.orgId)!;
    const weekly = weeklyPosts(acc, accounts, org);
    // Org posts on Mastodon, Bluesky and Facebook: citizens reply or comment under them.
    const orgPosts: SimPost[] = [];
    if (acc.platform !== 'x') {
      for (let t = opts.start - 2 * DAY_MS; t < end; t += rng.int(20, 50) * HOUR_MS) {
        const at = atLocal(t, 10 + rng.next());
        const id = acc.platform === 'facebook' ? `${acc.userId}_${seq++}` : nextId(at);
        const p: SimPost = {
          platform: acc.platform,
          id,
          authorId: acc.userId,
          authorHandle: acc.handle,
          createdAt: at,
          text: `Nieuws: ${rng.pick(['de markt verhuist tijdelijk', 'werkzaamheden aan de rotonde', 'nieuwe openingstijden van de bibliotheek', 'inzameling van kerstbomen'])}.`,
          rootId: id,
          orgId: acc.orgId,
          mentions: [],
        };
        orgPosts.push(p);
        posts.push(p);
      }
    }
    for (let day = 0; day < opts.days; day++) {
      const dayStart = opts.start + day * DAY_MS;
      const wd = weekday(dayStart);
      const n = rng.poisson((weekly / 7) * (wd >= 6 ? 0.6 : 1.1));
      for (let k = 0; k < n; k++) {
        const at = atLocal(
          dayStart,
          citizenHour(() => rng.next()),
        );
        if (at >= end) continue;
        const kind = rng.weighted<'question' | 'report' | 'other'>([
          ['question', 55],
          ['report', 25],
          ['other', 20],
        ]);
        const citizen = `c${rng.int(1, 40_000)}`;
        const handleInText =
          acc.platform === 'facebook' ? '' : acc.platform === 'mastodon' ? acc.handle.split('@')[0]! : acc.handle;
        const { text, topic } = citizenPost(kind, handleInText, rng);
        const parent =
          acc.platform === 'x'
            ? undefined
            : [...orgPosts].reverse().find((p) => p.createdAt < at && at - p.createdAt < 6 * DAY_MS);
        if (acc.platform !== 'x' && !parent) continue;
        const id = acc.platform === 'facebook' ? `${parent!.id.split('_').pop()}_${seq++}` : nextId(at);
        const q: SimPost = {
          platform: acc.platform,
          id,
          authorId: citizen,
          authorHandle: citizen,
          createdAt: at,
          text: acc.platform === 'facebook' ? text.replace(/^@\S*\s*/, '') : text,
          rootId: parent?.id ?? id,
          mentions: handleInText ? [acc.handle.toLowerCase()] : [],
        };
        if (parent) Object.assign(q, { replyToId: parent.id, replyToUserId: acc.userId });
        posts.push(q);
        if (kind === 'other') continue;
        const tr: TruthRequest = {
          platform: acc.platform,
          postId: id,
          orgId: acc.orgId,
          kind,
          createdAt: at,
          responses: [],
          followUps: [],
        };
        truth.push(tr);
        let target = q;
        if (rng.chance(0.12)) {
          const f: SimPost = {
            platform: acc.platform,
            id: '',
            authorId: citizen,
            authorHandle: citizen,
            createdAt: at + rng.int(1, 5) * HOUR_MS,
            text: followUp(rng),
            replyToId: q.id,
            replyToUserId: citizen,
            rootId: q.rootId,
            mentions: q.mentions,
          };
          f.id = acc.platform === 'facebook' ? `${q.id.split('_')[0]}_${seq++}` : nextId(f.createdAt);
          if (f.createdAt < end) {
            posts.push(f);
            tr.followUps.push(f.id);
            target = f;
          }
        }
        if (rng.chance(0.04)) {
          const cAt = at + rng.int(10, 120) * MINUTE_MS;
          const cid = acc.platform === 'facebook' ? `${q.id.split('_')[0]}_${seq++}` : nextId(cAt);
          if (cAt < end)
            posts.push({
              platform: acc.platform,
              id: cid,
              authorId: `c${rng.int(40_001, 80_000)}`,
              authorHandle: 'buur',
              createdAt: cAt,
              text: 'Volgens mij op dinsdag, maar check het even bij de gemeente',
              replyToId: q.id,
              replyToUserId: citizen,
              rootId: q.rootId,
              mentions: [],
            });
        }
        if (!rng.chance(acc.profile.respond)) continue;
        const rkind = rng.weighted<ResponseKind>([
          ['redirect', acc.profile.redirect],
          ['acknowledge', acc.profile.acknowledge],
          ['answer', 1 - acc.profile.redirect - acc.profile.acknowledge],
        ]);
        let rAt: number = rng.chance(acc.profile.night)
          ? atLocal(target.createdAt, 22 + rng.next() * 1.5)
          : addOfficeHours(target.createdAt, Math.min(200, rng.logNormal(acc.profile.medianOfficeHours, 0.8)));
        rAt = Math.floor(rAt);
        if (rAt <= target.createdAt) rAt = target.createdAt + 20 * MINUTE_MS;
        if (rAt >= end) continue;
        const rid = acc.platform === 'facebook' ? `${q.id.split('_')[0]}_${seq++}` : nextId(rAt);
        posts.push({
          platform: acc.platform,
          id: rid,
          authorId: acc.userId,
          authorHandle: acc.handle,
          createdAt: rAt,
          text: orgResponse(rkind, topic, acc.domain, rng),
          replyToId: target.id,
          replyToUserId: citizen,
          rootId: q.rootId,
          orgId: acc.orgId,
          mentions: [],
        });
        tr.response = { postId: rid, at: rAt, kind: rkind };
        tr.responses.push(tr.response);
      }
    }
  }
  // Posts to two organisations and chasers after silence, an acknowledgement or a redirect: drawn
  // from their own generator, after everything above, so the rest of the world stays as it was.
  if (opts.scenarios !== false)
    addScenarios(
      {
        orgs,
        accounts,
        posts,
        truth,
        start: opts.start,
        end,
        days: opts.days,
        weekly: (acc) =>
          weeklyPosts(
            acc,
            accounts,
            orgs.find((o) => o.id === acc.orgId)!,
          ),
      },
      new Rng((opts.seed ^ 0x5ce4a210) >>> 0),
      { x: nextId, fb: () => seq++ },
    );
  posts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { seed: opts.seed, start: opts.start, end, accounts, posts, truth };
}
