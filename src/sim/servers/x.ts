import { http, HttpResponse } from 'msw';
import { compareIds } from '../../platforms/ids.js';
import { parseQuery } from '../../platforms/x/queries.js';
import type { SimAccount, SimPost, World } from '../world.js';
import { indexPlatform, visible, Window, type PlatformIndex, type SimClock, type SimCounters } from './common.js';
import { DAY_MS, MINUTE_MS } from '../../model/index.js';

/** Where the simulated X API v2 answers (the host twitter-api-v2 calls). */
export const X_API = 'https://api.x.com/2';
const WINDOW_MS = 15 * MINUTE_MS;
// Recent search reaches 7 days back, whatever start_time asks for.
const SEARCH_REACH_MS = 7 * DAY_MS;
// App-level requests per 15-minute window (PLATFORMS.md 1.2: recent search 450, users lookup 300).
const LIMITS = { search: 450, users: 300 } as const;

type Accounts = ReadonlyMap<string, SimAccount>;

/** The x-rate-limit headers X sends with every response; X gives the reset in epoch seconds. */
export function rateHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.floor(resetMs / 1000)),
  };
}

/** X's 429 (rate limit or usage cap): its problem body with the rate headers of the refused request. */
export function tooManyRequests(headers: Record<string, string>): Response {
  const body = { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
  return HttpResponse.json(body, { status: 429, headers });
}

/**
 * X API v2 (recent search, users lookup) over the world on the virtual clock, with since_id,
 * next_token, the 7-day search reach and 15-minute rate limits. Returns msw handlers.
 */
export function xHandlers(world: World, clock: SimClock, counters: SimCounters) {
  const idx = indexPlatform(world, 'x');
  const accounts: Accounts = new Map(
    world.accounts.filter((a) => a.platform === 'x').map((a) => [a.handle.toLowerCase(), a]),
  );
  const windows = { search: new Window(LIMITS.search, WINDOW_MS), users: new Window(LIMITS.users, WINDOW_MS) };
  // Every request counts, refused or not, as X counts it against the window.
  const gate = (kind: keyof typeof LIMITS) => {
    counters.requests.x = (counters.requests.x ?? 0) + 1;
    const w = windows[kind].take('app', clock.now().getTime());
    const headers = rateHeaders(LIMITS[kind], w.remaining, w.reset);
    if (w.allowed) return { headers };
    counters.rateLimited.x = (counters.rateLimited.x ?? 0) + 1;
    return { headers, refused: tooManyRequests(headers) };
  };
  return [
    http.get(`${X_API}/tweets/search/recent`, ({ request }) => {
      const g = gate('search');
      if (g.refused) return g.refused;
      const { body, served } = searchPage(new URL(request.url).searchParams, clock.now().getTime(), idx, accounts);
      counters.postsServed.x = (counters.postsServed.x ?? 0) + served;
      return HttpResponse.json(body, { headers: g.headers });
    }),
    http.get(`${X_API}/users/by`, ({ request }) => {
      const g = gate('users');
      if (g.refused) return g.refused;
      const names = (new URL(request.url).searchParams.get('usernames') ?? '').split(',').map((n) => n.toLowerCase());
      const found = names.map((n) => accounts.get(n)).filter((a) => a !== undefined);
      const data = found.map((a) => ({
        id: a.userId,
        username: a.handle,
        name: `Gemeente ${a.name}`,
        description: a.bioText,
      }));
      return HttpResponse.json({ data }, { headers: g.headers });
    }),
  ];
}

// The posts a query matches at `now`, newest first: mentions of the accounts (inbound) or their
// replies (outbound).
function matching(q: URLSearchParams, now: number, idx: PlatformIndex): SimPost[] {
  const { direction, handles } = parseQuery(q.get('query') ?? '');
  const pool =
    direction === 'inbound'
      ? handles.flatMap((h) => idx.byMention.get(h) ?? [])
      : handles.flatMap((h) => (idx.byAuthor.get(h) ?? []).filter((p) => p.replyToId));
  const since = q.get('since_id');
  const startTime = q.get('start_time');
  const start = Math.max(now - SEARCH_REACH_MS, startTime ? Date.parse(startTime) : 0);
  return [...new Set(visible(pool, now))]
    .filter((p) => p.createdAt >= start && (!since || compareIds(p.id, since) > 0))
    .sort((a, b) => compareIds(b.id, a.id));
}

// One page of recent search as X sends it, and how many posts it bills (page and included parents).
function searchPage(q: URLSearchParams, now: number, idx: PlatformIndex, accounts: Accounts) {
  const items = matching(q, now, idx);
  const size = Number(q.get('max_results') ?? 10);
  const offset = Number(q.get('next_token') ?? 0);
  const page = items.slice(offset, offset + size);
  // Replied-to posts come in includes.tweets only when asked for (and are billed then).
  const withParents = (q.get('expansions') ?? '').split(',').includes('referenced_tweets.id');
  const parents = withParents
    ? page
        .map((p) => (p.replyToId ? idx.byId.get(p.replyToId) : undefined))
        .filter((p): p is SimPost => Boolean(p) && !page.includes(p!))
    : [];
  const meta: Record<string, unknown> = { result_count: page.length };
  if (page.length) Object.assign(meta, { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id });
  if (offset + size < items.length) meta.next_token = String(offset + size);
  const users = new Map<string, { id: string; username: string; name: string }>();
  for (const p of [...page, ...parents]) {
    users.set(p.authorId, { id: p.authorId, username: p.authorHandle, name: p.authorHandle });
  }
  const tweet = (p: SimPost) => toTweet(p, accounts);
  const includes = { users: [...users.values()], tweets: parents.map(tweet) };
  const body = { ...(page.length ? { data: page.map(tweet) } : {}), includes, meta };
  return { body, served: page.length + parents.length };
}

// A post in X's tweet shape; mentions of monitored accounts carry their handle's spelling and user id.
function toTweet(p: SimPost, accounts: Accounts) {
  return {
    id: p.id,
    text: p.text,
    author_id: p.authorId,
    created_at: new Date(p.createdAt).toISOString(),
    conversation_id: p.rootId,
    lang: 'nl',
    entities: {
      mentions: p.mentions.map((m) => ({ username: accounts.get(m)?.handle ?? m, id: accounts.get(m)?.userId })),
    },
    ...(p.replyToId
      ? { in_reply_to_user_id: p.replyToUserId, referenced_tweets: [{ type: 'replied_to', id: p.replyToId }] }
      : {}),
  };
}
