import { getJson } from '../http.js';
import type { MAccount, MContext, MNotification, MStatus } from './types.js';

/** Mastodon's X-RateLimit-Reset is an ISO-8601 timestamp (not epoch seconds). */
function resetOf(h: Headers): Date | undefined {
  const v = h.get('x-ratelimit-reset');
  const t = v ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t) : undefined;
}

/** The Mastodon REST calls of observer mode (no token) and own-account mode (with the account's token). */
export class MastodonClient {
  requests = 0;
  constructor(
    readonly server: string,
    private readonly token?: string,
    private readonly timeoutMs = 20_000,
  ) {}

  private async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const url = new URL(`https://${this.server}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.append(k, String(v));
    this.requests++;
    const { body } = await getJson<T>(url.toString(), {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      timeoutMs: this.timeoutMs,
      resetOf,
      label: `${this.server}${path}`,
    });
    return body;
  }

  lookup(acct: string): Promise<MAccount> {
    return this.get('/api/v1/accounts/lookup', { acct });
  }
  /** The newest statuses of an account (replies included, reblogs left out). */
  statuses(accountId: string, limit = 40): Promise<MStatus[]> {
    return this.get(`/api/v1/accounts/${accountId}/statuses`, { limit, exclude_reblogs: 'true' });
  }
  context(statusId: string): Promise<MContext> {
    return this.get(`/api/v1/statuses/${statusId}/context`);
  }
  verifyCredentials(): Promise<MAccount> {
    return this.get('/api/v1/accounts/verify_credentials');
  }
  /** Mentions newer than `minId`, oldest first within the page. */
  mentions(minId?: string): Promise<MNotification[]> {
    return this.get('/api/v1/notifications', { 'types[]': 'mention', limit: 40, min_id: minId });
  }
}
