import type { SetupServer } from 'msw/node';
import { newCounters, type SimClock, type SimCounters } from '../../src/sim/servers/common.js';
import { X_API, xHandlers } from '../../src/sim/servers/x.js';
import type { SimAccount, SimPost, World } from '../../src/sim/world.js';

/** The recent search endpoint, for faults injected with server.use(http.get(SEARCH, fault, { once: true })). */
export const SEARCH = `${X_API}/tweets/search/recent`;

// Real snowflakes count milliseconds from X's epoch, shifted 22 bits: ids past 2^53, ordered by time,
// so the tests exercise the id comparison the generator's smaller ids never reach.
const X_EPOCH_MS = 1_288_834_974_657n;

// A hand-built world has no generator truth to compare with: neutral profile and bio fields.
const NO_TRUTH: Pick<SimAccount, 'bioTruth' | 'profile'> = {
  bioTruth: { deflects: false, channels: [], notMonitored: false, invitesQuestions: false, hours: [], promise: null },
  profile: { kind: 'silent', respond: 0, medianOfficeHours: 0, redirect: 0, acknowledge: 0, night: 0 },
};

/** A small X world built by hand for a test: monitored accounts with bios, and posts at given times. */
export class XWorldBuilder {
  readonly accounts: SimAccount[] = [];
  readonly posts: SimPost[] = [];
  private readonly userIds = new Map<string, string>();
  private seq = 0n;

  /** Adds a monitored account (organisation `org-<n>`, in the order added); returns it. */
  account(handle: string, bio = ''): SimAccount {
    const a: SimAccount = {
      platform: 'x',
      handle,
      orgId: `org-${this.accounts.length}`,
      name: handle,
      userId: this.userId(handle),
      bioText: bio,
      domain: 'example.nl',
      ...NO_TRUTH,
    };
    this.accounts.push(a);
    return a;
  }

  /**
   * Adds a post by `author` (a monitored account's handle or anyone else) at `createdAt` (ISO),
   * mentioning the @handles in its text, optionally as a reply; returns it.
   */
  tweet(author: string, text: string, createdAt: string, opts: { replyTo?: SimPost } = {}): SimPost {
    const at = Date.parse(createdAt);
    const own = this.accounts.find((a) => a.handle.toLowerCase() === author.toLowerCase());
    const id = String(((BigInt(at) - X_EPOCH_MS) << 22n) + (this.seq++ % 4096n));
    const p: SimPost = {
      platform: 'x',
      id,
      authorId: own?.userId ?? this.userId(author),
      authorHandle: own?.handle ?? author,
      createdAt: at,
      text,
      rootId: opts.replyTo?.rootId ?? id,
      mentions: [...text.matchAll(/@(\w+)/g)].map((m) => m[1]!.toLowerCase()),
      ...(own ? { orgId: own.orgId } : {}),
      ...(opts.replyTo ? { replyToId: opts.replyTo.id, replyToUserId: opts.replyTo.authorId } : {}),
    };
    this.posts.push(p);
    return p;
  }

  /** The world as the simulator reads it; posts after the clock's time stay invisible until then. */
  world(): World {
    const times = this.posts.map((p) => p.createdAt);
    const start = times.length ? Math.min(...times) : 0;
    const end = times.length ? Math.max(...times) : 0;
    return { seed: 0, start, end, accounts: this.accounts, posts: this.posts, truth: [] };
  }

  private userId(handle: string): string {
    const key = handle.toLowerCase();
    if (!this.userIds.has(key)) this.userIds.set(key, String(1_000_000 + this.userIds.size));
    return this.userIds.get(key)!;
  }
}

/** A served world: the simulator's counters and the URL of every request the msw server saw, in order. */
export interface ServedX {
  counters: SimCounters;
  calls: URL[];
}

/**
 * Serves `world` through the simulated X API on the test's msw server, on the test's clock, and
 * records every request (faults injected later included). The caller removes the recorder with
 * server.events.removeAllListeners() after the test.
 */
export function serveX(server: SetupServer, world: World, clock: SimClock): ServedX {
  const served: ServedX = { counters: newCounters(), calls: [] };
  server.use(...xHandlers(world, clock, served.counters));
  server.events.on('request:start', ({ request }) => {
    served.calls.push(new URL(request.url));
  });
  return served;
}
