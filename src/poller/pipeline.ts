import type { Transaction } from 'kysely';
import { classify } from '../analysis/classify.js';
import type { PhraseBook } from '../analysis/phrases.js';
import { responseKind } from '../analysis/response-kind.js';
import { analyseThread, type RequestResult } from '../analysis/threads.js';
import type { Classification, Platform, ResponseKind } from '../model/index.js';
import type { NormalizedPost } from '../platforms/normalized.js';
import { setPlatformUserIdByHandle } from '../storage/accounts.js';
import { setCursor } from '../storage/cursors.js';
import type { Store } from '../storage/db.js';
import { adoptOrgPosts, threadPostsForAnalysis, upsertPosts, type PostRow } from '../storage/posts.js';
import {
  classificationsOf,
  postsWithRequest,
  saveRequests,
  type RequestBase,
  type SaveResult,
  type StaleRequests,
} from '../storage/requests.js';
import { serialisedAll } from '../storage/dialect.js';
import type { Database } from '../storage/schema/index.js';
import type { MonitoredIndex } from './monitored.js';
import { timesOfContext, type TimesContext } from './request-times.js';
import type { AuthorHasher } from './privacy.js';
import { rowToPost, toRow, type Provenance } from './rows.js';

export interface PipelineDeps {
  store: Store;
  index: MonitoredIndex;
  hash: AuthorHasher;
  book: PhraseBook;
  windowDays: number;
  /** The zone whose calendar days the answer window counts (config timezone). */
  zone?: string;
  now: () => Date;
  /** Test hook: called inside the transaction after the posts are written (crash-consistency tests). */
  afterPostsWritten?: () => void;
  /** Readings of post texts already made, so a growing thread is not re-read from the start every batch. */
  readings?: Readings;
  /** Parameters and hours the requests' stored times are computed with; without it they stay null (slow path). */
  times?: TimesContext;
}

/** A bounded memo of classifications and response kinds by post (text and phrase lists do not change within a process). */
export class Readings {
  private readonly map = new Map<string, Classification | ResponseKind>();
  // Enough for the threads that are still growing; a larger memo only costs memory on big imports.
  constructor(private readonly max = 20_000) {}
  get<T extends Classification | ResponseKind>(key: string, make: () => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit as T;
    const v = make();
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, v);
    return v;
  }
}

export interface IngestBatch {
  posts: NormalizedPost[];
  provenance: Provenance;
  /** Cursors committed with the posts they cover (exactly-once effect after a crash). */
  cursors?: { platform: Platform; scope: string; stream: string; value: string }[];
}

export interface IngestResult {
  postsNew: number;
  referencedNew: number;
  requestsNew: number;
  threads: number;
}

/**
 * The one path every source takes: store posts (raw, with provenance) -> rebuild the threads they
 * touch -> classify requests and match responses -> store requests with their outcome -> commit
 * cursors, all in one transaction. Running the same batch again changes nothing.
 */
export async function ingest(deps: PipelineDeps, batch: IngestBatch): Promise<IngestResult> {
  return deps.store.db.transaction().execute(async (trx) => {
    const rows: PostRow[] = [];
    for (const original of batch.posts) {
      const np = capped(original);
      const { row, org } = toRow(np, deps.index, deps.hash, batch.provenance);
      rows.push(row);
      if (org && deps.index.learnUserId(np.post.platform, org.handle, np.post.authorId)) {
        await setPlatformUserIdByHandle(trx, np.post.platform, org.handle, np.post.authorId);
      }
    }
    // Workers on PostgreSQL that store posts of the same threads take turns (the analysis reads a
    // whole thread and writes its requests); one SQLite writer never waits.
    await serialisedAll(
      trx,
      rows.map((r) => `thread:${r.platform}:${r.thread_root_id ?? r.id}`),
    );
    // Full posts first: a referenced-only copy in the same batch must not come before its original.
    const full = await upsertPosts(
      deps.store,
      rows.filter((r) => !r.referenced_only),
      trx,
    );
    const postsNew = full.inserted + full.completed;
    const referencedNew =
      (
        await upsertPosts(
          deps.store,
          rows.filter((r) => r.referenced_only),
          trx,
        )
      ).inserted - full.completed;
    await adoptOrgPosts(deps.store, rows, trx);
    deps.afterPostsWritten?.();
    const threads = new Map<string, Set<string>>();
    for (const r of rows) {
      if (!threads.has(r.platform)) threads.set(r.platform, new Set());
      threads.get(r.platform)!.add(r.thread_root_id ?? r.id);
    }
    let requestsNew = 0;
    for (const [platform, roots] of threads)
      requestsNew += (await analyse(trx, deps, platform as Platform, [...roots])).added;
    for (const c of batch.cursors ?? [])
      await setCursor(trx, c.platform, c.scope, c.stream, c.value, deps.now().toISOString());
    return { postsNew, referencedNew, requestsNew, threads: [...threads.values()].reduce((n, t) => n + t.size, 0) };
  });
}

async function analyse(
  trx: Transaction<Database>,
  deps: PipelineDeps,
  platform: Platform,
  roots: string[],
): Promise<SaveResult> {
  const all = await threadPostsForAnalysis(deps.store, platform, roots, trx);
  const byThread = new Map<string, PostRow[]>();
  for (const r of all) {
    const key = r.thread_root_id ?? r.id;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(r);
  }
  const requestRows: RequestBase[] = [];
  const stale: StaleRequests[] = [];
  const now = deps.now();
  // Posts whose text the retention period removed keep the classification they had.
  const purged = all.filter((r) => r.text_purged_at !== null).map((r) => r.id);
  const kept = await classificationsOf(trx, platform, purged);
  const purgedSet = new Set(purged);
  const hasRequest = await postsWithRequest(
    deps.store,
    platform,
    all.filter((r) => !r.org_id).map((r) => r.id),
    trx,
  );
  const readings = deps.readings ?? new Readings();
  for (const rows of byThread.values()) {
    for (const orgId of orgsIn(rows, platform, deps.index)) {
      const orgOf = new Map(rows.map((r) => [r.id, r.org_id]));
      const results = analyseThread(rows.map(rowToPost), {
        isOrg: (p) => orgOf.get(p.id) === orgId,
        isOtherOrg: (p) => {
          const o = orgOf.get(p.id);
          return o !== null && o !== undefined && o !== orgId;
        },
        orgHandles: deps.index.handlesOf(orgId, platform),
        isOrgUserId: (userId) => deps.index.orgOfUserId(platform, userId) === orgId,
        classify: (p) =>
          purgedSet.has(p.id)
            ? (kept.get(p.id) ?? { kind: 'other', score: 1, lang: 'und', reasons: ['text-purged'] })
            : readings.get(`c|${p.id}`, () => classify(p.text, deps.book, { repost: p.kind === 'repost' })),
        responseKind: (p, req) => readings.get(`r|${p.id}|${req.id}`, () => responseKind(p.text, deps.book, req.text)),
        now,
        windowDays: deps.windowDays,
        ...(deps.zone ? { zone: deps.zone } : {}),
      });
      const ids = new Set(results.map((r) => r.post.id));
      // Only citizen posts that have a request row can have become stale (e.g. now a follow-up).
      stale.push({
        platform,
        orgId,
        postIds: rows.filter((r) => !r.org_id && !ids.has(r.id) && hasRequest.has(r.id)).map((r) => r.id),
      });
      // A post directed at several organisations is a request for each (METHOD.md 2).
      for (const res of results) requestRows.push(requestRow(res, orgId, platform, deps, now));
    }
  }
  // The stored times are written with the requests, in the same transaction (#16).
  return saveRequests(deps.store, requestRows, stale, deps.times ? timesOfContext(deps.times) : undefined, trx);
}

/** The most text stored per post: no real post is longer (X: 25,000 for long posts; Facebook: 63,206). */
export const STORED_CHARS = 20_000;

/**
 * A post as stored: text beyond STORED_CHARS is cut, and the cut is recorded in the text ("[cut: N
 * characters]"); its raw payload, which holds the same text, is replaced by a note. One 50 MB post
 * grew the database by 100 MB before.
 */
function capped(np: NormalizedPost): NormalizedPost {
  const text = np.post.text;
  if (text.length <= STORED_CHARS) return np;
  return {
    post: { ...np.post, text: `${text.slice(0, STORED_CHARS)}\n[cut: ${text.length} characters]` },
    raw: { cut: true, id: np.post.id, text_length: text.length },
  };
}

/**
 * Re-reads the given threads with the current classifier, reader and parameters (`webcare
 * reclassify`), in one transaction; stored posts are not touched. Returns what changed.
 */
export async function reanalyse(deps: PipelineDeps, platform: Platform, roots: string[]): Promise<SaveResult> {
  return deps.store.db.transaction().execute(async (trx) => {
    await serialisedAll(
      trx,
      roots.map((r) => `thread:${platform}:${r}`),
    );
    return analyse(trx, deps, platform, roots);
  });
}

/** Organisations a thread concerns: authors among its posts, and accounts its posts mention. */
function orgsIn(rows: PostRow[], platform: Platform, index: MonitoredIndex): string[] {
  const orgs = new Set<string>();
  for (const r of rows) {
    if (r.org_id) orgs.add(r.org_id);
    // A reply to one of its accounts whose parent is missing concerns it too.
    const repliedTo = r.reply_to_user_id ? index.orgOfUserId(platform, r.reply_to_user_id) : undefined;
    if (repliedTo) orgs.add(repliedTo);
    for (const m of JSON.parse(r.mentions) as string[]) {
      const o = index.orgOfHandle(platform, m);
      if (o) orgs.add(o);
    }
  }
  return [...orgs].sort();
}

function requestRow(res: RequestResult, orgId: string, platform: Platform, deps: PipelineDeps, now: Date): RequestBase {
  const handle = res.post.mentions.find((m) => deps.index.orgOfHandle(platform, m) === orgId);
  const row: RequestBase = {
    platform,
    post_id: res.post.id,
    org_id: orgId,
    account_id: handle ? (deps.index.accountId(platform, handle) ?? null) : null,
    author_id: res.post.authorId,
    kind: requestKind(res),
    score: res.classification.score,
    reasons: JSON.stringify(res.classification.reasons),
    lang: res.classification.lang,
    created_at: res.post.createdAt,
    response_post_id: res.response?.post.id ?? null,
    response_at: res.response?.post.createdAt ?? null,
    response_kind: res.response?.kind ?? null,
    ...answerOf(res),
    redirect_at: res.redirect?.createdAt ?? null,
    outcome: res.outcome,
    community_post_id: res.community?.id ?? null,
    community_at: res.community?.createdAt ?? null,
    other_org_post_id: res.otherOrg?.id ?? null,
    other_org_at: res.otherOrg?.createdAt ?? null,
    updated_at: now.toISOString(),
  };
  return row;
}

function requestKind(res: RequestResult): RequestBase['kind'] {
  const kind = res.classification.kind;
  // analyseThread only returns questions and reports; anything else is a bug, not data.
  if (kind === 'other') throw new Error(`post ${res.post.id} is not a request`);
  return kind;
}

/** The first answer: the first response when it answers, else the later one (METHOD.md 3). */
function answerOf(res: RequestResult): { answer_post_id: string | null; answer_at: string | null } {
  const answer = res.response?.kind === 'answer' ? res.response.post : res.laterAnswer;
  return { answer_post_id: answer?.id ?? null, answer_at: answer?.createdAt ?? null };
}
