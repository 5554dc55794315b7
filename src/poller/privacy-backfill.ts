import type { Store } from '../storage/db.js';
import {
  rawsAfter,
  readPrivacy,
  redactStoredErrors,
  rewriteFile,
  setScrubVersion,
  updateRaws,
  type PostKey,
  type StoredRaw,
} from '../storage/privacy.js';
import type { MonitoredIndex } from './monitored.js';
import type { AuthorHasher } from './privacy.js';
import { RAW_SCRUB_VERSION, scrubContext, scrubRaw, serverOfAccountKey, serverOfStatus } from './raw-scrub.js';

const BATCH = 500;

/**
 * The one-time clean-up of a database written before raw payloads were scrubbed (METHOD.md 7):
 * every stored payload is scrubbed as toRow now scrubs new ones (citizens' ids as the columns'
 * keyed hashes, which only a writer with the key can make), the error messages stored before
 * secrets were redacted are redacted, and when payloads were scrubbed the file is rewritten
 * (VACUUM), since texts purged before deleted content was zeroed may still sit in its free space;
 * when another process is reading, that is left for later (`vacuumed: false`, and a warning).
 * Runs once per database (privacy.scrub_version); a second writer at the same time does the same
 * work again, harmlessly. Returns what it did.
 */
export async function backfillPrivacy(
  store: Store,
  index: MonitoredIndex,
  hash: AuthorHasher,
): Promise<{ raws: number; errors: number; vacuumed: boolean } | undefined> {
  const state = await readPrivacy(store.db);
  if (!state || state.scrubVersion >= RAW_SCRUB_VERSION) return undefined;
  let raws = 0;
  for (let after: PostKey | null = null; ;) {
    const rows = await rawsAfter(store.db, after, BATCH);
    if (!rows.length) break;
    const last: StoredRaw = rows[rows.length - 1]!;
    after = { platform: last.platform, id: last.id };
    const changed: (PostKey & { raw: string | null })[] = [];
    for (const r of rows) {
      let raw: unknown;
      try {
        raw = JSON.parse(r.raw);
      } catch {
        changed.push({ platform: r.platform, id: r.id, raw: null }); // not JSON: nothing worth keeping can be told apart
        continue;
      }
      // A Mastodon citizen's author_id is hashed already: the server comes from the status itself.
      const server =
        r.platform !== 'mastodon' ? undefined : r.author_is_org ? serverOfAccountKey(r.author_id) : serverOfStatus(raw);
      const info = {
        platform: r.platform,
        authorIsOrg: r.author_is_org === 1,
        authorId: r.author_id,
        replyToUserId: r.reply_to_user_id,
        ...(server ? { server } : {}),
      };
      const scrubbed = JSON.stringify(scrubRaw(raw, scrubContext(info, index, hash)));
      if (scrubbed !== r.raw) changed.push({ platform: r.platform, id: r.id, raw: scrubbed });
    }
    if (changed.length) await store.db.transaction().execute((trx) => updateRaws(trx, changed));
    raws += changed.length;
  }
  const errors = await redactStoredErrors(store.db);
  await setScrubVersion(store.db, RAW_SCRUB_VERSION);
  let vacuumed = false;
  if (raws)
    vacuumed = await rewriteFile(store.db).then(
      () => true,
      () => false,
    );
  return { raws, errors, vacuumed };
}
