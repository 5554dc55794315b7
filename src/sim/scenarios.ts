import type { Organisation, Platform, ResponseKind } from '../model/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../model/index.js';
import { addOfficeHours, atLocal, citizenHour, weekday } from './clock-math.js';
import type { Rng } from './random.js';
import { multiOrgAnswer, multiOrgPost, redirectToOther } from './multi-org-texts.js';
import { chaser, citizenPost, orgResponse, responseToChaser } from './texts.js';
import type { Profile, SimAccount, SimPost, TruthRequest, TruthResponse } from './world.js';

/** Posts to two organisations at once, as a share of an account's citizen posts (X, Mastodon, Bluesky). */
export const MULTI_ORG_SHARE = 0.03;
/** Threads in which the citizen chases (after silence, an acknowledgement or a redirect), as a share of citizen posts. */
export const CHASER_SHARE = 0.06;
/**
 * Chasers come at most this long after the request: inside any answer window of 7 days or more (the
 * demo's 7, the method's default 30), so by METHOD.md 2 they always belong to the first request.
 */
export const CHASE_WITHIN_MS = 6 * DAY_MS;

export interface ScenarioWorld {
  orgs: readonly Organisation[];
  accounts: readonly SimAccount[];
  posts: SimPost[];
  truth: TruthRequest[];
  start: number;
  end: number;
  days: number;
  /** Citizen posts a week to an account (the world's own rate). */
  weekly(acc: SimAccount): number;
}

/** Ids from the world's own sequence, so the new posts never collide with the others. */
export interface IdSource {
  /** A time-ordered numeric id (X, Mastodon, Bluesky). */
  x(at: number): string;
  /** The next number of the shared sequence (Facebook ids are `<page post>_<n>`). */
  fb(): number;
}

/**
 * Adds, with its own generator `rng`, two kinds of threads to a generated world, with their truth:
 * - a citizen post directed at two neighbouring organisations (the same province where possible) on
 *   X, Mastodon or Bluesky: one request per (post, organisation); one of them responds, both (at
 *   times the first sends the citizen to the other), or neither; a reply of the one is recorded as
 *   `otherOrg` on the request of the other, never as a community answer;
 * - a request followed by one or two chasers of the same citizen in the thread ("Is er al nieuws?")
 *   after silence, an acknowledgement or a redirect, and then perhaps a response to the chaser: one
 *   request with the chasers as `followUps`, its outcome decided by all the responses together.
 */
export function addScenarios(w: ScenarioWorld, rng: Rng, ids: IdSource): void {
  const orgById = new Map(w.orgs.map((o) => [o.id, o]));
  const orgPostsOf = new Map<string, SimPost[]>();
  for (const p of w.posts)
    if (p.orgId && !p.replyToId)
      (orgPostsOf.get(p.authorId) ?? orgPostsOf.set(p.authorId, []).get(p.authorId)!).push(p);
  const g = new Gen(w, rng, ids, orgPostsOf);
  for (const acc of w.accounts) {
    const partners = neighbours(acc, w.accounts, orgById);
    const weekly = w.weekly(acc);
    for (let day = 0; day < w.days; day++) {
      const dayStart = w.start + day * DAY_MS;
      const perDay = (weekly / 7) * (weekday(dayStart) >= 6 ? 0.6 : 1.1);
      const multi = partners.length ? rng.poisson(perDay * MULTI_ORG_SHARE) : 0;
      const chased = rng.poisson(perDay * CHASER_SHARE);
      for (let k = 0; k < multi; k++) g.multiOrg(acc, rng.pick(partners), dayStart);
      for (let k = 0; k < chased; k++) g.chased(acc, dayStart);
    }
  }
}

// Accounts of other organisations on the same platform that a citizen would address with `acc`: the
// same province where there are any (neighbours), else any. None on Facebook, whose comments do not
// tag pages in the payloads the product reads.
function neighbours(acc: SimAccount, accounts: readonly SimAccount[], orgs: Map<string, Organisation>): SimAccount[] {
  if (acc.platform === 'facebook') return [];
  const others = accounts.filter((a) => a.platform === acc.platform && a.orgId !== acc.orgId);
  const province = orgs.get(acc.orgId)?.province;
  const near = province ? others.filter((a) => orgs.get(a.orgId)?.province === province) : [];
  return near.length ? near : others;
}

/** How a handle is written in a post's text: Facebook pages are not tagged, Mastodon uses the local name. */
function inText(acc: SimAccount): string {
  return acc.platform === 'facebook' ? '' : acc.platform === 'mastodon' ? acc.handle.split('@')[0]! : acc.handle;
}

class Gen {
  constructor(
    private readonly w: ScenarioWorld,
    private readonly rng: Rng,
    private readonly ids: IdSource,
    private readonly orgPostsOf: Map<string, SimPost[]>,
  ) {}

  /** A post by a citizen or an organisation account, added to the world. */
  private post(
    platform: Platform,
    at: number,
    author: { id: string; handle: string; orgId?: string },
    text: string,
    opts: { replyTo?: SimPost; root?: SimPost; mentions?: string[] } = {},
  ): SimPost {
    const rootId = opts.root?.id ?? opts.replyTo?.rootId;
    const id = platform === 'facebook' ? `${rootId!.split('_').pop()}_${this.ids.fb()}` : this.ids.x(at);
    const p: SimPost = {
      platform,
      id,
      authorId: author.id,
      authorHandle: author.handle,
      createdAt: at,
      text,
      rootId: rootId ?? id,
      mentions: opts.mentions ?? [],
    };
    if (author.orgId) p.orgId = author.orgId;
    if (opts.replyTo) Object.assign(p, { replyToId: opts.replyTo.id, replyToUserId: opts.replyTo.authorId });
    this.w.posts.push(p);
    return p;
  }

  /** The organisation post a citizen replies under (all platforms but X), as in the rest of the world. */
  private parentFor(acc: SimAccount, at: number): SimPost | undefined {
    if (acc.platform === 'x') return undefined;
    return [...(this.orgPostsOf.get(acc.userId) ?? [])]
      .reverse()
      .find((p) => p.createdAt < at && at - p.createdAt < 6 * DAY_MS);
  }

  /** When `acc` responds to a post of `from`: the world's own rule (office hours, sometimes at night). */
  private respondAt(profile: Profile, from: number): number {
    let at = this.rng.chance(profile.night)
      ? atLocal(from, 22 + this.rng.next() * 1.5)
      : addOfficeHours(from, Math.min(200, this.rng.logNormal(profile.medianOfficeHours, 0.8)));
    at = Math.floor(at);
    return at <= from ? from + 20 * MINUTE_MS : at;
  }

  private kindFor(profile: Profile): ResponseKind {
    return this.rng.weighted<ResponseKind>([
      ['redirect', profile.redirect],
      ['acknowledge', profile.acknowledge],
      ['answer', 1 - profile.redirect - profile.acknowledge],
    ]);
  }

  private citizen(): { id: string; handle: string } {
    const id = `c${this.rng.int(80_001, 120_000)}`;
    return { id, handle: id };
  }

  private truth(acc: SimAccount, q: SimPost, kind: 'question' | 'report', orgIds?: string[]): TruthRequest {
    const t: TruthRequest = {
      platform: acc.platform,
      postId: q.id,
      orgId: acc.orgId,
      kind,
      createdAt: q.createdAt,
      responses: [],
      followUps: [],
      ...(orgIds ? { orgIds } : {}),
    };
    this.w.truth.push(t);
    return t;
  }

  private static respond(t: TruthRequest, r: SimPost, kind: ResponseKind): TruthResponse {
    const resp = { postId: r.id, at: r.createdAt, kind };
    t.responses.push(resp);
    t.responses.sort((a, b) => a.at - b.at);
    t.response = t.responses[0]!;
    return resp;
  }

  /** "@GemA @GemB wie maait de berm langs de Grensweg?": one request for each, each with its own responses. */
  multiOrg(a: SimAccount, b: SimAccount, dayStart: number): void {
    const rng = this.rng;
    const at = atLocal(
      dayStart,
      citizenHour(() => rng.next()),
    );
    const kind = rng.weighted<'question' | 'report' | 'other'>([
      ['question', 60],
      ['report', 30],
      ['other', 10],
    ]);
    const order = rng.chance(0.5) ? [a, b] : [b, a];
    const { text, topic, road } = multiOrgPost(kind, order.map(inText), rng);
    const parent = this.parentFor(a, at);
    if (at >= this.w.end || (a.platform !== 'x' && !parent)) return;
    const citizen = this.citizen();
    const q = this.post(a.platform, at, citizen, text, {
      ...(parent ? { replyTo: parent } : {}),
      mentions: order.map((x) => x.handle.toLowerCase()),
    });
    if (kind === 'other') return;
    const orgIds = [a.orgId, b.orgId].sort();
    const truth = new Map([a, b].map((x) => [x.orgId, this.truth(x, q, kind, orgIds)]));
    const scenario = rng.weighted<'one' | 'both' | 'neither'>([
      ['one', 40],
      ['both', 30],
      ['neither', 30],
    ]);
    const reply = (x: SimAccount, rAt: number, rkind: ResponseKind, rtext: string, mentions: string[] = []) => {
      if (rAt >= this.w.end) return;
      const r = this.post(x.platform, rAt, { id: x.userId, handle: x.handle, orgId: x.orgId }, rtext, {
        replyTo: q,
        mentions,
      });
      const resp = Gen.respond(truth.get(x.orgId)!, r, rkind);
      // For every other organisation the post was directed at, this is "another organisation answered".
      for (const [orgId, t] of truth)
        if (orgId !== x.orgId && (!t.otherOrg || t.otherOrg.at > rAt)) t.otherOrg = { ...resp, orgId: x.orgId };
    };
    const say = (x: SimAccount, rkind: ResponseKind) =>
      rkind === 'answer' ? multiOrgAnswer(topic, road, rng) : orgResponse(rkind, -1, x.domain, rng);
    if (scenario === 'neither') return;
    const first = rng.chance(0.5) ? a : b;
    const second = first === a ? b : a;
    if (scenario === 'one') {
      const rkind = this.kindFor(first.profile);
      reply(first, this.respondAt(first.profile, at), rkind, say(first, rkind));
      return;
    }
    if (rng.chance(0.5)) {
      // The first sends the citizen to the other, which then answers.
      const rAt = this.respondAt(first.profile, at);
      reply(first, rAt, 'redirect', redirectToOther(second.name, inText(second), rng), [second.handle.toLowerCase()]);
      reply(second, this.respondAt(second.profile, rAt), 'answer', say(second, 'answer'));
      return;
    }
    for (const x of [first, second]) {
      const rkind = this.kindFor(x.profile);
      reply(x, this.respondAt(x.profile, at), rkind, say(x, rkind));
    }
  }

  /** A request, perhaps a first response, then one or two chasers, then perhaps a response to the chaser. */
  chased(acc: SimAccount, dayStart: number): void {
    const rng = this.rng;
    const end = this.w.end;
    const at = atLocal(
      dayStart,
      citizenHour(() => rng.next()),
    );
    const kind = rng.weighted<'question' | 'report'>([
      ['question', 65],
      ['report', 35],
    ]);
    const handle = inText(acc);
    const { text, topic } = citizenPost(kind, handle, rng);
    let before = rng.weighted<'nothing' | 'acknowledge' | 'redirect'>([
      ['nothing', 20],
      ['acknowledge', 45],
      ['redirect', 35],
    ]);
    const parent = this.parentFor(acc, at);
    if (at >= end || (acc.platform !== 'x' && !parent)) return;
    const citizen = this.citizen();
    const mentions = handle ? [acc.handle.toLowerCase()] : [];
    const q = this.post(acc.platform, at, citizen, acc.platform === 'facebook' ? text.replace(/^@\S*\s*/, '') : text, {
      ...(parent ? { replyTo: parent } : {}),
      mentions,
    });
    const t = this.truth(acc, q, kind);
    const org = { id: acc.userId, handle: acc.handle, orgId: acc.orgId };
    // On Facebook every reply stays in the flat comment thread of the request.
    const under = (p: SimPost) => (acc.platform === 'facebook' ? q : p);
    let last = q;
    let from = at;
    if (before !== 'nothing') {
      const rAt = this.respondAt(acc.profile, at);
      if (rAt < end && rAt - at < CHASE_WITHIN_MS - DAY_MS) {
        const r = this.post(acc.platform, rAt, org, orgResponse(before, topic, acc.domain, rng), { replyTo: under(q) });
        Gen.respond(t, r, before);
        last = r;
        from = rAt;
      } else before = 'nothing';
    }
    const n = rng.chance(0.25) ? 2 : 1;
    let chasers = 0;
    for (let i = 0; i < n; i++) {
      const cAt = from + (i === 0 ? rng.int(18, 60) : rng.int(12, 36)) * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
      if (cAt >= end || cAt - at >= CHASE_WITHIN_MS) break;
      // On X and Mastodon a reply names the account it is (indirectly) addressed to; on Bluesky and Facebook it need not.
      const named = acc.platform === 'x' || acc.platform === 'mastodon';
      const c = this.post(acc.platform, cAt, citizen, `${named ? `@${handle} ` : ''}${chaser(before, rng)}`, {
        replyTo: under(last),
        mentions: named ? mentions : [],
      });
      t.followUps.push(c.id);
      last = c;
      from = cAt;
      chasers++;
    }
    if (!chasers) return;
    const after = rng.weighted<ResponseKind | 'none'>(
      before === 'nothing'
        ? [
            ['answer', 40 * acc.profile.respond],
            ['acknowledge', 15 * acc.profile.respond],
            ['redirect', 15 * acc.profile.respond],
            ['none', 30 + 70 * (1 - acc.profile.respond)],
          ]
        : before === 'acknowledge'
          ? [
              ['answer', 50],
              ['acknowledge', 20],
              ['none', 30],
            ]
          : [
              ['answer', 40],
              ['redirect', 20],
              ['none', 40],
            ],
    );
    if (after === 'none') return;
    const rAt = this.respondAt(acc.profile, from);
    if (rAt >= end) return;
    const r = this.post(acc.platform, rAt, org, responseToChaser(after, topic, acc.domain, rng), {
      replyTo: under(last),
    });
    Gen.respond(t, r, after);
  }
}
