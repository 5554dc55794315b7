/** privacy: one row (id 1): the hash key's fingerprint (never the key) and the clean-up state (METHOD.md 7). */
export interface PrivacyTable {
  id: number;
  /** HMAC-SHA256 under the hash key of a fixed string, 16 hex characters. */
  key_fingerprint: string;
  /** Version of the one-time scrub of rows stored before raw payloads were scrubbed (0 = not done). */
  scrub_version: number;
  created_at: string;
}
