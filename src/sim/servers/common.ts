import type { World, SimPost } from '../world.js';

/** The simulator's virtual clock (the same object the poller reads). */
export interface SimClock {
  now(): Date;
}

/** What the simulator counts: requests per platform, posts served, 429s sent. */
export interface SimCounters {
  requests: Record<string, number>;
  postsServed: Record<string, number>;
  rateLimited: Record<string, number>;
}

/** Fresh counters, all at zero (a platform appears once it is counted). */
export function newCounters(): SimCounters {
  return { requests: {}, postsServed: {}, rateLimited: {} };
}

/** A fixed-window rate limit on virtual time: `limit` requests per `windowMs` per key. */
export class Window {
  private counts = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  /** Counts a request; returns remaining, reset (ms) and whether it is allowed. */
  take(key: string, now: number): { allowed: boolean; remaining: number; reset: number } {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    const c = this.counts.get(key);
    const cur = c && c.start === start ? c : { start, n: 0 };
    cur.n++;
    this.counts.set(key, cur);
    return { allowed: cur.n <= this.limit, remaining: Math.max(0, this.limit - cur.n), reset: start + this.windowMs };
  }
}

/** Posts of one platform indexed for the simulated APIs. */
export interface PlatformIndex {
  all: SimPost[];
  byId: Map<string, SimPost>;
  byRoot: Map<string, SimPost[]>;
  byAuthor: Map<string, SimPost[]>;
  byMention: Map<string, SimPost[]>;
  children: Map<string, SimPost[]>;
}

/** The world's posts of `platform`, indexed by id, thread root, author, mention and parent (handles lower-cased). */
export function indexPlatform(world: World, platform: string): PlatformIndex {
  const all = world.posts.filter((p) => p.platform === platform);
  const idx: PlatformIndex = {
    all,
    byId: new Map(),
    byRoot: new Map(),
    byAuthor: new Map(),
    byMention: new Map(),
    children: new Map(),
  };
  const push = (m: Map<string, SimPost[]>, k: string, p: SimPost) => (m.get(k) ?? m.set(k, []).get(k)!).push(p);
  for (const p of all) {
    idx.byId.set(p.id, p);
    push(idx.byRoot, p.rootId, p);
    push(idx.byAuthor, p.authorHandle.toLowerCase(), p);
    for (const m of p.mentions) push(idx.byMention, m.toLowerCase(), p);
    if (p.replyToId) push(idx.children, p.replyToId, p);
  }
  return idx;
}

/** Posts visible at `now` (created at or before it). */
export function visible(posts: readonly SimPost[] | undefined, now: number): SimPost[] {
  return (posts ?? []).filter((p) => p.createdAt <= now);
}
