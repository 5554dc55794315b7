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
import { FacebookClient } from './client.js';
import { FACEBOOK_ADAPTER_VERSION, normalizeFbComments, normalizeFbPosts } from './normalize.js';
import type { FbPost } from './types.js';

/**
 * Facebook pages through the Graph API: the page feed (its posts and visitor posts), and all
 * comments (filter=stream) of recent posts; the page's own replies are recognised by `from.id`.
 * Works with a page token, or an app token with Page Public Content Access (then commenters may be
 * missing: counted, not dropped).
 */
export function facebookAdapter(
  makeClient: (input: PollInput) => FacebookClient = (i) =>
    new FacebookClient(
      i.settings.config.platforms.facebook.access_token!,
      i.settings.config.platforms.facebook.api_version,
    ),
): PlatformAdapter {
  return {
    platform: 'facebook',
    unavailable(settings) {
      const f = settings.config.platforms.facebook;
      if (!f.enabled) return 'disabled in config (platforms.facebook.enabled: false)';
      return f.access_token ? null : 'no access token (set FACEBOOK_ACCESS_TOKEN)';
    },
    poll: (input) => perAccount(makeClient(input), input, pollPage),
    fetchBios: (input) =>
      biosOf(makeClient(input), input, async (client, a) => {
        const p = await client.page(a.handle);
        return { handle: a.handle, platformUserId: p.id, text: [p.about, p.description].filter(Boolean).join('\n') };
      }),
  };
}

async function pollPage(client: FacebookClient, input: PollInput, a: AccountState): Promise<FetchChunk> {
  const chunk = emptyChunk('facebook:page', FACEBOOK_ADAPTER_VERSION);
  const scope = `account:${a.id}`;
  // A comment can come a week after a post, and its answer as late as the window allows: look back that far.
  const since = Math.floor(threadLookbackStart(input) / 1000);
  const feed = await client.feed(a.handle, String(since));
  // A busy page posts more than one page of 25 in the look-back period: follow `next` a few times.
  for (let page = 0, res = feed; page < 4 && res.paging?.next && res.paging.cursors?.after; page++) {
    res = await client.feed(a.handle, String(since), res.paging.cursors.after);
    feed.data.push(...res.data);
  }
  const pageId = a.platformUserId ?? undefined;
  chunk.postsRead += feed.data.length;
  chunk.posts.push(...normalizeFbPosts(feed.data, pageId));
  let anonymous = 0;
  for (const p of feed.data as (FbPost & { comments?: { summary?: { total_count?: number } } })[]) {
    const total = p.comments?.summary?.total_count ?? 1;
    const key = `comments:${p.id}`;
    if (total <= Number(input.cursor(scope, key)?.value ?? 0)) continue;
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await client.comments(p.id, after);
      chunk.postsRead += res.data.length;
      const n = normalizeFbComments(res.data, p.id);
      anonymous += n.anonymous;
      chunk.posts.push(...n.posts);
      after = res.paging?.next ? res.paging.cursors?.after : undefined;
      if (!after) break;
    }
    chunk.cursors.push({ platform: 'facebook', scope, stream: key, value: String(total) });
  }
  if (anonymous)
    input.log.info(
      { page: a.handle, anonymous },
      'comments without commenter (Page Public Content Access): counted, kept',
    );
  return chunk;
}
