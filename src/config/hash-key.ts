import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from './load.js';

/**
 * The key for hashing citizen ids: privacy.hash_key (or WEBCARE_HASH_KEY) when set; otherwise a
 * random key kept in a file beside the database ("hash-key", mode 600), made on first use, so
 * hashes stay stable across runs without the key ever entering the database.
 * Returns the key and where it came from.
 */
export function resolveHashKey(settings: Settings): { key: string; source: string } {
  if (settings.config.privacy.hash_key) return { key: settings.config.privacy.hash_key, source: 'config' };
  if (settings.database === ':memory:') return { key: randomBytes(32).toString('hex'), source: 'ephemeral' };
  const file = join(dirname(settings.database), 'hash-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return { key: readFileSync(file, 'utf8').trim(), source: file };
}
