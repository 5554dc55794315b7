import type { Classification, Outcome, Post, ResponseKind } from '../model/index.js';
import { DAY_MS } from '../model/index.js';

/** What the thread analysis needs to know about who is who, and how to read texts. */
export interface ThreadContext {
  /** True for posts by any monitored account of this organisation (on this platform). */
  isOrg(post: Post): boolean;
  /** True for posts by monitored accounts of other organisations (never citizens). */
  isOtherOrg(post: Post): boolean;
  /** Lowercase handles of this organisation's accounts, to see mentions. */
  orgHandles: ReadonlySet<string>;
  classify(post: Post): Classification;
  /** Reads an organisation reply; `request` is the citizen post it responds to. */
  responseKind(post: Post, request: Post): ResponseKind;
  now: Date;
  windowDays: number;
}

export interface RequestResult {
  post: Post;
  followUpIds: string[];
  classification: Classification;
  response?: { post: Post; kind: ResponseKind };
  /** A later substantive answer after a first acknowledgement. */
  laterAnswer?: Post;
  outcome: Outcome;
  community?: Post;
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
    if (open && !respondedBefore(open, orgPosts, p)) {
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
  for (const r of results) settle(r, sorted, orgPosts, ctx);
  return results;
}

function isDirected(p: Post, byId: Map<string, Post>, orgPosts: Post[], ctx: ThreadContext): boolean {
  if (p.mentions.some((m) => ctx.orgHandles.has(m.toLowerCase()))) return true;
  const parent = p.replyToId ? byId.get(p.replyToId) : undefined;
  if (parent && ctx.isOrg(parent)) return true;
  const root = p.threadRootId ? byId.get(p.threadRootId) : undefined;
  if (root && ctx.isOrg(root)) return true;
  // The organisation took part in this thread before: a reply anywhere in it is directed at it.
  return Boolean(p.replyToId) && orgPosts.some((o) => time(o) < time(p));
}

function ids(r: RequestResult): Set<string> {
  return new Set([r.post.id, ...r.followUpIds]);
}

function isResponseTo(o: Post, r: RequestResult): boolean {
  if (time(o) <= time(r.post)) return false;
  if (o.replyToId && ids(r).has(o.replyToId)) return true;
  // Some platforms thread flatly (Facebook comments): a reply to the requester in the thread counts.
  return !o.replyToId ? false : o.replyToUserId === r.post.authorId;
}

function respondedBefore(r: RequestResult, orgPosts: Post[], p: Post): boolean {
  return orgPosts.some((o) => time(o) < time(p) && isResponseTo(o, r));
}

function settle(r: RequestResult, sorted: Post[], orgPosts: Post[], ctx: ThreadContext): void {
  const responses = orgPosts.filter((o) => isResponseTo(o, r));
  const first = responses[0];
  const windowEnd = time(r.post) + ctx.windowDays * DAY_MS;
  const community = sorted.find(
    (p) =>
      !ctx.isOrg(p) &&
      p.authorId !== r.post.authorId &&
      p.replyToId !== undefined &&
      ids(r).has(p.replyToId) &&
      time(p) > time(r.post) &&
      (!first || time(p) < time(first)),
  );
  if (community) r.community = community;
  if (!first || time(first) > windowEnd) {
    if (first) r.response = { post: first, kind: ctx.responseKind(first, r.post) };
    r.outcome = ctx.now.getTime() > windowEnd || first ? 'unanswered' : 'pending';
    return;
  }
  const kind = ctx.responseKind(first, r.post);
  r.response = { post: first, kind };
  if (kind === 'answer') r.outcome = 'answered';
  else if (kind === 'redirect') r.outcome = 'redirected';
  else {
    const later = responses.slice(1).find((o) => time(o) <= windowEnd && ctx.responseKind(o, r.post) !== 'acknowledge');
    if (later) r.laterAnswer = later;
    r.outcome = later ? (ctx.responseKind(later, r.post) === 'redirect' ? 'redirected' : 'answered') : 'acknowledged';
  }
}
