import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { PlatformError } from '../errors.js';
import type { XPage } from './types.js';
import { MINUTE_MS } from '../../model/index.js';

export const TWEET_FIELDS = 'author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets,entities,lang';
export const EXPANSIONS =
  'author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username';
export const USER_FIELDS = 'username,name,description,url,entities';
const EXPANSIONS_WITHOUT_PARENTS = 'author_id,in_reply_to_user_id,entities.mentions.username';
const TIMEOUT_MS = 20_000;

/** One page as received, and what it cost. */
export interface XResponse {
  page: XPage;
  postsRead: number;
  usersRead: number;
}

/**
 * The X API v2 calls we make, on twitter-api-v2 with an app-only bearer token. Errors become
 * PlatformError: 429 (rate limit or usage cap) with the reset time, 5xx/timeouts transient,
 * 401/403 auth. Partial errors (HTTP 200 with `errors[]`) keep their data.
 */
export class XClient {
  private readonly api;
  private readonly timeoutMs: number;

  constructor(bearerToken: string, opts: { timeoutMs?: number } = {}) {
    this.api = new TwitterApi(bearerToken).readOnly.v2;
    this.timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  }

  /**
   * GET /2/tweets/search/recent: one page. `withParents: false` leaves out the replied-to posts
   * (X bills every post it returns, and an organisation's replies answer posts we already have).
   */
  searchRecent(params: {
    query: string;
    since_id?: string;
    start_time?: string;
    next_token?: string;
    max_results?: number;
    withParents?: boolean;
  }): Promise<XResponse> {
    const { withParents = true, ...query } = params;
    return this.get('tweets/search/recent', {
      ...query,
      max_results: query.max_results ?? 100,
      'tweet.fields': TWEET_FIELDS,
      expansions: withParents ? EXPANSIONS : EXPANSIONS_WITHOUT_PARENTS,
      'user.fields': USER_FIELDS,
    });
  }

  /** GET /2/users/:id/mentions: one page (fallback after downtime longer than the search window). */
  mentions(userId: string, params: { since_id?: string; pagination_token?: string }): Promise<XResponse> {
    return this.get(`users/${userId}/mentions`, {
      ...params,
      max_results: 100,
      'tweet.fields': TWEET_FIELDS,
      expansions: EXPANSIONS,
      'user.fields': USER_FIELDS,
    });
  }

  /** GET /2/users/:id/tweets: one page of the account's own posts, replies included. */
  timeline(userId: string, params: { since_id?: string; pagination_token?: string }): Promise<XResponse> {
    return this.get(`users/${userId}/tweets`, {
      ...params,
      max_results: 100,
      'tweet.fields': TWEET_FIELDS,
      expansions: EXPANSIONS,
      'user.fields': USER_FIELDS,
    });
  }

  /** GET /2/users/by?usernames=...: up to 100 users with their bios. */
  usersByUsernames(usernames: readonly string[]): Promise<XResponse> {
    if (usernames.length > 100) throw new Error('at most 100 usernames per request');
    return this.get('users/by', { usernames: usernames.join(','), 'user.fields': USER_FIELDS });
  }

  private async get(path: string, query: Record<string, string | number | undefined>): Promise<XResponse> {
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | number
    >;
    try {
      // twitter-api-v2's timeout is per socket inactivity: a server trickling one byte a second never
      // trips it. The whole request gets a deadline too (the library takes no AbortSignal).
      const res = await deadline(
        this.api.get<XPage>(path, params, { fullResponse: true, timeout: this.timeoutMs }),
        this.timeoutMs * 2,
        path,
      );
      const page = res.data;
      if (!page || typeof page !== 'object')
        throw new PlatformError({ kind: 'transient', detail: `${path}: response is not a JSON object` });
      const data = Array.isArray(page.data) ? page.data : page.data ? [page.data] : [];
      const isUsers = path.startsWith('users/by');
      return {
        page,
        postsRead: isUsers ? 0 : data.length + (page.includes?.tweets?.length ?? 0),
        usersRead: isUsers ? data.length : (page.includes?.users?.length ?? 0),
      };
    } catch (err) {
      throw toPlatformError(err, path);
    }
  }
}

/** Rejects with a transient PlatformError when `p` has not settled within `ms`. */
function deadline<T>(p: Promise<T>, ms: number, path: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new PlatformError({ kind: 'transient', detail: `${path}: no complete response within ${ms / 1000} s` })),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function toPlatformError(err: unknown, path: string): PlatformError {
  if (err instanceof PlatformError) return err;
  if (err instanceof ApiResponseError) {
    const title =
      (err.data as { title?: string; detail?: string })?.detail ??
      (err.data as { title?: string })?.title ??
      err.message;
    if (err.code === 429) {
      const reset = err.rateLimit?.reset ?? Number(err.headers['x-rate-limit-reset']);
      const retryAt =
        Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(Date.now() + 15 * MINUTE_MS);
      return new PlatformError({ kind: 'rate-limited', retryAt, detail: `${path}: 429 ${title}` });
    }
    if (err.code === 401 || err.code === 403)
      return new PlatformError({ kind: 'auth', detail: `${path}: ${err.code} ${title}` });
    if (err.code >= 500) return new PlatformError({ kind: 'transient', detail: `${path}: ${err.code} ${title}` });
    return new PlatformError({ kind: 'bad-request', detail: `${path}: ${err.code} ${title}` });
  }
  if (err instanceof ApiRequestError || err instanceof ApiPartialResponseError)
    return new PlatformError({ kind: 'transient', detail: `${path}: ${err.message}` });
  return new PlatformError({
    kind: 'transient',
    detail: `${path}: ${err instanceof Error ? err.message : String(err)}`,
  });
}
