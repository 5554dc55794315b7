import type { Settings } from '../config/load.js';
import type { Logger } from '../logger.js';
import { DAY_MS, type Platform } from '../model/index.js';
import type { NormalizedPost } from './normalized.js';
import { PlatformError, type FetchFailure } from './errors.js';

/** A monitored account as an adapter sees it (no database access: the poller hands it in). */
export interface AccountState {
  id: number;
  orgId: string;
  handle: string;
  platformUserId: string | null;
}

export interface CursorState {
  value: string;
  updatedAt: string;
}
export interface CursorUpdate {
  platform: Platform;
  scope: string;
  stream: string;
  value: string;
}

/** What one fetch unit brought: posts with the cursors that cover them, and what it cost. */
export interface FetchChunk {
  posts: NormalizedPost[];
  cursors: CursorUpdate[];
  requests: number;
  postsRead: number;
  usersRead: number;
  source: string;
  adapterVersion: string;
  /** This account's fetch failed (its own problem: gone, blocked, a broken body); the others go on. */
  failed?: { accountId: number; failure: FetchFailure };
}

/** A fetch unit with nothing in it yet: the adapters fill posts, cursors and costs as they go. */
export function emptyChunk(source: string, adapterVersion: string): FetchChunk {
  return { posts: [], cursors: [], requests: 0, postsRead: 0, usersRead: 0, source, adapterVersion };
}

export interface PollInput {
  settings: Settings;
  accounts: readonly AccountState[];
  cursor(scope: string, stream: string): CursorState | undefined;
  now: Date;
  /** Post reads still allowed this cycle (monthly budget); Infinity when unmetered. */
  postsAllowed: number;
  log: Logger;
}

/**
 * How far back the thread readers look (Mastodon, Bluesky, Facebook): the answer window (at least
 * a week) plus a week, so a late answer to an old request is still found. Returns epoch ms.
 */
export function threadLookbackStart(input: PollInput): number {
  const days = Math.max(7, input.settings.config.method.answer_window_days) + 7;
  return input.now.getTime() - days * DAY_MS;
}

export interface FetchedBio {
  handle: string;
  platformUserId?: string;
  text: string;
}

/** One adapter per platform behind one interface; they return model objects and never touch the database. */
export interface PlatformAdapter {
  platform: Platform;
  /** Why this platform cannot be polled with these settings (missing credentials, disabled), or null. */
  unavailable(settings: Settings): string | null;
  /** Fetches what is new since the cursors, one chunk per completed unit (a query with all its pages). */
  poll(input: PollInput): AsyncGenerator<FetchChunk>;
  /** Profile texts of the accounts, with the requests and users it took. */
  fetchBios(input: PollInput): Promise<{ bios: FetchedBio[]; requests: number; usersRead: number }>;
}

/** A client that counts the requests it made. */
export interface CountingClient {
  requests: number;
}

/**
 * Polls account after account with one client, yielding one chunk each with the requests it took:
 * the per-account loop the fetch-based adapters share.
 */
export async function* perAccount<C extends CountingClient>(
  client: C,
  input: PollInput,
  pollOne: (client: C, input: PollInput, a: AccountState) => Promise<FetchChunk>,
): AsyncGenerator<FetchChunk> {
  let transientInARow = 0;
  for (const a of input.accounts) {
    const before = client.requests;
    let chunk: FetchChunk;
    try {
      chunk = await pollOne(client, input, a);
      transientInARow = 0;
    } catch (err) {
      const failure = accountFailure(err);
      // The token's problem (401, rate limit) or a storm of server errors is the platform's: stop here.
      if (failure.kind === 'auth' || failure.kind === 'rate-limited' || ++transientInARow >= 3) throw err;
      chunk = { ...emptyChunk('failed', ''), failed: { accountId: a.id, failure } };
    }
    chunk.requests = client.requests - before;
    yield chunk;
  }
}

/** How one account's fetch failed: a PlatformError's kind, anything else (a bug, a broken body) transient. */
function accountFailure(err: unknown): FetchFailure {
  if (err instanceof PlatformError) return err.failure;
  return { kind: 'transient', detail: err instanceof Error ? err.message : String(err) };
}

/** Looks up every account's profile with one client: the bios step the fetch-based adapters share. */
export async function biosOf<C extends CountingClient>(
  client: C,
  input: PollInput,
  lookup: (client: C, a: AccountState) => Promise<FetchedBio>,
): Promise<{ bios: FetchedBio[]; requests: number; usersRead: number }> {
  const bios: FetchedBio[] = [];
  for (const a of input.accounts) {
    try {
      bios.push(await lookup(client, a));
    } catch (err) {
      // One profile that is gone or broken costs only its bio; the token's problems stop the step.
      const failure = accountFailure(err);
      if (failure.kind === 'auth' || failure.kind === 'rate-limited') throw err;
      input.log.warn({ handle: a.handle, detail: failure.detail }, 'bio not read');
    }
  }
  return { bios, requests: client.requests, usersRead: bios.length };
}
