import {
  type AccountState,
  type FetchChunk,
  type FetchedBio,
  type PlatformAdapter,
  type PollInput,
  threadLookbackStart,
  emptyChunk,
} from '../adapter.js';
import { compareIds } from '../ids.js';
import { MastodonClient } from './client.js';
import { accountBio, accountKey, MASTODON_ADAPTER_VERSION, normalizeStatuses } from './normalize.js';
import type { MStatus } from './types.js';

const UNAUTHENTICATED_DESCENDANTS = 60;

function split(handle: string, fallback: string): { name: string; server: string } {
  const [name, server] = handle.split('@') as [string, string | undefined];
  return { name, server: server ?? fallback };
}

/**
 * Mastodon. Observer mode (no token): the account's newest statuses, and the context (replies) of
 * its recent statuses whose reply count went up since the last poll; account lookup for the bio.
 * Own-account mode (token of a monitored account): its mention notifications as well.
 */
export function mastodonAdapter(
  makeClient: (server: string, token?: string) => MastodonClient = (s, t) => new MastodonClient(s, t),
): PlatformAdapter {
  return {
    platform: 'mastodon',
    unavailable: (settings) =>
      settings.config.platforms.mastodon.enabled ? null : 'disabled in config (platforms.mastodon.enabled: false)',
    async *poll(input) {
      const cfg = input.settings.config.platforms.mastodon;
      for (const account of input.accounts)
        yield await pollAccount(input, account, makeClient, cfg.default_server, cfg.access_token);
    },
    async fetchBios(input) {
      const bios: FetchedBio[] = [];
      let requests = 0;
      for (const a of input.accounts) {
        const { name, server } = split(a.handle, input.settings.config.platforms.mastodon.default_server);
        const client = makeClient(server);
        const acc = await client.lookup(name);
        requests += client.requests;
        bios.push({ handle: a.handle, platformUserId: accountKey(acc, server), text: accountBio(acc) });
      }
      return { bios, requests, usersRead: bios.length };
    },
  };
}

async function pollAccount(
  input: PollInput,
  a: AccountState,
  makeClient: (server: string, token?: string) => MastodonClient,
  fallback: string,
  token?: string,
): Promise<FetchChunk> {
  const { name, server } = split(a.handle, fallback);
  const client = makeClient(server);
  const chunk = emptyChunk('mastodon:observer', MASTODON_ADAPTER_VERSION);
  const localId = a.platformUserId?.startsWith(`${server}:`)
    ? a.platformUserId.slice(server.length + 1)
    : (await client.lookup(name)).id;
  const statuses = await client.statuses(localId);
  chunk.postsRead += statuses.length;
  const scope = `account:${a.id}`;
  const since = threadLookbackStart(input);
  for (const s of statuses) {
    if (Date.parse(s.created_at) < since || !s.replies_count) continue;
    const seen = Number(input.cursor(scope, `replies:${s.id}`)?.value ?? 0);
    if (s.replies_count <= seen) continue; // nothing new under this status
    const ctx = await client.context(s.id);
    const thread: MStatus[] = [...ctx.ancestors, s, ...ctx.descendants];
    chunk.postsRead += ctx.descendants.length + ctx.ancestors.length;
    const truncated = !token && ctx.descendants.length >= UNAUTHENTICATED_DESCENDANTS;
    if (truncated)
      input.log.warn(
        { status: s.uri, descendants: ctx.descendants.length },
        'unauthenticated context is cut at 60 replies: this thread may be incomplete',
      );
    const root = ctx.ancestors[0]?.uri ?? s.uri;
    chunk.posts.push(
      ...normalizeStatuses(thread, server, root).map((p) =>
        truncated ? { ...p, raw: { ...(p.raw as object), webcare_thread_may_be_incomplete: true } } : p,
      ),
    );
    chunk.cursors.push({ platform: 'mastodon', scope, stream: `replies:${s.id}`, value: String(s.replies_count) });
  }
  // A new reply of the account to a post on another server: its context names the parent's URI (the
  // local id alone cannot), so the response joins the citizen's thread.
  const lastSeen = input.cursor(scope, 'statuses')?.value;
  const inBatch = new Set(statuses.map((x) => x.id));
  for (const s of statuses) {
    if (!s.in_reply_to_id || inBatch.has(s.in_reply_to_id) || (lastSeen && compareIds(s.id, lastSeen) <= 0)) continue;
    if (chunk.posts.some((p) => p.post.id === s.uri)) continue;
    const ctx = await client.context(s.id);
    chunk.postsRead += ctx.ancestors.length + ctx.descendants.length;
    chunk.posts.push(
      ...normalizeStatuses([...ctx.ancestors, s, ...ctx.descendants], server, ctx.ancestors[0]?.uri ?? s.uri),
    );
  }
  const newestSeen = statuses
    .map((x) => x.id)
    .sort(compareIds)
    .pop();
  if (newestSeen) chunk.cursors.push({ platform: 'mastodon', scope, stream: 'statuses', value: newestSeen });
  // Statuses last: a reply normalized inside its context knows its thread root; on its own it may not.
  const inContext = new Set(chunk.posts.map((p) => p.post.id));
  chunk.posts.push(...normalizeStatuses(statuses, server).filter((p) => !inContext.has(p.post.id)));
  if (token) await mentions(client, input, a, name, chunk);
  chunk.requests = client.requests;
  return chunk;
}

/** Own-account mode: mentions from the notifications of the account the token belongs to. */
async function mentions(
  client: MastodonClient,
  input: PollInput,
  a: AccountState,
  name: string,
  chunk: FetchChunk,
): Promise<void> {
  const me = await client.verifyCredentials();
  if (me.acct.toLowerCase() !== name.toLowerCase()) return; // the token belongs to another account
  const scope = `account:${a.id}`;
  let minId = input.cursor(scope, 'mentions')?.value;
  for (let page = 0; page < 10; page++) {
    const notes = await client.mentions(minId);
    const statuses = notes.map((n) => n.status).filter((s): s is MStatus => Boolean(s));
    chunk.postsRead += statuses.length;
    chunk.posts.push(...normalizeStatuses(statuses, client.server));
    const newest = notes
      .map((n) => n.id)
      .sort(compareIds)
      .pop();
    if (!newest) break;
    minId = newest;
    chunk.cursors.push({ platform: 'mastodon', scope, stream: 'mentions', value: newest });
    if (notes.length < 40) break;
  }
  chunk.source = 'mastodon:own-account';
}
