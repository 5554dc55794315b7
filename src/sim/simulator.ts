import { setupServer } from 'msw/node';
import { blueskyHandlers } from './servers/bluesky.js';
import { newCounters, type SimClock, type SimCounters } from './servers/common.js';
import { facebookHandlers } from './servers/facebook.js';
import { mastodonHandlers } from './servers/mastodon.js';
import { xHandlers } from './servers/x.js';
import type { World } from './world.js';

/**
 * Serves a simulated world through each platform's API shapes on a virtual clock. msw's
 * setupServer intercepts the real adapters' traffic (fetch and the https module of
 * twitter-api-v2), so they run unchanged; any request it does not serve is an error.
 */
export function startSimulator(world: World, clock: SimClock): { counters: SimCounters; close(): void } {
  const counters = newCounters();
  const server = setupServer(
    ...xHandlers(world, clock, counters),
    ...mastodonHandlers(world, clock, counters),
    ...blueskyHandlers(world, clock, counters),
    ...facebookHandlers(world, clock, counters),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return { counters, close: () => server.close() };
}
