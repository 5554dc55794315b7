import { PlatformError } from './errors.js';
import { MINUTE_MS } from '../model/index.js';

/** Plain fetch with a timeout; maps HTTP failures to PlatformError. `resetOf` reads a 429's reset time. */
export async function getJson<T>(
  url: string,
  opts: {
    headers?: Record<string, string>;
    timeoutMs?: number;
    resetOf: (h: Headers) => Date | undefined;
    label: string;
  },
): Promise<{ body: T; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json', ...opts.headers },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
    });
  } catch (err) {
    throw new PlatformError({
      kind: 'transient',
      detail: `${opts.label}: ${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}`,
    });
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429) {
    return Promise.reject(
      new PlatformError({
        kind: 'rate-limited',
        retryAt: opts.resetOf(res.headers) ?? new Date(Date.now() + 5 * MINUTE_MS),
        detail: `${opts.label}: 429 ${text.slice(0, 120)}`,
      }),
    );
  }
  if (!res.ok) {
    const kind = res.status === 401 || res.status === 403 ? 'auth' : res.status >= 500 ? 'transient' : 'bad-request';
    throw new PlatformError({ kind, detail: `${opts.label}: ${res.status} ${text.slice(0, 160)}` });
  }
  try {
    return { body: JSON.parse(text) as T, headers: res.headers };
  } catch {
    throw new PlatformError({
      kind: 'transient',
      detail: `${opts.label}: response is not JSON (${text.length} bytes)`,
    });
  }
}
