import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DAY_MS } from '../model/index.js';
import { normalizePage, X_ADAPTER_VERSION, type NormalizedPost } from '../platforms/x/normalize.js';
import type { XPage } from '../platforms/x/types.js';
import { ingest, type PipelineDeps } from '../poller/pipeline.js';
import { countReplies } from '../storage/posts.js';
import { readLines } from './lines.js';
import { reclaimer } from './reclaim.js';
import { linkMastodonFile } from './mastodon-links.js';
import { readPlatformJson, type PlatformJsonFormat } from './platform-json.js';
import { classifyDocument, readTwarcLine, type TwarcLine } from './twarc.js';

export type ArchiveFormat = 'twarc' | 'x-v2' | PlatformJsonFormat;

export interface ImportSummary {
  files: number;
  lines: number;
  posts: number; // new posts stored
  referenced: number; // new posts known only as referenced by others (X includes.tweets); never below 0
  replies: number;
  requests: number; // new requests
  rejected: { file: string; line: number; reason: string }[];
  skipped: number;
  /** Posts a platform would not show (Bluesky blocked or deleted), reported, not imported. */
  unavailable: { file: string; uri: string; reason: string }[];
  /** Comments without a commenter (Facebook under Page Public Content Access): kept and counted. */
  anonymous: number;
}

const BATCH = 2000;

/**
 * Imports archive files through the same pipeline as polling, streaming line by line and writing
 * in transactions of about 2,000 posts. Bad lines are reported (file:line, reason) and skipped;
 * everything else goes in. `onProgress` is called every 1,000 lines, with the bytes read of the
 * file under way (the `files`-th).
 */
export async function importArchives(
  deps: PipelineDeps,
  format: ArchiveFormat,
  files: readonly string[],
  onProgress?: (p: { lines: number; posts: number; files: number; bytes: number }) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    files: 0,
    lines: 0,
    posts: 0,
    referenced: 0,
    replies: 0,
    requests: 0,
    rejected: [],
    skipped: 0,
    unavailable: [],
    anonymous: 0,
  };
  const repliesBefore = await countReplies(deps.store.db);
  // ingest() counts a referenced-only copy that a full post completes as -1 referenced (and +1 post),
  // also when an earlier import stored that copy: the sum can go below 0, which is never a count.
  let referencedNet = 0;
  let pending: NormalizedPost[] = [];
  let source = '';
  let adapterVersion = X_ADAPTER_VERSION;
  const reclaim = reclaimer();
  const flush = async () => {
    if (!pending.length) return;
    const r = await ingest(deps, {
      posts: pending,
      provenance: { source, fetchedAt: deps.now().toISOString(), adapterVersion },
    });
    summary.posts += r.postsNew;
    referencedNet += r.referencedNew;
    summary.requests += r.requestsNew;
    pending = [];
    reclaim();
  };
  const latest = deps.now().getTime() + DAY_MS;
  const reject = (file: string, line: number, reason: string) => summary.rejected.push({ file, line, reason });
  // A post dated more than a day after now is a bad record, not a post from the future.
  const timely = (file: string, line: number, posts: NormalizedPost[]) =>
    posts.filter((p) => {
      const ok = Date.parse(p.post.createdAt) <= latest;
      if (!ok) reject(file, line, `post ${p.post.id}: created_at ${p.post.createdAt} lies in the future`);
      return ok;
    });
  const take = (file: string, line: number, l: TwarcLine) => {
    if (l.kind === 'reject') return reject(file, line, l.reason);
    if (l.kind === 'skip') return void summary.skipped++;
    try {
      const page = normalizePage(l.page);
      // One malformed tweet rejects its line (file:line and the field), the rest of the file goes on.
      if (page.rejected.length) {
        const more = page.rejected.length > 1 ? ` (and ${page.rejected.length - 1} more)` : '';
        return reject(file, line, `${page.rejected[0]}${more}`);
      }
      pending.push(...timely(file, line, page.posts));
    } catch (err) {
      reject(file, line, `cannot read: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  for (const file of files) {
    summary.files++;
    source = `import:${format}:${basename(file)}`;
    if (format === 'mastodon' || format === 'bluesky' || format === 'facebook') {
      summary.lines++;
      const doc = parseWhole(file);
      const r = doc.ok
        ? safely(() => readPlatformJson(format, doc.value))
        : { kind: 'reject' as const, reason: doc.reason };
      if (r.kind === 'reject') summary.rejected.push({ file, line: 1, reason: r.reason });
      else {
        // Mastodon: parents and thread roots across files, through the local ids of stored statuses.
        const posts = r.server
          ? (await linkMastodonFile(deps.store, r.server.host, r.posts, r.server.known)).posts
          : r.posts;
        pending.push(...timely(file, 1, posts));
        adapterVersion = r.adapterVersion;
        summary.anonymous += r.anonymous;
        summary.unavailable.push(...r.unavailable.map((u) => ({ file, ...u })));
      }
    } else if (format === 'x-v2') {
      summary.lines++;
      for (const [i, page] of readWholeFile(file).entries()) take(file, i + 1, page);
    } else {
      for await (const { line, text, bytes } of readLines(file)) {
        summary.lines++;
        take(file, line, readTwarcLine(text));
        if (pending.length >= BATCH) await flush();
        if (summary.lines % 1000 === 0) onProgress?.({ ...summary, bytes });
      }
    }
    await flush();
  }
  summary.referenced = Math.max(0, referencedNet);
  summary.replies = (await countReplies(deps.store.db)) - repliesBefore; // new replies stored by this import
  return summary;
}

/** Runs a reader; anything it throws becomes a rejected file with the reason, not an aborted import. */
function safely<T>(read: () => T): T | { kind: 'reject'; reason: string } {
  try {
    return read();
  } catch (err) {
    return { kind: 'reject', reason: `cannot read: ${(err as Error).message.split('\n')[0]}` };
  }
}

function parseWhole(file: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (err) {
    return { ok: false, reason: `not JSON (${(err as Error).message.split('\n')[0]})` };
  }
}

/** A plain X API v2 response file: one page, or a JSON array of pages. */
function readWholeFile(file: string): TwarcLine[] {
  const doc = parseWhole(file);
  if (!doc.ok) return [{ kind: 'reject', reason: doc.reason }];
  return (Array.isArray(doc.value) ? doc.value : [doc.value]).map((d) => classifyDocument(d as XPage));
}
