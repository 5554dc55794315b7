import { PlatformError } from '../errors.js';
import { getJson } from '../http.js';
import type { BFeedItem, BPostView, BProfile, BThreadNode } from './types.js';
import { MINUTE_MS } from '../../model/index.js';

/** Bluesky rate-limit headers follow the IETF draft: ratelimit-reset in epoch seconds. */
function resetOf(h: Headers): Date | undefined {
  const v = Number(h.get('ratelimit-reset'));
  return Number.isFinite(v) && v > 0 ? new Date(v * 1000) : undefined;
}

/** An access token outlives two hours; reuse it for 90 minutes: 16 logins a day, not one per poll cycle. */
const SESSION_REUSE_MS = 90 * MINUTE_MS;
/** After a failed login, wait this long before trying again (createSession is limited to 300 a day). */
const LOGIN_BACKOFF_MS = 15 * MINUTE_MS;
// One session per process (the daemon), shared by the clients of every poll cycle.
const sessions = new Map<string, { accessJwt: string; at: number } | { failedAt: number; detail: string }>();

/** Forgets the shared sessions (tests). */
export function resetBlueskySessions(): void {
  sessions.clear();
}

/** The public AppView calls (no login) and, with an app password, searchPosts through the PDS on one reused session. */
export class BlueskyClient {
  requests = 0;

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

  private get sessionKey(): string {
    return `${this.service}|${this.login?.identifier ?? ''}`;
  }

  private get session(): { accessJwt: string } | undefined {
    const s = sessions.get(this.sessionKey);
    return s && 'accessJwt' in s && Date.now() - s.at < SESSION_REUSE_MS ? s : undefined;
  }

  /** Posts mentioning an account since a time, on the process's shared session (logged in when needed). */
  async searchMentions(handle: string, since?: string): Promise<BPostView[]> {
    if (!this.login) throw new Error('searchPosts needs a login');
    const search = () =>
      this.get<{ posts: BPostView[] }>(
        this.service,
        'app.bsky.feed.searchPosts',
        { q: '*', mentions: handle, sort: 'latest', since, limit: 100 },
        true,
      );
    await this.ensureSession();
    try {
      return (await search()).posts;
    } catch (err) {
      // An expired or revoked token: log in once more, then give up for this cycle.
      if (!(err instanceof PlatformError) || err.failure.kind !== 'auth') throw err;
      sessions.delete(this.sessionKey);
      await this.ensureSession();
      return (await search()).posts;
    }
  }

  private async ensureSession(): Promise<void> {
    const cached = sessions.get(this.sessionKey);
    if (cached && 'failedAt' in cached && Date.now() - cached.failedAt < LOGIN_BACKOFF_MS)
      throw new PlatformError({ kind: 'auth', detail: `${cached.detail} (not retried for 15 minutes)` });
    if (this.session) return;
    try {
      await this.createSession();
    } catch (err) {
      if (err instanceof PlatformError && err.failure.kind === 'auth')
        sessions.set(this.sessionKey, { failedAt: Date.now(), detail: err.failure.detail });
      throw err;
    }
  }

  private async createSession(): Promise<void> {
    {
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
      const { accessJwt } = (await res.json()) as { accessJwt: string };
      sessions.set(this.sessionKey, { accessJwt, at: Date.now() });
    }
  }
}
