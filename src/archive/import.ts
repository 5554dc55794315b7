import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { normalizePage, X_ADAPTER_VERSION, type NormalizedPost } from '../platforms/x/normalize.js';
import type { XPage } from '../platforms/x/types.js';
import { ingest, type PipelineDeps } from '../poller/pipeline.js';
import { readLines } from './lines.js';
import { classifyDocument, readTwarcLine, type TwarcLine } from './twarc.js';

export type ArchiveFormat = 'twarc' | 'x-v2';

export interface ImportSummary {
  files: number;
  lines: number;
  posts: number; // new posts stored
  referenced: number; // new posts known only as referenced by others (X includes.tweets)
  replies: number;
  requests: number; // new requests
  rejected: { file: string; line: number; reason: string }[];
  skipped: number;
}

const BATCH = 2000;

/**
 * Imports archive files through the same pipeline as polling, streaming line by line and writing
 * in transactions of about 2,000 posts. Bad lines are reported (file:line, reason) and skipped;
 * everything else goes in. `onProgress` is called every 1,000 lines.
 */
export async function importArchives(deps: PipelineDeps, format: ArchiveFormat, files: readonly string[], onProgress?: (lines: number, posts: number) => void): Promise<ImportSummary> {
  const summary: ImportSummary = { files: 0, lines: 0, posts: 0, referenced: 0, replies: 0, requests: 0, rejected: [], skipped: 0 };
  const repliesBefore = await countReplies(deps);
  let pending: NormalizedPost[] = [];
  let source = '';
  const flush = async () => {
    if (!pending.length) return;
    const r = await ingest(deps, { posts: pending, provenance: { source, fetchedAt: deps.now().toISOString(), adapterVersion: X_ADAPTER_VERSION } });
    summary.posts += r.postsNew;
    summary.referenced += r.referencedNew;
    summary.requests += r.requestsNew;
    pending = [];
  };
  const take = (file: string, line: number, l: TwarcLine) => {
    if (l.kind === 'reject') summary.rejected.push({ file, line, reason: l.reason });
    else if (l.kind === 'skip') summary.skipped++;
    else pending.push(...normalizePage(l.page).posts);
  };
  for (const file of files) {
    summary.files++;
    source = `import:${format}:${basename(file)}`;
    if (format === 'x-v2') {
      summary.lines++;
      for (const [i, page] of readWholeFile(file).entries()) take(file, i + 1, page);
    } else {
      for await (const { line, text } of readLines(file)) {
        summary.lines++;
        take(file, line, readTwarcLine(text));
        if (pending.length >= BATCH) await flush();
        if (summary.lines % 1000 === 0) onProgress?.(summary.lines, summary.posts);
      }
    }
    await flush();
  }
  summary.replies = (await countReplies(deps)) - repliesBefore; // new replies stored by this import
  return summary;
}

/** A plain X API v2 response file: one page, or a JSON array of pages. */
function readWholeFile(file: string): TwarcLine[] {
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return [{ kind: 'reject', reason: `not JSON (${(err as Error).message.split('\n')[0]})` }];
  }
  return (Array.isArray(doc) ? doc : [doc]).map((d) => classifyDocument(d as XPage));
}

async function countReplies(deps: PipelineDeps): Promise<number> {
  const r = await deps.db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('referenced_only', '=', 0)
    .where((eb) => eb.or([eb('reply_to_id', 'is not', null), eb('reply_to_user_id', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
