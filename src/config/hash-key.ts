import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPostgresUrl } from '../model/database.js';
import { ConfigError } from './errors.js';
import type { Settings } from './load.js';

/** The file beside the database that holds a generated hash key. */
export function hashKeyFile(settings: Settings): string {
  return join(dirname(settings.database), 'hash-key');
}

/**
 * The key for hashing citizen ids: privacy.hash_key (or WEBCARE_HASH_KEY) when set; otherwise a
 * random key kept in a file beside the database ("hash-key", mode 600), so hashes stay stable
 * across runs without the key ever entering the database. The file is made on first use only when
 * `create` is true (the default): a database that already recorded a key's fingerprint must not
 * get a new key because the file went missing (the caller then has no key: undefined).
 * Returns the key and where it came from.
 */
export function resolveHashKey(
  settings: Settings,
  opts: { create?: boolean } = {},
): { key: string; source: string } | undefined {
  if (settings.config.privacy.hash_key) return { key: settings.config.privacy.hash_key, source: 'config' };
  if (settings.database === ':memory:') return { key: randomBytes(32).toString('hex'), source: 'ephemeral' };
  // A server database has no directory of ours, and every worker on every machine needs the same key.
  if (isPostgresUrl(settings.database))
    throw new ConfigError(
      'privacy.hash_key: on PostgreSQL set the key that hashes citizen ids (WEBCARE_HASH_KEY or privacy.hash_key), ' +
        'the same for every worker; it is not kept in a file beside the database',
    );
  const file = hashKeyFile(settings);
  if (!existsSync(file)) {
    if (opts.create === false) return undefined;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return { key: readFileSync(file, 'utf8').trim(), source: file };
}
