import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The Content-Security-Policy of every dashboard response: nothing loads or runs but the app's own
 * stylesheet, inline SVG and data: images, and the one script element carrying this request's
 * nonce; no frames (frame-ancestors), no <base>, forms only to the app itself.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `script-src 'nonce-${nonce}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The headers every response carries, whatever its status. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(nonce),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

/** True for a host that only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return h.startsWith('::ffff:127.');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares two secrets in constant time (their hashes, so lengths do not leak either). */
function sameSecret(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Whether an Authorization header carries the token: `Bearer <token>`, or basic auth with the token
 * as password (any user name), so a browser's login prompt works too.
 */
export function authorized(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (!scheme || !value) return false;
  if (scheme.toLowerCase() === 'bearer') return sameSecret(value, token);
  if (scheme.toLowerCase() !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && sameSecret(decoded.slice(colon + 1), token);
}

/** The challenges of a 401: bearer for programs, basic so that a browser asks for the token. */
export const AUTH_CHALLENGES = ['Bearer realm="webcare"', 'Basic realm="webcare", charset="UTF-8"'];

/**
 * Refuses a bind that other machines can reach without a token; returns the one-line reason, or
 * undefined when the bind is fine.
 */
export function bindProblem(host: string, token: string | undefined, what = 'the dashboard'): string | undefined {
  if (isLoopback(host) || token) return undefined;
  return (
    `${what} would listen on ${host}, reachable from other machines, without a token: ` +
    'set http.token (at least 16 characters; env WEBCARE_HTTP_TOKEN) or bind 127.0.0.1'
  );
}
