import { createHmac } from 'node:crypto';

/** Turns a citizen's platform user id into a keyed hash (METHOD.md 7); the key is never stored with it. */
export type AuthorHasher = (platform: string, userId: string) => string;

/** Returns the hasher for a key: "h:" + 24 hex chars of HMAC-SHA256(key, platform:userId). */
export function authorHasher(key: string): AuthorHasher {
  return (platform, userId) =>
    `h:${createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex').slice(0, 24)}`;
}

const FINGERPRINT_INPUT = 'webcare-monitor hash key fingerprint v1';

/**
 * What the database records about the hash key: 16 hex chars of HMAC-SHA256(key, a fixed string).
 * It tells keys apart without revealing anything about the key or the hashes made with it.
 */
export function keyFingerprint(key: string): string {
  return createHmac('sha256', key).update(FINGERPRINT_INPUT).digest('hex').slice(0, 16);
}

/**
 * The keyed hash of one word of a citizen's name ("name:" + the word in lower case, so it never
 * equals a hashed user id). Raw payloads keep these instead of names; after the retention period
 * they find the name in the organisation's replies ("Hoi Anna") without the name being stored.
 */
export function nameHash(hash: AuthorHasher, platform: string, word: string): string {
  return hash(platform, `name:${word.normalize('NFC').toLocaleLowerCase('nl')}`);
}

// The hasher each open database's pipeline was wired with, for the daily upkeep (which is given
// only the database): the daemon and the demo wire the pipeline before their first upkeep.
const hashers = new WeakMap<object, AuthorHasher>();

/** Remembers the hasher the pipeline of this database (its kysely instance) uses. */
export function rememberHasher(db: object, hash: AuthorHasher): void {
  hashers.set(db, hash);
}

/** The hasher the pipeline of this database was wired with, if any. */
export function hasherFor(db: object): AuthorHasher | undefined {
  return hashers.get(db);
}
