import { isLocalStatusRef, statusAliases } from '../platforms/mastodon/normalize.js';
import type { MStatus } from '../platforms/mastodon/types.js';
import type { NormalizedPost } from '../platforms/normalized.js';
import type { Store } from '../storage/db.js';
import { linkPosts, lookupAliases, storedThreadRoots } from '../storage/post-aliases.js';

const MAX_HOPS = 50;

/**
 * Links one file of Mastodon statuses (normalized, from `server`) to what earlier files stored, so
 * that question and answer meet whatever the file order:
 * - a parent known only by its local id on `server` (a remote author's status outside the file)
 *   becomes its canonical URI when a status with that local id was imported before;
 * - a reply's thread root becomes its parent's thread root when the parent is stored (not the
 *   parent itself, nor a placeholder);
 * - the file's statuses keep their local ids as aliases, and stored posts that were waiting for
 *   them (a reply imported before its parent) get the parent's URI and the thread root it has.
 * Local ids are used only when `serverKnown` (a local account showed where the file came from): a
 * guessed server would give the ids of one server to another. The re-linking is committed before
 * the posts are ingested; it is idempotent, so importing the same files again after a crash
 * completes it. Returns the posts to ingest.
 */
export async function linkMastodonFile(
  store: Store,
  server: string,
  posts: readonly NormalizedPost[],
  serverKnown = true,
): Promise<{ posts: NormalizedPost[]; relinked: number }> {
  const db = store.db;
  const own = serverKnown
    ? statusAliases(
        posts.map((p) => p.raw as MStatus),
        server,
      )
    : [];
  const fileAliases = new Map(own.map((a) => [a.alias, a.uri]));
  const batch = new Map(posts.map((p) => [p.post.id, p.post]));
  const dbAliases = new Map<string, string>();
  const stored = new Map<string, string>(); // post id -> its stored thread root
  const loaded = new Set<string>();

  const resolve = (x: string) => fileAliases.get(x) ?? dbAliases.get(x) ?? x;
  // A placeholder root (an unresolved local id) stored earlier never outranks what the file says.
  const storedRoot = (id: string) => {
    const r = stored.get(id);
    return r === undefined || isLocalStatusRef(r) ? undefined : r;
  };
  // The final thread root of a name: follow aliases, the file's roots and the stored roots upwards.
  // Names not looked up yet are collected in `missing` (the caller loads them and asks again).
  const canon = (name: string, missing: Set<string>): string => {
    let cur = resolve(name);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (!loaded.has(cur)) missing.add(cur);
      const inFile = batch.get(cur);
      const up = storedRoot(cur) ?? inFile?.threadRootId ?? stored.get(cur);
      if (up === undefined || up === cur) return cur;
      const next = resolve(up);
      if (next === cur) return cur;
      cur = next;
    }
    return cur;
  };
  const load = async (names: Iterable<string>) => {
    const fresh = [...names].filter((n) => !loaded.has(n));
    if (!fresh.length) return;
    for (const n of fresh) loaded.add(n);
    const aliases = serverKnown
      ? await lookupAliases(db, 'mastodon', fresh.filter(isLocalStatusRef))
      : new Map<string, string>();
    for (const [a, id] of aliases) dbAliases.set(a, id);
    const ids = [...new Set(fresh.map(resolve))];
    for (const id of ids) loaded.add(id);
    for (const [id, root] of await storedThreadRoots(db, 'mastodon', ids)) stored.set(id, root);
  };

  const names = new Set<string>();
  for (const { post } of posts) {
    names.add(post.id);
    if (post.replyToId) names.add(post.replyToId);
    if (post.threadRootId) names.add(post.threadRootId);
  }
  await load(names);
  let roots = new Map<string, string>();
  for (let round = 0; round < MAX_HOPS; round++) {
    const missing = new Set<string>();
    roots = new Map(posts.map(({ post }) => [post.id, canon(post.id, missing)]));
    if (!missing.size) break;
    await load(missing);
  }

  const out: NormalizedPost[] = posts.map((np) => {
    const post = { ...np.post };
    if (post.replyToId) post.replyToId = resolve(post.replyToId);
    post.threadRootId = roots.get(post.id)!;
    return { post, raw: np.raw };
  });

  // What stored posts must follow: names of this file's posts that are not their thread root, the
  // placeholder roots the file's replies had, and stale roots stored for the file's posts. A name
  // is stale when it can never be a thread root: a local id (placeholder or alias), or a post that
  // is itself a reply in a thread.
  const isStale = (name: string): boolean => {
    const storedRootOf = stored.get(name);
    return (
      isLocalStatusRef(name) ||
      (batch.has(name) && roots.get(name) !== name) ||
      (storedRootOf !== undefined && storedRootOf !== name)
    );
  };
  const aliasesOf = new Map<string, string[]>();
  for (const a of own) aliasesOf.set(a.uri, [...(aliasesOf.get(a.uri) ?? []), a.alias]);
  const renames = new Map<string, string>();
  for (const { post } of posts) {
    const root = roots.get(post.id)!;
    const names = [...(aliasesOf.get(post.id) ?? []), post.id, post.threadRootId, stored.get(post.id)];
    for (const name of names) if (name && name !== root && (name === post.id || isStale(name))) renames.set(name, root);
  }
  for (const [from, to] of renames) {
    let target = to;
    for (let hop = 0; hop < MAX_HOPS && renames.has(target) && renames.get(target) !== target; hop++)
      target = renames.get(target)!;
    if (target === from) renames.delete(from);
    else renames.set(from, target);
  }
  const relinked = await linkPosts(
    db,
    'mastodon',
    own.map((a) => ({ alias: a.alias, postId: a.uri })),
    renames,
  );
  return { posts: out, relinked };
}
