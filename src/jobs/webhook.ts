import { SECOND_MS } from '../model/index.js';
import { redactUrl } from '../config/redact.js';
import { redactSecrets } from '../storage/redact.js';

/** How one webhook post is tried (docs/alerts.md: retries and timeouts). */
export interface PostOptions {
  /** Each attempt is given up after this long (the answer's body included). */
  timeoutMs: number;
  /** Waits before the second, third, ... attempt: exponential, 1 s, 4 s, 16 s by default. */
  retryDelaysMs: readonly number[];
  /** A Retry-After (429, 503) up to this long is waited for; a longer one ends the post until then. */
  maxRetryAfterMs: number;
  /** Aborts the post at once (the daemon stopping). */
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

export const DEFAULT_RETRY_DELAYS_MS = [SECOND_MS, 4 * SECOND_MS, 16 * SECOND_MS] as const;
export const DEFAULT_MAX_RETRY_AFTER_MS = 16 * SECOND_MS;

/** What a post did: delivered, or failed with why (secrets removed) and maybe when to try again. */
export type PostResult =
  | { ok: true; attempts: number; status: number }
  | { ok: false; attempts: number; error: string; retryAfterMs?: number; aborted?: boolean };

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The wait a Retry-After header asks for, in ms: delta-seconds or an HTTP date (RFC 9110 10.2.3);
 * undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * SECOND_MS;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

/**
 * POSTs `body` as JSON to `url`, with up to 1 + retryDelaysMs.length attempts: a network error, a
 * timeout, 408, 429 and 5xx are tried again after the next delay (a Retry-After on 429 and 503 is
 * honoured instead when it is at most maxRetryAfterMs; a longer one ends the post with retryAfterMs);
 * another 4xx is not tried again now. Never throws; errors never contain the URL's path or query.
 */
export async function postJson(url: string, body: unknown, opts: PostOptions): Promise<PostResult> {
  const doFetch = opts.fetch ?? fetch;
  const wait = opts.sleep ?? sleep;
  const payload = JSON.stringify(body);
  const scrub = secretScrubber(url);
  let attempts = 0;
  let error = '';
  for (;;) {
    if (opts.signal?.aborted) return { ok: false, attempts, error: 'stopped', aborted: true };
    attempts++;
    let delay: number | undefined;
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'webcare-monitor alerts' },
        body: payload,
        signal,
        redirect: 'error',
      });
      const text = await res.text(); // read within the timeout: a receiver that stalls mid-answer fails too
      if (res.ok) return { ok: true, attempts, status: res.status };
      error = `HTTP ${res.status}${text.trim() ? `: ${oneLine(text).slice(0, 200)}` : ''}`;
      const after = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after')) : undefined;
      if (after !== undefined) {
        if (after > opts.maxRetryAfterMs) return { ok: false, attempts, error: scrub(error), retryAfterMs: after };
        delay = after;
      } else if (res.status !== 408 && res.status !== 429 && res.status < 500) {
        return { ok: false, attempts, error: scrub(error) }; // the request is wrong: not again now
      }
    } catch (err) {
      if (opts.signal?.aborted) return { ok: false, attempts, error: 'stopped', aborted: true };
      error = timeout.aborted ? `no answer within ${opts.timeoutMs / SECOND_MS} s` : describe(err);
    }
    const next = delay ?? opts.retryDelaysMs[attempts - 1];
    if (next === undefined || attempts > opts.retryDelaysMs.length) return { ok: false, attempts, error: scrub(error) };
    try {
      await wait(next, opts.signal);
    } catch {
      return { ok: false, attempts, error: 'stopped', aborted: true };
    }
  }
}

/**
 * Removes a webhook URL from a text (a receiver's error body may echo it): the whole URL becomes its
 * redacted form, and its path, query and every long part of them (the tokens) "<redacted>".
 */
export function secretScrubber(url: string): (text: string) => string {
  let parts: string[] = [];
  try {
    const u = new URL(url);
    parts = [u.pathname + u.search, ...u.pathname.split('/'), ...[...u.searchParams.values()]];
  } catch {
    /* not a URL: only the whole text is known */
  }
  const known = [url, ...parts.filter((p) => p.length >= 10)].sort((a, b) => b.length - a.length);
  return (text) => redactSecrets(text.split(url).join(redactUrl(url)), known);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A fetch failure in one line: "fetch failed: connect ECONNREFUSED 127.0.0.1:9" (undici hides the cause). */
function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const msg = e?.message ?? String(err);
  const cause = e?.cause?.message ?? e?.cause?.code;
  return oneLine(cause && !msg.includes(cause) ? `${msg}: ${cause}` : msg);
}
