import {
  emptyChunk,
  type AccountState,
  type FetchChunk,
  type FetchedBio,
  type PlatformAdapter,
  type PollInput,
} from '../adapter.js';
import { compareIds } from '../ids.js';
import { XClient } from './client.js';
import { normalizePage, X_ADAPTER_VERSION, type NormalizedPost } from './normalize.js';
import { batchHandles, buildQuery, type Direction } from './queries.js';
import type { XPage } from './types.js';
import { DAY_MS, MINUTE_MS } from '../../model/index.js';

const SEARCH_WINDOW_MS = 7 * DAY_MS;
// A cursor older than this may point outside the 7-day search window: use the timelines instead.
const STALE_MS = 6.5 * DAY_MS;

/** The X adapter: batched recent search for mentions and replies, timelines after long downtime, users lookup for bios. */
export function xAdapter(makeClient: (token: string) => XClient = (t) => new XClient(t)): PlatformAdapter {
  return {
    platform: 'x',
    unavailable(settings) {
      const x = settings.config.platforms.x;
      if (!x.enabled) return 'disabled in config (platforms.x.enabled: false)';
      if (!x.bearer_token) return 'no bearer token (set X_BEARER_TOKEN)';
      return null;
    },
    async *poll(input) {
      const client = makeClient(input.settings.config.platforms.x.bearer_token!);
      const budget = { left: input.postsAllowed };
      const fresh = input.accounts.filter((a) => !isStale(input, a));
      const stale = input.accounts.filter((a) => isStale(input, a));
      for (const direction of ['inbound', 'outbound'] as Direction[]) {
        for (const batch of batchHandles(
          direction,
          fresh.map((a) => a.handle),
          input.settings.config.platforms.x.query_max_chars,
        )) {
          if (budget.left < 10) return;
          const members = fresh.filter((a) => batch.includes(a.handle.toLowerCase()));
          yield await searchBatch(client, input, direction, members, batch, budget);
        }
      }
      for (const account of stale) {
        if (budget.left < 10) return;
        if (!account.platformUserId) continue; // learned from the first bio lookup
        yield await timelines(client, input, account, budget);
      }
    },
    async fetchBios(input) {
      const client = makeClient(input.settings.config.platforms.x.bearer_token!);
      const bios: FetchedBio[] = [];
      let requests = 0;
      let usersRead = 0;
      const handles = input.accounts.map((a) => a.handle);
      for (let i = 0; i < handles.length; i += 100) {
        const res = await client.usersByUsernames(handles.slice(i, i + 100));
        requests++;
        usersRead += res.usersRead;
        const users = Array.isArray(res.page.data)
          ? (res.page.data as unknown as { id: string; username: string; description?: string }[])
          : [];
        for (const u of users) bios.push({ handle: u.username, platformUserId: u.id, text: u.description ?? '' });
      }
      return { bios, requests, usersRead };
    },
  };
}

/** The posts of a page; malformed tweets are left out and named in one warning (never abort the poll). */
function readPage(page: XPage, input: PollInput): NormalizedPost[] {
  const { posts, rejected } = normalizePage(page);
  if (rejected.length)
    input.log.warn({ rejected: rejected.slice(0, 5), count: rejected.length }, 'malformed tweets left out');
  return posts;
}

function isStale(input: PollInput, a: AccountState): boolean {
  const c = input.cursor(`account:${a.id}`, 'inbound');
  return c !== undefined && input.now.getTime() - Date.parse(c.updatedAt) > STALE_MS;
}

async function searchBatch(
  client: XClient,
  input: PollInput,
  direction: Direction,
  members: AccountState[],
  batch: string[],
  budget: { left: number },
): Promise<FetchChunk> {
  const known = members
    .map((m) => input.cursor(`account:${m.id}`, direction)?.value)
    .filter((v): v is string => Boolean(v));
  // Since the oldest member cursor: nobody in the batch misses a post; a new account starts 7 days back.
  const since = known.length ? known.sort(compareIds)[0] : undefined;
  const params = {
    query: buildQuery(direction, batch),
    ...(since
      ? { since_id: since }
      : { start_time: new Date(input.now.getTime() - SEARCH_WINDOW_MS + MINUTE_MS).toISOString() }),
  };
  const chunk = emptyChunk(`x:search:${direction}`, X_ADAPTER_VERSION);
  let newest: string | undefined;
  let nextToken: string | undefined;
  do {
    // Parents are not bought: X bills every post it returns, and what a thread needs arrives anyway
    // (replies on X mention everyone in the conversation, so the inbound query sees them).
    const res = await client.searchRecent({
      ...params,
      max_results: Math.max(10, Math.min(100, budget.left)),
      withParents: false,
      ...(nextToken ? { next_token: nextToken } : {}),
    });
    chunk.requests++;
    chunk.postsRead += res.postsRead;
    chunk.usersRead += res.usersRead;
    budget.left -= res.postsRead;
    // since_id bookkeeping: the first page's newest_id is where the next cycle starts.
    newest ??= res.page.meta?.newest_id;
    chunk.posts.push(...readPage(res.page, input));
    nextToken = res.page.meta?.next_token;
  } while (nextToken && budget.left >= 10);
  if (nextToken)
    input.log.warn(
      { query: params.query },
      'post budget reached while paging: the rest of this query is left for later',
    );
  const value = newest && (!since || compareIds(newest, since) > 0) ? newest : undefined;
  if (value && !nextToken)
    for (const m of members) chunk.cursors.push({ platform: 'x', scope: `account:${m.id}`, stream: direction, value });
  return chunk;
}

async function timelines(
  client: XClient,
  input: PollInput,
  a: AccountState,
  budget: { left: number },
): Promise<FetchChunk> {
  const chunk = emptyChunk('x:timeline', X_ADAPTER_VERSION);
  for (const [direction, call] of [
    ['inbound', client.mentions.bind(client)],
    ['outbound', client.timeline.bind(client)],
  ] as const) {
    const since = input.cursor(`account:${a.id}`, direction)?.value;
    let token: string | undefined;
    let newest: string | undefined;
    do {
      const res = await call(a.platformUserId!, {
        ...(since ? { since_id: since } : {}),
        ...(token ? { pagination_token: token } : {}),
      });
      chunk.requests++;
      chunk.postsRead += res.postsRead;
      budget.left -= res.postsRead;
      newest ??= res.page.meta?.newest_id;
      const posts: NormalizedPost[] = readPage(res.page, input);
      chunk.posts.push(...posts);
      token = res.page.meta?.next_token;
    } while (token && budget.left >= 10);
    if (newest) chunk.cursors.push({ platform: 'x', scope: `account:${a.id}`, stream: direction, value: newest });
  }
  input.log.info({ handle: a.handle }, 'cursor older than the search window: read the timelines instead');
  return chunk;
}
