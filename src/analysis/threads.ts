import type { Classification, Outcome, Post, ResponseKind } from '../model/index.js';
import { MINUTE_MS } from '../model/index.js';
import { outcomeAt, plusLocalDays } from './outcome.js';

/** A reply stamped this much before its request still counts (clocks differ), with response time 0. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;

/** What the thread analysis needs to know about who is who, and how to read texts. */
export interface ThreadContext {
  /** True for posts by any monitored account of this organisation (on this platform). */
  isOrg(post: Post): boolean;
  /** True for posts by monitored accounts of other organisations (never citizens). */
  isOtherOrg(post: Post): boolean;
  /** Lowercase handles of this organisation's accounts, to see mentions. */
  orgHandles: ReadonlySet<string>;
  /** True when a platform user id is one of this organisation's accounts (a reply whose parent is missing). */
  isOrgUserId?(userId: string): boolean;
  classify(post: Post): Classification;
  /** Reads an organisation reply; `request` is the citizen post it responds to. */
  responseKind(post: Post, request: Post): ResponseKind;
  now: Date;
  windowDays: number;
  /** The answer window counts calendar days in this zone (default Europe/Amsterdam). */
  zone?: string;
}

const DEFAULT_ZONE = 'Europe/Amsterdam';

export interface RequestResult {
  post: Post;
  followUpIds: string[];
  classification: Classification;
  /** The first response of any kind (METHOD.md 3: the first-response time). */
  response?: { post: Post; kind: ResponseKind };
  /** The first response that is an answer, when it came after an acknowledgement or redirect. */
  laterAnswer?: Post;
  /** The first response that only redirects (the outcome at an earlier instant needs its time). */
  redirect?: Post;
  outcome: Outcome;
  community?: Post;
  /** The first reply of another monitored organisation to the request or its follow-ups. */
  otherOrg?: Post;
}

const time = (p: Post) => Date.parse(p.createdAt);

/** Orders ids the way platforms do: numeric snowflakes by length then text, others as text. */
function byTime(a: Post, b: Post): number {
  return time(a) - time(b) || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Finds the requests in one thread (METHOD.md 2, follow-ups merged), the first response of the
 * organisation to each, the first community answer, and the outcome at `ctx.now` (METHOD.md 3).
 * Posts may arrive in any order; a missing parent (deleted or withheld) only cuts a reply chain.
 */
export function analyseThread(posts: readonly Post[], ctx: ThreadContext): RequestResult[] {
  const sorted = [...posts].sort(byTime);
  const byId = new Map(sorted.map((p) => [p.id, p]));
  const orgPosts = sorted.filter((p) => ctx.isOrg(p) && p.kind !== 'repost');
  const results: RequestResult[] = [];
  const openByAuthor = new Map<string, RequestResult>();

  for (const p of sorted) {
    if (ctx.isOrg(p) || ctx.isOtherOrg(p) || p.kind === 'repost' || p.referencedOnly) continue;
    const open = openByAuthor.get(p.authorId);
    // A chaser ("is er al nieuws?") belongs to the open request until it is answered, within the window.
    const inWindow = open && time(p) <= plusLocalDays(time(open.post), ctx.windowDays, ctx.zone ?? DEFAULT_ZONE);
    if (open && inWindow && !answeredBefore(open, orgPosts, p, byId, ctx)) {
      open.followUpIds.push(p.id);
      continue;
    }
    if (!isDirected(p, byId, orgPosts, ctx)) continue;
    const classification = ctx.classify(p);
    if (classification.kind === 'other') continue;
    const r: RequestResult = { post: p, followUpIds: [], classification, outcome: 'pending' };
    results.push(r);
    openByAuthor.set(p.authorId, r);
  }
  for (const r of results) settle(r, sorted, orgPosts, byId, ctx);
  return results;
}

function isDirected(p: Post, byId: Map<string, Post>, orgPosts: Post[], ctx: ThreadContext): boolean {
  if (p.mentions.some((m) => ctx.orgHandles.has(m.toLowerCase()))) return true;
  const parent = p.replyToId ? byId.get(p.replyToId) : undefined;
  if (parent && ctx.isOrg(parent)) return true;
  const root = p.threadRootId ? byId.get(p.threadRootId) : undefined;
  if (root && ctx.isOrg(root)) return true;
  // The parent is not in the archive (deleted, withheld, outside the search window), but the post
  // says whom it replies to: one of the organisation's accounts.
  if (!parent && p.replyToUserId && ctx.isOrgUserId?.(p.replyToUserId)) return true;
  // The organisation took part in this thread before: a reply anywhere in it is directed at it.
  return Boolean(p.replyToId) && orgPosts.some((o) => time(o) < time(p));
}

function ids(r: RequestResult): Set<string> {
  return new Set([r.post.id, ...r.followUpIds]);
}

/**
 * Whether an organisation post responds to a request (METHOD.md 3, method 2): it replies to the
 * request or to a later post of the requester, directly or through a chain of the organisation's
 * own posts (an answer under its own "we zoeken het uit"). A reply to an earlier post of the same
 * person (the compliment before the question) does not. On Facebook, whose comment threads are
 * flat, a reply to the requester in the thread after the request counts. Up to CLOCK_SKEW_MS
 * before the request counts; earlier is an anomaly and ignored.
 */
function isResponseTo(o: Post, r: RequestResult, byId: ReadonlyMap<string, Post>, ctx: ThreadContext): boolean {
  if (time(o) < time(r.post) - CLOCK_SKEW_MS) return false;
  const mine = ids(r);
  const fromRequester = (p: Post) => p.authorId === r.post.authorId && time(p) >= time(r.post);
  let parent = o.replyToId ? byId.get(o.replyToId) : undefined;
  if (o.replyToId && mine.has(o.replyToId)) return true;
  // Up the organisation's own chain: answer -> "we zoeken het uit" -> the request.
  for (let hops = 0; parent && hops < 50; hops++) {
    if (mine.has(parent.id) || (fromRequester(parent) && !ctx.isOrg(parent))) return true;
    if (!ctx.isOrg(parent)) return false;
    parent = parent.replyToId ? byId.get(parent.replyToId) : undefined;
  }
  return (
    o.platform === 'facebook' && Boolean(o.replyToId) && o.replyToUserId === r.post.authorId && time(o) > time(r.post)
  );
}

/** An answer within the window came before `p`: a new question after it is a new request. */
function answeredBefore(
  r: RequestResult,
  orgPosts: Post[],
  p: Post,
  byId: ReadonlyMap<string, Post>,
  ctx: ThreadContext,
): boolean {
  return orgPosts.some(
    (o) => time(o) < time(p) && isResponseTo(o, r, byId, ctx) && ctx.responseKind(o, r.post) === 'answer',
  );
}

function settle(
  r: RequestResult,
  sorted: Post[],
  orgPosts: Post[],
  byId: ReadonlyMap<string, Post>,
  ctx: ThreadContext,
): void {
  const responses = orgPosts.filter((o) => isResponseTo(o, r, byId, ctx));
  const first = responses[0];
  const mine = ids(r);
  const repliesAfter = (p: Post) =>
    p.replyToId !== undefined && mine.has(p.replyToId) && time(p) >= time(r.post) - CLOCK_SKEW_MS;
  const community = sorted.find(
    (p) =>
      !ctx.isOrg(p) &&
      !ctx.isOtherOrg(p) &&
      p.authorId !== r.post.authorId &&
      repliesAfter(p) &&
      time(p) > time(r.post) &&
      (!first || time(p) < time(first)),
  );
  if (community) r.community = community;
  // Another organisation's reply is recorded as such, never as a community answer (METHOD.md 2).
  const other = sorted.find((p) => ctx.isOtherOrg(p) && p.kind !== 'repost' && repliesAfter(p));
  if (other) r.otherOrg = other;
  const read = responses.map((o) => ({ o, kind: ctx.responseKind(o, r.post) }));
  if (first) r.response = { post: first, kind: read[0]!.kind };
  // The first answer and the first redirect, whenever they came: the outcome at any instant follows from them.
  const answer = read.find((x) => x.kind === 'answer');
  if (answer && answer.o !== first) r.laterAnswer = answer.o;
  const redirect = read.find((x) => x.kind === 'redirect');
  if (redirect) r.redirect = redirect.o;
  const facts = {
    createdAt: r.post.createdAt,
    responseAt: first?.createdAt ?? null,
    responseKind: r.response?.kind ?? null,
    answerAt: answer?.o.createdAt ?? null,
    redirectAt: redirect?.o.createdAt ?? null,
  };
  r.outcome = outcomeAt(facts, ctx.now.getTime(), ctx.windowDays, ctx.zone ?? DEFAULT_ZONE).outcome;
}
