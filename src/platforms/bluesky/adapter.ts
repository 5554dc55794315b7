import type { AccountState, FetchChunk, FetchedBio, PlatformAdapter, PollInput } from '../adapter.js';
import { BlueskyClient } from './client.js';
import { BLUESKY_ADAPTER_VERSION, normalizeFeed, normalizePostView, normalizeThread } from './normalize.js';

const THREAD_DAYS = 7;

function clientFor(input: PollInput): BlueskyClient {
  const b = input.settings.config.platforms.bluesky;
  return new BlueskyClient(b.appview, b.service, b.identifier && b.app_password ? { identifier: b.identifier, password: b.app_password } : undefined);
}

/**
 * Bluesky. Observer mode on the public AppView: the account's feed, and the threads of its recent
 * posts whose reply count went up; with an app password also searchPosts for mentions (one login
 * per poll cycle, reused for every account).
 */
export function blueskyAdapter(makeClient: (input: PollInput) => BlueskyClient = clientFor): PlatformAdapter {
  return {
    platform: 'bluesky',
    unavailable: (settings) => (settings.config.platforms.bluesky.enabled ? null : 'disabled in config (platforms.bluesky.enabled: false)'),
    async *poll(input) {
      const client = makeClient(input);
      for (const a of input.accounts) {
        const before = client.requests;
        const chunk = await pollAccount(client, input, a);
        chunk.requests = client.requests - before;
        yield chunk;
      }
    },
    async fetchBios(input) {
      const client = makeClient(input);
      const bios: FetchedBio[] = [];
      for (const a of input.accounts) {
        const p = await client.profile(a.handle);
        bios.push({ handle: a.handle, platformUserId: p.did, text: p.description ?? '' });
      }
      return { bios, requests: client.requests, usersRead: bios.length };
    },
  };
}

async function pollAccount(client: BlueskyClient, input: PollInput, a: AccountState): Promise<FetchChunk> {
  const chunk: FetchChunk = { posts: [], cursors: [], requests: 0, postsRead: 0, usersRead: 0, source: 'bluesky:observer', adapterVersion: BLUESKY_ADAPTER_VERSION };
  const scope = `account:${a.id}`;
  const feed = await client.authorFeed(a.handle);
  chunk.postsRead += feed.feed.length;
  const since = input.now.getTime() - THREAD_DAYS * 86_400_000;
  for (const item of feed.feed) {
    const p = item.post;
    if (item.reason || p.author.handle.toLowerCase() !== a.handle.toLowerCase() || !p.replyCount) continue;
    if (Date.parse(p.record.createdAt ?? p.indexedAt ?? '') < since) continue;
    const key = `replies:${p.uri.split('/').pop()}`;
    if (p.replyCount <= Number(input.cursor(scope, key)?.value ?? 0)) continue;
    const { thread } = await client.postThread(p.uri);
    const t = normalizeThread(thread);
    chunk.postsRead += t.posts.length;
    chunk.posts.push(...t.posts);
    if (t.unavailable.length) input.log.info({ thread: p.uri, unavailable: t.unavailable.length }, 'thread has blocked or deleted posts');
    chunk.cursors.push({ platform: 'bluesky', scope, stream: key, value: String(p.replyCount) });
  }
  const inThreads = new Set(chunk.posts.map((p) => p.post.id));
  chunk.posts.push(...normalizeFeed(feed.feed).filter((p) => !inThreads.has(p.post.id)));
  if (client.canSearch) {
    const last = input.cursor(scope, 'mentions')?.value;
    const found = await client.searchMentions(a.handle, last);
    chunk.postsRead += found.length;
    chunk.posts.push(...found.map((p) => normalizePostView(p)));
    const newest = found.map((p) => p.record.createdAt ?? '').sort().pop();
    if (newest) chunk.cursors.push({ platform: 'bluesky', scope, stream: 'mentions', value: newest });
    chunk.source = 'bluesky:search';
  }
  return chunk;
}
