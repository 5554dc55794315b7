import { createHmac } from 'node:crypto';

/** Turns a citizen's platform user id into a keyed hash (METHOD.md 7); the key is never stored with it. */
export type AuthorHasher = (platform: string, userId: string) => string;

/** Returns the hasher for a key: "h:" + 24 hex chars of HMAC-SHA256(key, platform:userId). */
export function authorHasher(key: string): AuthorHasher {
  return (platform, userId) =>
    `h:${createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex').slice(0, 24)}`;
}
