import type { Platform } from '../model/index.js';
import type { PlatformAdapter } from './adapter.js';
import { xAdapter } from './x/adapter.js';

/** A platform whose adapter has not been built yet says so instead of pretending to poll. */
function notYet(platform: Platform): PlatformAdapter {
  return {
    platform,
    unavailable: () => 'adapter not available in this version',
    // eslint-disable-next-line require-yield
    async *poll() {
      throw new Error(`${platform}: no adapter`);
    },
    fetchBios: () => Promise.reject(new Error(`${platform}: no adapter`)),
  };
}

/** Every platform's adapter, type-checked to cover all platforms. */
export function adapters(overrides: Partial<Record<Platform, PlatformAdapter>> = {}): Record<Platform, PlatformAdapter> {
  const registry = {
    x: xAdapter(),
    facebook: notYet('facebook'),
    mastodon: notYet('mastodon'),
    bluesky: notYet('bluesky'),
  } satisfies Record<Platform, PlatformAdapter>;
  return { ...registry, ...overrides };
}
