import type { Store } from '../../src/storage/db.js';
import type { World } from '../../src/sim/world.js';
import type { BioFields } from '../../src/model/index.js';

export interface OrgAgreement {
  orgId: string;
  requests: number;
  truthRate: number;
  measuredRate: number | null;
  truthMedianH: number | null;
  measuredMedianH: number | null;
}
export interface Agreement {
  orgs: OrgAgreement[];
  requestsFound: number; // true requests the classifier also found
  requestsTrue: number;
  responsesChecked: number; // of those found, with a true response within the window
  responsesMatched: number;
  bioAccounts: number;
  bioEqual: number;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
};

/** Compares what the product stored with the generator's truth, by the method's own window rule. */
export async function agreement(store: Store, world: World, windowDays: number): Promise<Agreement> {
  const reqs = await store.db
    .selectFrom('requests')
    .select(['post_id', 'org_id', 'outcome', 'created_at', 'response_at', 'response_post_id'])
    .execute();
  const byPost = new Map(reqs.map((r) => [r.post_id.split(/[/:]/).pop()!, r]));
  const window = windowDays * 86_400_000;
  const perOrg = new Map<
    string,
    { n: number; responded: number; closed: number; times: number[]; mRes: number; mClosed: number; mTimes: number[] }
  >();
  let found = 0;
  let checked = 0;
  let matched = 0;
  for (const t of world.truth) {
    const o = perOrg.get(t.orgId) ?? { n: 0, responded: 0, closed: 0, times: [], mRes: 0, mClosed: 0, mTimes: [] };
    perOrg.set(t.orgId, o);
    o.n++;
    const inWindow = t.response && t.response.at - t.createdAt <= window;
    if (inWindow) {
      o.responded++;
      o.closed++;
      o.times.push((t.response!.at - t.createdAt) / 3_600_000);
    } else if (world.end - t.createdAt > window) o.closed++;
    const m = byPost.get(t.postId);
    if (!m) continue;
    found++;
    if (m.outcome !== 'pending') o.mClosed++;
    if (m.response_at && ['answered', 'redirected', 'acknowledged'].includes(m.outcome)) {
      o.mRes++;
      o.mTimes.push((Date.parse(m.response_at) - Date.parse(m.created_at)) / 3_600_000);
    }
    if (inWindow) {
      checked++;
      if (m.response_post_id?.split(/[/:]/).pop() === t.response!.postId) matched++;
    }
  }
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
    responsesChecked: checked,
    responsesMatched: matched,
    bioAccounts: bios.length,
    bioEqual,
  };
}
