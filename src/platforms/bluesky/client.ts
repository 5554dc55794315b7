import { PlatformError } from '../errors.js';
import { getJson } from '../http.js';
import type { BFeedItem, BPostView, BProfile, BThreadNode } from './types.js';
import { MINUTE_MS } from '../../model/index.js';

/** Bluesky rate-limit headers follow the IETF draft: ratelimit-reset in epoch seconds. */
function resetOf(h: Headers): Date | undefined {
  const v = Number(h.get('ratelimit-reset'));
  return Number.isFinite(v) && v > 0 ? new Date(v * 1000) : undefined;
}

/** The public AppView calls (no login) and, with an app password, searchPosts through the PDS on one reused session. */
export class BlueskyClient {
  requests = 0;
  private session?: { accessJwt: string };

  constructor(
    private readonly appview: string,
    private readonly service: string,
    private readonly login?: { identifier: string; password: string },
    private readonly timeoutMs = 20_000,
  ) {}

  private async get<T>(
    base: string,
    method: string,
    query: Record<string, string | number | undefined>,
    auth = false,
  ): Promise<T> {
    const url = new URL(`/xrpc/${method}`, base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    this.requests++;
    const headers: Record<string, string> =
      auth && this.session ? { authorization: `Bearer ${this.session.accessJwt}` } : {};
    return (await getJson<T>(url.toString(), { headers, timeoutMs: this.timeoutMs, resetOf, label: method })).body;
  }

  authorFeed(actor: string, limit = 50): Promise<{ feed: BFeedItem[]; cursor?: string }> {
    return this.get(this.appview, 'app.bsky.feed.getAuthorFeed', { actor, limit, filter: 'posts_with_replies' });
  }
  postThread(uri: string): Promise<{ thread: BThreadNode }> {
    return this.get(this.appview, 'app.bsky.feed.getPostThread', { uri, depth: 20, parentHeight: 20 });
  }
  profile(actor: string): Promise<BProfile> {
    return this.get(this.appview, 'app.bsky.actor.getProfile', { actor });
  }

  get canSearch(): boolean {
    return Boolean(this.login);
  }

  /** Posts mentioning an account since a time; logs in once per client (createSession is limited to 30 per 5 minutes). */
  async searchMentions(handle: string, since?: string): Promise<BPostView[]> {
    if (!this.login) throw new Error('searchPosts needs a login');
    if (!this.session) {
      this.requests++;
      let res: Response;
      try {
        res = await fetch(new URL('/xrpc/com.atproto.server.createSession', this.service), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(this.login),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        throw new PlatformError({ kind: 'transient', detail: `createSession: ${(err as Error).message}` });
      }
      if (res.status === 429)
        throw new PlatformError({
          kind: 'rate-limited',
          retryAt: resetOf(res.headers) ?? new Date(Date.now() + 5 * MINUTE_MS),
          detail: 'createSession: 429',
        });
      if (!res.ok) throw new PlatformError({ kind: 'auth', detail: `createSession: ${res.status}` });
      this.session = (await res.json()) as { accessJwt: string };
    }
    const body = await this.get<{ posts: BPostView[] }>(
      this.service,
      'app.bsky.feed.searchPosts',
      { q: '*', mentions: handle, sort: 'latest', since, limit: 100 },
      true,
    );
    return body.posts;
  }
}
