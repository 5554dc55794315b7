import { PlatformError } from '../errors.js';
import type { FbComment, FbError, FbPage, FbPageInfo, FbPost } from './types.js';
import { MINUTE_MS } from '../../model/index.js';

const THROTTLE = new Set([4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);

/** Minutes to wait from X-Business-Use-Case-Usage (estimated_time_to_regain_access), if given. */
function regainMinutes(h: Headers): number | undefined {
  try {
    const usage = JSON.parse(h.get('x-business-use-case-usage') ?? '{}') as Record<
      string,
      { estimated_time_to_regain_access?: number }[]
    >;
    const mins = Object.values(usage)
      .flat()
      .map((u) => u.estimated_time_to_regain_access ?? 0);
    return mins.length ? Math.max(...mins) : undefined;
  } catch {
    return undefined;
  }
}

/** Graph API calls with plain fetch, at a pinned version. Throttling (codes 4, 17, 32, 613, 8000x) becomes a rate limit. */
export class FacebookClient {
  requests = 0;
  constructor(
    private readonly token: string,
    private readonly version: string,
    private readonly timeoutMs = 20_000,
  ) {}

  private async get<T>(path: string, query: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(`https://graph.facebook.com/${this.version}/${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    url.searchParams.set('access_token', this.token);
    this.requests++;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new PlatformError({ kind: 'transient', detail: `${path}: ${(err as Error).message}` });
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PlatformError({ kind: 'transient', detail: `${path}: response is not JSON` });
    }
    const err = (body as FbError).error;
    if (err || !res.ok) {
      const code = err?.code ?? 0;
      const detail = `${path}: ${res.status} (#${code}) ${err?.message ?? ''}`.trim();
      if (THROTTLE.has(code) || res.status === 429)
        throw new PlatformError({
          kind: 'rate-limited',
          retryAt: new Date(Date.now() + (regainMinutes(res.headers) ?? 60) * MINUTE_MS),
          waitMs: (regainMinutes(res.headers) ?? 60) * MINUTE_MS,
          detail,
        });
      if (code === 190 || code === 10 || code === 200 || code === 283 || res.status === 401 || res.status === 403)
        throw new PlatformError({ kind: 'auth', detail });
      throw new PlatformError({ kind: res.status >= 500 ? 'transient' : 'bad-request', detail });
    }
    return body as T;
  }

  feed(page: string, since?: string, after?: string): Promise<FbPage<FbPost>> {
    return this.get(`${page}/feed`, {
      fields: 'id,message,created_time,from{id,name},permalink_url,comments.summary(true).limit(0)',
      limit: 25,
      since,
      after,
    });
  }
  comments(postId: string, after?: string): Promise<FbPage<FbComment>> {
    return this.get(`${postId}/comments`, {
      filter: 'stream',
      order: 'chronological',
      fields: 'id,message,created_time,from{id,name},parent{id},permalink_url,comment_count',
      limit: 100,
      after,
    });
  }
  page(page: string): Promise<FbPageInfo> {
    return this.get(page, { fields: 'id,username,name,about,description,website,emails,phone' });
  }
}
