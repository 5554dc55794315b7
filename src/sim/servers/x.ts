import { http, HttpResponse } from 'msw';
import type { World, SimPost } from '../world.js';
import { indexPlatform, visible, Window, type SimClock, type SimCounters } from './common.js';

const WINDOW = 15 * 60_000;
const cmp = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** X API v2 (recent search, users lookup) over the world, with since_id, next_token and 15-minute rate limits. */
export function xHandlers(world: World, clock: SimClock, counters: SimCounters) {
  const idx = indexPlatform(world, 'x');
  const accounts = new Map(world.accounts.filter((a) => a.platform === 'x').map((a) => [a.handle.toLowerCase(), a]));
  const limits = { search: new Window(450, WINDOW), users: new Window(300, WINDOW) };
  const user = (p: SimPost) => ({ id: p.authorId, username: p.authorHandle, name: p.authorHandle });
  const tweet = (p: SimPost) => ({
    id: p.id, text: p.text, author_id: p.authorId, created_at: new Date(p.createdAt).toISOString(), conversation_id: p.rootId, lang: 'nl',
    entities: { mentions: p.mentions.map((m) => ({ username: accounts.get(m)?.handle ?? m, id: accounts.get(m)?.userId })) },
    ...(p.replyToId ? { in_reply_to_user_id: p.replyToUserId, referenced_tweets: [{ type: 'replied_to', id: p.replyToId }] } : {}),
  });
  const limited = (kind: 'search' | 'users') => {
    const now = clock.now().getTime();
    counters.requests.x = (counters.requests.x ?? 0) + 1;
    const w = limits[kind].take('app', now);
    const headers = { 'x-rate-limit-limit': kind === 'search' ? '450' : '300', 'x-rate-limit-remaining': String(w.remaining), 'x-rate-limit-reset': String(Math.floor(w.reset / 1000)) };
    if (w.allowed) return { headers };
    counters.rateLimited.x = (counters.rateLimited.x ?? 0) + 1;
    return { headers, response: HttpResponse.json({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { status: 429, headers }) };
  };
  return [
    http.get('https://api.x.com/2/tweets/search/recent', ({ request }) => {
      const l = limited('search');
      if (l.response) return l.response;
      const q = new URL(request.url).searchParams;
      const now = clock.now().getTime();
      const query = q.get('query') ?? '';
      const inbound = [...query.matchAll(/@(\w+)/g)].map((m) => m[1]!.toLowerCase());
      const outbound = [...query.matchAll(/from:(\w+)/g)].map((m) => m[1]!.toLowerCase());
      const since = q.get('since_id');
      const start = Math.max(now - 7 * 86_400_000, q.get('start_time') ? Date.parse(q.get('start_time')!) : 0);
      const pool = inbound.length ? inbound.flatMap((h) => idx.byMention.get(h) ?? []) : outbound.flatMap((h) => (idx.byAuthor.get(h) ?? []).filter((p) => p.replyToId));
      const items = [...new Set(visible(pool, now))].filter((p) => p.createdAt >= start && (!since || cmp(p.id, since) > 0)).sort((a, b) => cmp(b.id, a.id));
      const size = Number(q.get('max_results') ?? 10);
      const offset = Number(q.get('next_token') ?? 0);
      const page = items.slice(offset, offset + size);
      // Replied-to posts come in includes.tweets only when asked for (and are billed then).
      const withParents = (q.get('expansions') ?? '').split(',').includes('referenced_tweets.id');
      const parents = withParents ? page.map((p) => (p.replyToId ? idx.byId.get(p.replyToId) : undefined)).filter((p): p is SimPost => Boolean(p) && !page.includes(p!)) : [];
      counters.postsServed.x = (counters.postsServed.x ?? 0) + page.length + parents.length;
      const meta: Record<string, unknown> = { result_count: page.length };
      if (page.length) Object.assign(meta, { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id });
      if (offset + size < items.length) meta.next_token = String(offset + size);
      const users = new Map([...page, ...parents].map((p) => [p.authorId, user(p)]));
      return HttpResponse.json({ ...(page.length ? { data: page.map(tweet) } : {}), includes: { users: [...users.values()], tweets: parents.map(tweet) }, meta }, { headers: l.headers });
    }),
    http.get('https://api.x.com/2/users/by', ({ request }) => {
      const l = limited('users');
      if (l.response) return l.response;
      const names = (new URL(request.url).searchParams.get('usernames') ?? '').split(',').map((n) => n.toLowerCase());
      const found = names.map((n) => accounts.get(n)).filter((a) => a !== undefined).map((a) => ({ id: a.userId, username: a.handle, name: `Gemeente ${a.name}`, description: a.bioText }));
      return HttpResponse.json({ data: found }, { headers: l.headers });
    }),
  ];
}
