import type { Store } from '../../src/storage/db.js';
import type { TruthRequest, World } from '../../src/sim/world.js';
import { truthOutcome } from '../../src/sim/truth.js';
import { responseKind } from '../../src/analysis/response-kind.js';
import { loadPhraseBook } from '../../src/config/phrases.js';
import type { PhraseBook } from '../../src/analysis/phrases.js';
import type { BioFields, Outcome } from '../../src/model/index.js';

export interface OrgAgreement {
  orgId: string;
  requests: number;
  truthRate: number;
  measuredRate: number | null;
  truthMedianH: number | null;
  measuredMedianH: number | null;
}
/**
 * A true request the product measured differently (for the report and the assertion messages), with
 * its cause where it is one the test tolerates: the classifier missed the request, or the response
 * reader read one of its responses as another kind than the generator wrote (both measured on the
 * labelled sets, test/eval). Without a cause it is a bug of the rules this test checks.
 */
export interface Mismatch {
  platform: string;
  postId: string;
  orgId: string;
  what: string;
  truth: string;
  product: string;
  cause?: 'classifier' | 'reader';
}
/** Found / true and outcome agreement of one group of true requests. */
export interface GroupAgreement {
  requestsTrue: number;
  requestsFound: number;
  outcomesMatched: number; // of those found, the product's outcome at the end equals the true outcome
  /** Of those found, a different outcome where the product read a response as another kind than the truth. */
  outcomesMisread: number;
}
export interface MultiOrgAgreement extends GroupAgreement {
  posts: number;
  /** Posts by how many of their organisations responded within the world: 0, 1 or 2. */
  postsByResponders: Record<number, number>;
  /** Posts found for some but not all of their organisations (the classifier decides per post, so a bug). */
  postsSplit: number;
  /** True requests whose other organisation replied ("another organisation answered"), and of those found, recorded so. */
  otherOrgTrue: number;
  otherOrgFound: number;
  otherOrgMatched: number;
  /** Found requests where the product recorded another organisation's reply the truth does not have. */
  otherOrgSpurious: number;
  /** Found requests whose community answer is a post of an organisation (METHOD.md 2: never). */
  communityIsOrg: number;
}
export interface ChaserAgreement extends GroupAgreement {
  chasers: number;
  /** Chaser posts the product stored as requests of their own (METHOD.md 2: never, within the window). */
  chasersAsRequests: number;
  /** ... of which the classifier had missed the request they chase, or the reader had read an earlier response as an answer. */
  chasersAsRequestsExplained: number;
  /** Requests with chasers by what the organisation had done before the first chaser. */
  byBefore: Record<string, GroupAgreement>;
}
export interface Agreement {
  orgs: OrgAgreement[];
  requestsFound: number; // true requests (post, organisation) the classifier also found
  requestsTrue: number;
  /** Requests the product stored that the truth does not have (classifier false positives, split chasers). */
  requestsExtra: number;
  extras: { platform: string; postId: string; orgId: string; outcome: string; text: string }[];
  responsesChecked: number; // of those found, with a true response within the window
  responsesMatched: number;
  /** Outcome agreement of every found request, and of the requests with neither several organisations nor chasers. */
  outcomes: { checked: number; matched: number; misread: number; plainChecked: number; plainMatched: number };
  multiOrg: MultiOrgAgreement;
  chasers: ChaserAgreement;
  mismatches: Mismatch[];
  bioAccounts: number;
  bioEqual: number;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};
// The product stores Mastodon and Bluesky ids as URIs; the world's are their last segment.
const localId = (id: string) => id.split(/[/:]/).pop()!;
const group = (): GroupAgreement => ({ requestsTrue: 0, requestsFound: 0, outcomesMatched: 0, outcomesMisread: 0 });

/**
 * Compares what the product stored with the generator's truth, per (post, organisation) (METHOD.md 2),
 * by the method's own window rule: whether each true request was found, its first response, its
 * outcome at the end of the world, and for posts to several organisations and requests with chasers
 * what METHOD.md 2 says about them.
 */
export async function agreement(
  store: Store,
  world: World,
  windowDays: number,
  book: PhraseBook = loadPhraseBook(),
): Promise<Agreement> {
  const reqs = await store.db
    .selectFrom('requests')
    .select([
      'platform',
      'post_id',
      'org_id',
      'outcome',
      'created_at',
      'response_at',
      'response_post_id',
      'other_org_post_id',
      'community_post_id',
    ])
    .execute();
  const key = (platform: string, postId: string, orgId: string) => `${platform}:${localId(postId)}|${orgId}`;
  const byKey = new Map(reqs.map((r) => [key(r.platform, r.post_id, r.org_id), r]));
  const window = windowDays * 86_400_000;
  const postById = new Map(world.posts.map((p) => [`${p.platform}:${p.id}`, p]));
  const textOf = (platform: string, id: string) => postById.get(`${platform}:${id}`)!.text;
  const perOrg = new Map<
    string,
    { n: number; responded: number; closed: number; times: number[]; mRes: number; mClosed: number; mTimes: number[] }
  >();
  let found = 0;
  let checked = 0;
  let matched = 0;
  const outcomes = { checked: 0, matched: 0, misread: 0, plainChecked: 0, plainMatched: 0 };
  const mismatches: Mismatch[] = [];
  const multi: MultiOrgAgreement = {
    ...group(),
    posts: 0,
    postsByResponders: { 0: 0, 1: 0, 2: 0 },
    postsSplit: 0,
    otherOrgTrue: 0,
    otherOrgFound: 0,
    otherOrgMatched: 0,
    otherOrgSpurious: 0,
    communityIsOrg: 0,
  };
  const chasers: ChaserAgreement = {
    ...group(),
    chasers: 0,
    chasersAsRequests: 0,
    chasersAsRequestsExplained: 0,
    byBefore: {},
  };
  // Requests the product did not find, or whose responses it read as other kinds than the truth.
  const missed = new Set<string>();
  const misread = new Set<string>();
  const truthKeys = new Set<string>();
  const multiPosts = new Map<string, { found: number; orgs: number; responders: number }>();
  const miss = (t: TruthRequest, what: string, truth: string, product: string, cause?: Mismatch['cause']) =>
    mismatches.push({
      platform: t.platform,
      postId: t.postId,
      orgId: t.orgId,
      what,
      truth,
      product,
      ...(cause ? { cause } : {}),
    });

  for (const t of world.truth) {
    truthKeys.add(key(t.platform, t.postId, t.orgId));
    const o = perOrg.get(t.orgId) ?? { n: 0, responded: 0, closed: 0, times: [], mRes: 0, mClosed: 0, mTimes: [] };
    perOrg.set(t.orgId, o);
    o.n++;
    const inWindow = t.response && t.response.at - t.createdAt <= window;
    if (inWindow) {
      o.responded++;
      o.closed++;
      o.times.push((t.response!.at - t.createdAt) / 3_600_000);
    } else if (world.end - t.createdAt > window) o.closed++;
    const groups: GroupAgreement[] = [];
    if (t.orgIds) {
      groups.push(multi);
      const mp = multiPosts.get(`${t.platform}:${t.postId}`) ?? { found: 0, orgs: t.orgIds.length, responders: 0 };
      multiPosts.set(`${t.platform}:${t.postId}`, mp);
      if (t.response) mp.responders++;
      if (t.otherOrg) multi.otherOrgTrue++;
    }
    if (t.followUps.length) {
      groups.push(chasers);
      chasers.chasers += t.followUps.length;
      const first = postById.get(`${t.platform}:${t.followUps[0]}`)!.createdAt;
      const before = t.responses.filter((r) => r.at < first).pop()?.kind ?? 'nothing';
      groups.push((chasers.byBefore[before] ??= group()));
    }
    for (const g of groups) g.requestsTrue++;
    const m = byKey.get(key(t.platform, t.postId, t.orgId));
    if (!m) {
      missed.add(key(t.platform, t.postId, t.orgId));
      if (t.orgIds || t.followUps.length) miss(t, 'not found', t.kind, 'no request', 'classifier');
      continue;
    }
    // The product's reader takes one of the request's responses for another kind than the generator wrote.
    const readOther = t.responses.some(
      (r) => responseKind(textOf(t.platform, r.postId), book, textOf(t.platform, t.postId)) !== r.kind,
    );
    if (readOther) misread.add(key(t.platform, t.postId, t.orgId));
    found++;
    for (const g of groups) g.requestsFound++;
    if (m.outcome !== 'pending') o.mClosed++;
    if (m.response_at && ['answered', 'redirected', 'acknowledged'].includes(m.outcome)) {
      o.mRes++;
      o.mTimes.push((Date.parse(m.response_at) - Date.parse(m.created_at)) / 3_600_000);
    }
    if (inWindow) {
      checked++;
      if (m.response_post_id && localId(m.response_post_id) === t.response!.postId) matched++;
      else miss(t, 'first response', t.response!.postId, m.response_post_id ?? 'none');
    }
    const want: Outcome = truthOutcome(t, world.end, windowDays);
    outcomes.checked++;
    if (!groups.length) outcomes.plainChecked++;
    if (m.outcome === want) {
      outcomes.matched++;
      if (!groups.length) outcomes.plainMatched++;
      for (const g of groups) g.outcomesMatched++;
    } else {
      if (readOther) {
        outcomes.misread++;
        for (const g of groups) g.outcomesMisread++;
      }
      miss(t, 'outcome', want, m.outcome, readOther ? 'reader' : undefined);
    }
    if (t.orgIds) {
      multiPosts.get(`${t.platform}:${t.postId}`)!.found++;
      if (t.otherOrg) {
        multi.otherOrgFound++;
        if (m.other_org_post_id && localId(m.other_org_post_id) === t.otherOrg.postId) multi.otherOrgMatched++;
        else miss(t, 'other organisation', t.otherOrg.postId, m.other_org_post_id ?? 'none');
      } else if (m.other_org_post_id) {
        multi.otherOrgSpurious++;
        miss(t, 'other organisation', 'none', m.other_org_post_id);
      }
      const community = m.community_post_id ? postById.get(`${t.platform}:${localId(m.community_post_id)}`) : undefined;
      if (community?.orgId) {
        multi.communityIsOrg++;
        miss(t, 'community answer', 'none', m.community_post_id!);
      }
    }
  }
  multi.posts = multiPosts.size;
  for (const mp of multiPosts.values()) {
    multi.postsByResponders[mp.responders] = (multi.postsByResponders[mp.responders] ?? 0) + 1;
    if (mp.found > 0 && mp.found < mp.orgs) multi.postsSplit++;
  }
  // The request each chaser belongs to, for each organisation it is directed at.
  const chaserOf = new Map<string, TruthRequest>();
  for (const t of world.truth) for (const id of t.followUps) chaserOf.set(key(t.platform, id, t.orgId), t);
  for (const r of reqs) {
    const t = chaserOf.get(key(r.platform, r.post_id, r.org_id));
    if (!t) continue;
    chasers.chasersAsRequests++;
    const k = key(t.platform, t.postId, t.orgId);
    const cause = missed.has(k) ? 'classifier' : misread.has(k) ? 'reader' : undefined;
    if (cause) chasers.chasersAsRequestsExplained++;
    mismatches.push({
      platform: r.platform,
      postId: localId(r.post_id),
      orgId: r.org_id,
      what: `chaser of ${t.postId} stored as a request`,
      truth: 'follow-up',
      product: r.outcome,
      ...(cause ? { cause } : {}),
    });
  }
  const extras = reqs
    .filter((r) => !truthKeys.has(key(r.platform, r.post_id, r.org_id)))
    .map((r) => ({
      platform: r.platform,
      postId: localId(r.post_id),
      orgId: r.org_id,
      outcome: r.outcome,
      text: postById.get(`${r.platform}:${localId(r.post_id)}`)?.text ?? '',
    }));
  const bios = await store.db
    .selectFrom('bios as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select(['a.platform', 'a.handle', 'b.parsed'])
    .execute();
  const truthBio = new Map(world.accounts.map((a) => [`${a.platform}:${a.handle.toLowerCase()}`, a.bioTruth]));
  let bioEqual = 0;
  for (const b of bios) {
    const want = truthBio.get(`${b.platform}:${b.handle.toLowerCase()}`);
    const got = JSON.parse(b.parsed) as BioFields;
    if (want && JSON.stringify(got) === JSON.stringify(want)) bioEqual++;
  }
  return {
    orgs: [...perOrg.entries()].map(([orgId, o]) => ({
      orgId,
      requests: o.n,
      truthRate: o.closed ? o.responded / o.closed : 0,
      measuredRate: o.mClosed ? o.mRes / o.mClosed : null,
      truthMedianH: median(o.times),
      measuredMedianH: median(o.mTimes),
    })),
    requestsFound: found,
    requestsTrue: world.truth.length,
    requestsExtra: extras.length,
    extras,
    responsesChecked: checked,
    responsesMatched: matched,
    outcomes,
    multiOrg: multi,
    chasers,
    mismatches,
    bioAccounts: bios.length,
    bioEqual,
  };
}
