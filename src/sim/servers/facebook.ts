import { http, HttpResponse } from 'msw';
import type { World, SimPost } from '../world.js';
import { indexPlatform, visible, type SimClock, type SimCounters } from './common.js';

const fbTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** The Graph API (v21.0) over the world: page feed with comment counts, comments (filter=stream), page info. */
export function facebookHandlers(world: World, clock: SimClock, counters: SimCounters) {
  const idx = indexPlatform(world, 'facebook');
  const pages = new Map(
    world.accounts.filter((a) => a.platform === 'facebook').map((a) => [a.handle.toLowerCase(), a]),
  );
  const count = (n: number) => {
    counters.requests.facebook = (counters.requests.facebook ?? 0) + 1;
    counters.postsServed.facebook = (counters.postsServed.facebook ?? 0) + n;
  };
  const from = (p: SimPost) => ({ id: p.authorId, name: p.orgId ? `Gemeente ${p.orgId}` : 'Inwoner' });
  const G = 'https://graph.facebook.com/v21.0';
  return [
    http.get(`${G}/:page/feed`, ({ params, request }) => {
      const now = clock.now().getTime();
      const page = pages.get(String(params.page).toLowerCase());
      const since = Number(new URL(request.url).searchParams.get('since') ?? 0) * 1000;
      const posts = visible(page ? idx.byAuthor.get(page.handle.toLowerCase()) : [], now)
        .filter((p) => !p.replyToId && p.createdAt >= since)
        .reverse();
      count(posts.length);
      return HttpResponse.json({
        data: posts.map((p) => ({
          id: p.id,
          message: p.text,
          created_time: fbTime(p.createdAt),
          from: from(p),
          comments: { summary: { total_count: visible(idx.byRoot.get(p.id), now).length - 1 } },
        })),
        paging: {},
      });
    }),
    http.get(`${G}/:post/comments`, ({ params }) => {
      const now = clock.now().getTime();
      const comments = visible(idx.byRoot.get(String(params.post)), now).filter((p) => p.id !== params.post);
      count(comments.length);
      return HttpResponse.json({
        data: comments.map((c) => ({
          id: c.id,
          message: c.text,
          created_time: fbTime(c.createdAt),
          from: from(c),
          ...(c.replyToId && c.replyToId !== params.post ? { parent: { id: c.replyToId } } : {}),
        })),
        paging: { cursors: { before: 'b', after: 'a' } },
      });
    }),
    http.get(`${G}/:page`, ({ params }) => {
      count(0);
      const page = pages.get(String(params.page).toLowerCase());
      if (!page)
        return HttpResponse.json(
          { error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 } },
          { status: 400 },
        );
      return HttpResponse.json({
        id: page.userId,
        username: page.handle,
        name: `Gemeente ${page.name}`,
        about: page.bioText,
      });
    }),
  ];
}
