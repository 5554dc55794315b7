import type { Platform } from '../model/index.js';
import type { PlatformAdapter } from './adapter.js';
import { blueskyAdapter } from './bluesky/adapter.js';
import { facebookAdapter } from './facebook/adapter.js';
import { mastodonAdapter } from './mastodon/adapter.js';
import { xAdapter } from './x/adapter.js';

/** Every platform's adapter, type-checked to cover all platforms. */
export function adapters(
  overrides: Partial<Record<Platform, PlatformAdapter>> = {},
): Record<Platform, PlatformAdapter> {
  const registry = {
    x: xAdapter(),
    facebook: facebookAdapter(),
    mastodon: mastodonAdapter(),
    bluesky: blueskyAdapter(),
  } satisfies Record<Platform, PlatformAdapter>;
  return { ...registry, ...overrides };
}
