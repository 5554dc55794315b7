import { http, HttpResponse } from 'msw';
import type { World, SimPost } from '../world.js';
import { indexPlatform, visible, Window, type SimClock, type SimCounters } from './common.js';
import { MINUTE_MS } from '../../model/index.js';

const SERVER = 'social.overheid.nl';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Mastodon server (social.overheid.nl) over the world: lookup, account statuses, contexts; 300 requests / 5 min. */
export function mastodonHandlers(world: World, clock: SimClock, counters: SimCounters) {
  const idx = indexPlatform(world, 'mastodon');
  const accounts = world.accounts.filter((a) => a.platform === 'mastodon');
  const byName = new Map(accounts.map((a) => [a.handle.split('@')[0]!.toLowerCase(), a]));
  const byId = new Map(accounts.map((a) => [a.userId, a]));
  const limit = new Window(300, 5 * MINUTE_MS);
  const account = (p: SimPost) => {
    const org = byId.get(p.authorId);
    return org
      ? {
          id: org.userId,
          username: org.handle.split('@')[0]!,
          acct: org.handle.split('@')[0]!,
          url: `https://${SERVER}/@${org.handle.split('@')[0]}`,
        }
      : {
          id: p.authorId,
          username: p.authorId,
          acct: `${p.authorId}@mastodon.social`,
          url: `https://mastodon.social/@${p.authorId}`,
        };
  };
  const status = (p: SimPost, now: number) => {
    const a = account(p);
    const uri = a.acct.includes('@')
      ? `https://mastodon.social/users/${a.username}/statuses/${p.id}`
      : `https://${SERVER}/users/${a.username}/statuses/${p.id}`;
    return {
      id: p.id,
      uri,
      url: uri,
      created_at: new Date(p.createdAt).toISOString(),
      in_reply_to_id: p.replyToId ?? null,
      in_reply_to_account_id: p.replyToUserId ?? null,
      content: `<p>${esc(p.text)}</p>`,
      language: 'nl',
      visibility: 'public',
      reblog: null,
      account: a,
      mentions: p.mentions
        .map((m) => byName.get(m.split('@')[0]!))
        .filter((x) => x !== undefined)
        .map((o) => ({
          id: o.userId,
          username: o.handle.split('@')[0]!,
          acct: o.handle.split('@')[0]!,
          url: `https://${SERVER}/@${o.handle.split('@')[0]}`,
        })),
      replies_count: visible(idx.children.get(p.id), now).length,
    };
  };
  const gate = () => {
    const now = clock.now().getTime();
    counters.requests.mastodon = (counters.requests.mastodon ?? 0) + 1;
    const w = limit.take('ip', now);
    const headers = {
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': String(w.remaining),
      'X-RateLimit-Reset': new Date(w.reset).toISOString(),
    };
    if (w.allowed) return { now, headers };
    counters.rateLimited.mastodon = (counters.rateLimited.mastodon ?? 0) + 1;
    return { now, headers, response: HttpResponse.json({ error: 'Too many requests' }, { status: 429, headers }) };
  };
  const served = (n: number) => (counters.postsServed.mastodon = (counters.postsServed.mastodon ?? 0) + n);
  const base = `https://${SERVER}/api/v1`;
  return [
    http.get(`${base}/accounts/lookup`, ({ request }) => {
      const g = gate();
      if (g.response) return g.response;
      const a = byName.get((new URL(request.url).searchParams.get('acct') ?? '').split('@')[0]!.toLowerCase());
      if (!a) return HttpResponse.json({ error: 'Record not found' }, { status: 404, headers: g.headers });
      return HttpResponse.json(
        {
          id: a.userId,
          username: a.handle.split('@')[0],
          acct: a.handle.split('@')[0],
          display_name: `Gemeente ${a.name}`,
          note: `<p>${esc(a.bioText)}</p>`,
          fields: [],
          url: `https://${SERVER}/@${a.handle.split('@')[0]}`,
        },
        { headers: g.headers },
      );
    }),
    http.get(`${base}/accounts/:id/statuses`, ({ params, request }) => {
      const g = gate();
      if (g.response) return g.response;
      const a = byId.get(String(params.id));
      const limitN = Number(new URL(request.url).searchParams.get('limit') ?? 20);
      const own = visible(a ? idx.byAuthor.get(a.handle.toLowerCase()) : [], g.now)
        .slice(-limitN)
        .reverse();
      served(own.length);
      return HttpResponse.json(
        own.map((p) => status(p, g.now)),
        { headers: g.headers },
      );
    }),
    http.get(`${base}/statuses/:id/context`, ({ params }) => {
      const g = gate();
      if (g.response) return g.response;
      const self = idx.byId.get(String(params.id));
      const ancestors: SimPost[] = [];
      for (
        let p = self?.replyToId ? idx.byId.get(self.replyToId) : undefined;
        p;
        p = p.replyToId ? idx.byId.get(p.replyToId) : undefined
      )
        ancestors.unshift(p);
      const below = (id: string): SimPost[] => visible(idx.children.get(id), g.now).flatMap((c) => [c, ...below(c.id)]);
      const descendants = below(String(params.id));
      served(descendants.length + ancestors.length);
      return HttpResponse.json(
        { ancestors: ancestors.map((p) => status(p, g.now)), descendants: descendants.map((p) => status(p, g.now)) },
        { headers: g.headers },
      );
    }),
  ];
}
