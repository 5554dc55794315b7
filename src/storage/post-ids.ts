import { sql, type Kysely, type Transaction } from 'kysely';
import { contains, deferForeignKeys } from './dialect.js';
import type { Platform } from '../model/index.js';
import type { Database } from './schema/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Whether a post id names its author: a Mastodon status URI carries the username
 * (`https://server/users/anna/statuses/1`, `https://server/@anna/1`), a Bluesky AT URI the DID
 * (`at://did:plc:.../app.bsky.feed.post/...`). X and Facebook ids are plain numbers.
 */
export function idNamesAuthor(platform: Platform, id: string): boolean {
  if (platform === 'mastodon') return /\/users\/[^/]+\/statuses\/|\/@[^/]+\//.test(id);
  if (platform === 'bluesky') return id.startsWith('at://did:');
  return false;
}

/**
 * Renames posts (METHOD.md 7, after retention: a citizen's post id must not name the citizen) and
 * every reference to them: replies and thread roots of other posts, the ids inside other posts'
 * stored payloads, the requests' post and response columns, and the Mastodon aliases. Runs inside the caller's transaction; foreign keys
 * are checked at its commit.
 */
export async function renamePosts(db: Db, platform: Platform, renames: ReadonlyMap<string, string>): Promise<void> {
  if (!renames.size) return;
  await deferForeignKeys(db);
  for (const [from, to] of renames) {
    await db.updateTable('posts').set({ id: to }).where('platform', '=', platform).where('id', '=', from).execute();
    await db
      .updateTable('posts')
      .set({ reply_to_id: to })
      .where('platform', '=', platform)
      .where('reply_to_id', '=', from)
      .execute();
    await db
      .updateTable('posts')
      .set({ thread_root_id: to })
      .where('platform', '=', platform)
      .where('thread_root_id', '=', from)
      .execute();
    for (const col of [
      'post_id',
      'response_post_id',
      'answer_post_id',
      'community_post_id',
      'other_org_post_id',
    ] as const)
      await db
        .updateTable('requests')
        .set({ [col]: to })
        .where('platform', '=', platform)
        .where(col, '=', from)
        .execute();
    // Other posts' stored payloads refer to it too (a Bluesky reply's record.reply.parent.uri).
    await db
      .updateTable('posts')
      .set({ raw: sql<string>`replace(raw, ${from}, ${to})` })
      .where('platform', '=', platform)
      .where(contains(db, 'raw', from))
      .execute();
    await db
      .updateTable('post_aliases')
      .set({ post_id: to })
      .where('platform', '=', platform)
      .where('post_id', '=', from)
      .execute();
  }
}
