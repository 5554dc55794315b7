import { http, HttpResponse } from 'msw';
import type { XTweet, XUser } from '../../src/platforms/x/types.js';

/** A small simulated X API v2 for msw: recent search and users lookup over an in-memory world. */
export class XWorld {
  tweets: (XTweet & { author: XUser })[] = [];
  users = new Map<string, XUser>();
  calls: { path: string; params: URLSearchParams }[] = [];
  postsServed = 0;
  /** Responses to send instead of the real search response, consumed in order (null = the real one). */
  faults: ((() => Response) | null)[] = [];
  private seq = 1_900_000_000_000_000_000n;

  user(username: string, description = ''): XUser {
    const existing = [...this.users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (existing) return existing;
    const u: XUser = { id: String(1_000_000 + this.users.size), username, name: username, description };
    this.users.set(u.id, u);
    return u;
  }

  /** Adds a tweet by `author` at `createdAt`; returns it. */
  tweet(author: string, text: string, createdAt: string, over: Partial<XTweet> = {}): XTweet {
    const a = this.user(author);
    const id = String(this.seq++);
    const mentions = [...text.matchAll(/@(\w+)/g)].map((m) => ({ username: m[1]!, id: this.user(m[1]!).id }));
    const t = { id, text, author_id: a.id, created_at: createdAt, conversation_id: over.conversation_id ?? id, lang: 'nl', entities: { mentions }, ...over, author: a };
    this.tweets.push(t);
    return t;
  }

  private page(items: (XTweet & { author: XUser })[], params: URLSearchParams) {
    const size = Number(params.get('max_results') ?? 10);
    const offset = Number(params.get('next_token') ?? params.get('pagination_token') ?? 0);
    const slice = items.slice(offset, offset + size);
    this.postsServed += slice.length;
    const users = new Map<string, XUser>();
    for (const t of slice) {
      users.set(t.author.id, t.author);
      for (const m of t.entities?.mentions ?? []) users.set(m.id!, this.users.get(m.id!)!);
    }
    const meta: Record<string, unknown> = { result_count: slice.length };
    if (slice.length) Object.assign(meta, { newest_id: slice[0]!.id, oldest_id: slice[slice.length - 1]!.id });
    if (offset + size < items.length) meta.next_token = String(offset + size);
    const body: Record<string, unknown> = { meta, includes: { users: [...users.values()] } };
    if (slice.length) body.data = slice.map(({ author: _a, ...t }) => t);
    return HttpResponse.json(body, { headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900) } });
  }

  handlers() {
    const ids = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    return [
      http.get('https://api.x.com/2/tweets/search/recent', ({ request }) => {
        const params = new URL(request.url).searchParams;
        this.calls.push({ path: 'search', params });
        const fault = this.faults.shift();
        if (fault) return fault();
        const q = params.get('query') ?? '';
        const inbound = [...q.matchAll(/@(\w+)/g)].map((m) => m[1]!.toLowerCase());
        const outbound = [...q.matchAll(/from:(\w+)/g)].map((m) => m[1]!.toLowerCase());
        const since = params.get('since_id');
        const start = params.get('start_time');
        const items = this.tweets
          .filter((t) => (inbound.length ? (t.entities?.mentions ?? []).some((m) => inbound.includes(m.username.toLowerCase())) && !t.referenced_tweets?.some((r) => r.type === 'retweeted') : outbound.includes(t.author.username.toLowerCase()) && Boolean(t.in_reply_to_user_id)))
          .filter((t) => (!since || ids(t.id, since) > 0) && (!start || t.created_at! >= start))
          .sort((a, b) => ids(b.id, a.id));
        return this.page(items, params);
      }),
      http.get('https://api.x.com/2/users/by', ({ request }) => {
        const params = new URL(request.url).searchParams;
        this.calls.push({ path: 'users', params });
        const names = (params.get('usernames') ?? '').split(',').map((n) => n.toLowerCase());
        const found = [...this.users.values()].filter((u) => names.includes(u.username.toLowerCase()));
        return HttpResponse.json({ data: found });
      }),
    ];
  }
}

/** A 429 as X sends it: problem+json and the reset time in epoch seconds. */
export function rateLimited(resetEpochSeconds: number): Response {
  return HttpResponse.json(
    { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    { status: 429, headers: { 'content-type': 'application/problem+json', 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpochSeconds) } },
  );
}
