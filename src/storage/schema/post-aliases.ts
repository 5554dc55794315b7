import type { Platform } from '../../model/index.js';

/** post_aliases: another name of a post (a Mastodon status's local id on one server) and the post's id (its URI). */
export interface PostAliasesTable {
  platform: Platform;
  alias: string; // "https://<server>/api/v1/statuses/<local id>"
  post_id: string; // the canonical id the alias stands for (the post need not be stored)
}
