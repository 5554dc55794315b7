import { http, HttpResponse } from 'msw';
import type { World, SimPost } from '../world.js';
import { indexPlatform, visible, type SimClock, type SimCounters } from './common.js';

/** The public Bluesky AppView over the world: author feed, post thread, profile. */
export function blueskyHandlers(world: World, clock: SimClock, counters: SimCounters) {
  const idx = indexPlatform(world, 'bluesky');
  const accounts = new Map(
    world.accounts.filter((a) => a.platform === 'bluesky').map((a) => [a.handle.toLowerCase(), a]),
  );
  const byUser = new Map([...accounts.values()].map((a) => [a.userId, a]));
  const did = (authorId: string) => `did:plc:${authorId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const uri = (p: SimPost) => `at://${did(p.authorId)}/app.bsky.feed.post/${p.id}`;
  const view = (p: SimPost, now: number) => {
    const root = idx.byId.get(p.rootId);
    const parent = p.replyToId ? idx.byId.get(p.replyToId) : undefined;
    return {
      uri: uri(p),
      cid: `c${p.id}`,
      author: { did: did(p.authorId), handle: byUser.get(p.authorId)?.handle ?? `${p.authorId}.bsky.social` },
      record: {
        $type: 'app.bsky.feed.post',
        text: p.text,
        createdAt: new Date(p.createdAt).toISOString(),
        langs: ['nl'],
        ...(parent && root ? { reply: { root: { uri: uri(root) }, parent: { uri: uri(parent) } } } : {}),
      },
      replyCount: visible(idx.children.get(p.id), now).length,
      indexedAt: new Date(p.createdAt).toISOString(),
    };
  };
  const count = (n: number) => {
    counters.requests.bluesky = (counters.requests.bluesky ?? 0) + 1;
    counters.postsServed.bluesky = (counters.postsServed.bluesky ?? 0) + n;
  };
  const A = 'https://public.api.bsky.app/xrpc';
  return [
    http.get(`${A}/app.bsky.feed.getAuthorFeed`, ({ request }) => {
      const now = clock.now().getTime();
      const a = accounts.get((new URL(request.url).searchParams.get('actor') ?? '').toLowerCase());
      const own = visible(a ? idx.byAuthor.get(a.handle.toLowerCase()) : [], now)
        .slice(-50)
        .reverse();
      count(own.length);
      return HttpResponse.json({ feed: own.map((p) => ({ post: view(p, now) })) });
    }),
    http.get(`${A}/app.bsky.feed.getPostThread`, ({ request }) => {
      const now = clock.now().getTime();
      const id = (new URL(request.url).searchParams.get('uri') ?? '').split('/').pop()!;
      const root = idx.byId.get(id);
      if (!root) return HttpResponse.json({ error: 'NotFound', message: 'Post not found' }, { status: 400 });
      const node = (p: SimPost): unknown => ({
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: view(p, now),
        replies: visible(idx.children.get(p.id), now).map(node),
      });
      count(visible(idx.byRoot.get(root.rootId), now).length);
      return HttpResponse.json({ thread: node(root) });
    }),
    http.get(`${A}/app.bsky.actor.getProfile`, ({ request }) => {
      count(0);
      const a = accounts.get((new URL(request.url).searchParams.get('actor') ?? '').toLowerCase());
      if (!a) return HttpResponse.json({ error: 'InvalidRequest', message: 'Profile not found' }, { status: 400 });
      return HttpResponse.json({
        did: did(a.userId),
        handle: a.handle,
        displayName: `Gemeente ${a.name}`,
        description: a.bioText,
      });
    }),
  ];
}
