/**
 * Secrets that an API may echo in an error body (a 401 that repeats the Authorization header, a
 * Graph API error that quotes the request URL with its access_token), taken out of a text before
 * it is stored or logged. Pattern-based: the storage edge does not know the configured secrets.
 * Pure; shared by every writer of error messages (accounts.last_error, poll_runs.last_error).
 */

export const REDACTED = '<redacted>';

const RULES: readonly [RegExp, string][] = [
  // "Authorization: Bearer AAAA...", "Bearer eyJ...": the scheme stays, the credential goes.
  [/\b(Bearer|Basic)(\s+)[A-Za-z0-9\-._~+/%]+=*/gi, `$1$2${REDACTED}`],
  // access_token=..., "accessJwt":"...", app_password: ..., client_secret=... (query, form, JSON, YAML).
  [
    /\b(access_token|refresh_token|id_token|accessJwt|refreshJwt|client_secret|app_password|appPassword|password|secret|api_key|apikey|hash_key)(["']?\s*[=:]\s*["']?)(?!<redacted>)[^\s"'&,;}<>]+/gi,
    `$1$2${REDACTED}`,
  ],
  // The password in a URL ("postgres://webcare:s3cret@db/webcare").
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)(?!<redacted>@)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // A JSON Web Token anywhere (Bluesky session tokens).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // A Bluesky app password ("abcd-efgh-ijkl-mnop").
  [/(?<![\w-])[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}(?![\w-])/g, REDACTED],
  // A Facebook access token (EAA...), an X app-only bearer token (AAAA...%3D...).
  [/\bEAA[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bA{12,}[A-Za-z0-9%._-]{20,}/g, REDACTED],
];

/**
 * Returns `text` with bearer tokens, access_token and password values, JWTs, Bluesky app passwords
 * and Facebook or X tokens replaced by "<redacted>"; `known` secrets (8 characters or more) are
 * replaced wherever they occur. Text without secrets comes back unchanged.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const s of known) if (s.length >= 8) out = out.split(s).join(REDACTED);
  for (const [re, by] of RULES) out = out.replace(re, by);
  return out;
}

/** redactSecrets for a nullable column value. */
export function redactNullable(text: string | null): string | null {
  return text === null ? null : redactSecrets(text);
}
