import {
  type AccountState,
  type FetchChunk,
  type PlatformAdapter,
  type PollInput,
  biosOf,
  perAccount,
  threadLookbackStart,
  emptyChunk,
} from '../adapter.js';
import { BlueskyClient } from './client.js';
import { BLUESKY_ADAPTER_VERSION, normalizeFeed, normalizePostView, normalizeThread } from './normalize.js';

function clientFor(input: PollInput): BlueskyClient {
  const b = input.settings.config.platforms.bluesky;
  return new BlueskyClient(
    b.appview,
    b.service,
    b.identifier && b.app_password ? { identifier: b.identifier, password: b.app_password } : undefined,
  );
}

/**
 * Bluesky. Observer mode on the public AppView: the account's feed, and the threads of its recent
 * posts whose reply count went up; with an app password also searchPosts for mentions (one login
 * per poll cycle, reused for every account).
 */
export function blueskyAdapter(makeClient: (input: PollInput) => BlueskyClient = clientFor): PlatformAdapter {
  return {
    platform: 'bluesky',
    unavailable: (settings) =>
      settings.config.platforms.bluesky.enabled ? null : 'disabled in config (platforms.bluesky.enabled: false)',
    poll: (input) => perAccount(makeClient(input), input, pollAccount),
    fetchBios: (input) =>
      biosOf(makeClient(input), input, async (client, a) => {
        const p = await client.profile(a.handle);
        return { handle: a.handle, platformUserId: p.did, text: p.description ?? '' };
      }),
  };
}

async function pollAccount(client: BlueskyClient, input: PollInput, a: AccountState): Promise<FetchChunk> {
  const chunk = emptyChunk('bluesky:observer', BLUESKY_ADAPTER_VERSION);
  const scope = `account:${a.id}`;
  const feed = await client.authorFeed(a.handle);
  chunk.postsRead += feed.feed.length;
  // A question can come a week after a post, and its answer as late as the window allows: look back that far.
  const since = threadLookbackStart(input);
  const fetched = new Set<string>();
  for (const item of feed.feed) {
    const p = item.post;
    if (item.reason || p.author.handle.toLowerCase() !== a.handle.toLowerCase() || !p.replyCount) continue;
    if (Date.parse(p.record.createdAt ?? p.indexedAt ?? '') < since) continue;
    const key = `replies:${p.uri.split('/').pop()}`;
    if (p.replyCount <= Number(input.cursor(scope, key)?.value ?? 0)) continue;
    fetched.add(p.uri);
    const { thread } = await client.postThread(p.uri);
    const t = normalizeThread(thread);
    chunk.postsRead += t.posts.length;
    chunk.posts.push(...t.posts);
    if (t.unavailable.length)
      input.log.info({ thread: p.uri, unavailable: t.unavailable.length }, 'thread has blocked or deleted posts');
    chunk.cursors.push({ platform: 'bluesky', scope, stream: key, value: String(p.replyCount) });
  }
  // A new reply of the account deeper in a thread (to a follow-up, which does not raise the root's
  // reply count): read that thread again so the posts it answers are there too.
  const lastSeen = input.cursor(scope, 'feed')?.value ?? '';
  for (const item of feed.feed) {
    const p = item.post;
    const root = p.record.reply?.root.uri;
    const at = p.record.createdAt ?? '';
    if (
      !root ||
      fetched.has(root) ||
      item.reason ||
      at <= lastSeen ||
      p.author.handle.toLowerCase() !== a.handle.toLowerCase()
    )
      continue;
    fetched.add(root);
    const t = normalizeThread((await client.postThread(root)).thread);
    chunk.postsRead += t.posts.length;
    chunk.posts.push(...t.posts);
  }
  const newest = feed.feed
    .map((i) => i.post.record.createdAt ?? '')
    .sort()
    .pop();
  if (newest) chunk.cursors.push({ platform: 'bluesky', scope, stream: 'feed', value: newest });
  const inThreads = new Set(chunk.posts.map((p) => p.post.id));
  chunk.posts.push(...normalizeFeed(feed.feed).filter((p) => !inThreads.has(p.post.id)));
  if (client.canSearch) {
    const last = input.cursor(scope, 'mentions')?.value;
    const found = await client.searchMentions(a.handle, last);
    chunk.postsRead += found.length;
    chunk.posts.push(...found.map((p) => normalizePostView(p)).filter((p) => p !== undefined));
    const newest = found
      .map((p) => p.record.createdAt ?? '')
      .sort()
      .pop();
    if (newest) chunk.cursors.push({ platform: 'bluesky', scope, stream: 'mentions', value: newest });
    chunk.source = 'bluesky:search';
  }
  return chunk;
}
