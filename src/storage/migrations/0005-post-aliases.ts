import type { Kysely } from 'kysely';

// Shipped migration: never edit; add a new numbered file instead.
// post_aliases: other names of a stored post. A Mastodon status has one id per server (the local id
// in the API) and one canonical URI (the post's id here); a reply in a later file names its parent
// only by the local id on the server the file came from, so every imported status keeps that id,
// as "https://<server>/api/v1/statuses/<local id>", mapped to its URI.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_aliases')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_aliases_pk', ['platform', 'alias'])
    .execute();
}
