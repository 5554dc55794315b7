import type { Kysely } from 'kysely';
import type { Platform } from '../model/index.js';
import { MAX_ERRORS } from './accounts.js';
import type { Database } from './schema/index.js';

// The dashboard's reads (webcare serve) that no report makes: account schedule state per
// organisation, and the texts of listed requests and their replies. Read-only.

/** How an account's polling stands: ok, errors (still polled), stopped (over the error limit), retired, never polled. */
export type PollingStatus = 'ok' | 'errors' | 'stopped' | 'retired' | 'never';

/** An account of an organisation with its polling state, as the page of the organisation shows it. */
export interface AccountStatus {
  platform: Platform;
  handle: string;
  status: PollingStatus;
  errorCount: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  nextCheckAt: string | null;
  retryAt: string | null;
  retiredAt: string | null;
}

/** Returns the accounts of an organisation (retired ones too), by platform and handle, with their polling status. */
export async function orgAccounts(db: Kysely<Database>, orgId: string): Promise<AccountStatus[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['platform', 'handle', 'error_count', 'last_error', 'last_error_at', 'last_success_at'])
    .select(['next_check_at', 'retry_at', 'retired_at'])
    .where('org_id', '=', orgId)
    .orderBy('platform')
    .orderBy('handle')
    .execute();
  return rows.map((r) => ({
    platform: r.platform,
    handle: r.handle,
    status: r.retired_at
      ? 'retired'
      : r.error_count >= MAX_ERRORS
        ? 'stopped'
        : r.error_count > 0
          ? 'errors'
          : r.last_success_at
            ? 'ok'
            : 'never',
    errorCount: r.error_count,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    lastSuccessAt: r.last_success_at,
    nextCheckAt: r.next_check_at,
    retryAt: r.retry_at,
    retiredAt: r.retired_at,
  }));
}

/** The texts of a request and of its first response and first answer (null once retention purged them). */
export interface RequestTexts {
  text: string | null;
  responseText: string | null;
  responseUrl: string | null;
  answerText: string | null;
  answerUrl: string | null;
}

/**
 * Returns the texts of an organisation's requests (by `platform|post_id`) and of their first response
 * and first answer: the page shows them while retention keeps them (METHOD.md 7).
 */
export async function requestTexts(
  db: Kysely<Database>,
  orgId: string,
  keys: readonly { platform: string; postId: string }[],
): Promise<Map<string, RequestTexts>> {
  const out = new Map<string, RequestTexts>();
  if (!keys.length) return out;
  const wanted = new Set(keys.map((k) => `${k.platform}|${k.postId}`));
  const rows = await db
    .selectFrom('requests as r')
    .leftJoin('posts as p', (j) => j.onRef('p.platform', '=', 'r.platform').onRef('p.id', '=', 'r.post_id'))
    .leftJoin('posts as rp', (j) => j.onRef('rp.platform', '=', 'r.platform').onRef('rp.id', '=', 'r.response_post_id'))
    .leftJoin('posts as ap', (j) => j.onRef('ap.platform', '=', 'r.platform').onRef('ap.id', '=', 'r.answer_post_id'))
    .select(['r.platform', 'r.post_id', 'p.text', 'rp.text as response_text', 'rp.url as response_url'])
    .select(['ap.text as answer_text', 'ap.url as answer_url'])
    .where('r.org_id', '=', orgId)
    .where(
      'r.post_id',
      'in',
      keys.map((k) => k.postId),
    )
    .execute();
  for (const r of rows) {
    const key = `${r.platform}|${r.post_id}`;
    if (!wanted.has(key)) continue;
    out.set(key, {
      text: r.text ?? null,
      responseText: r.response_text ?? null,
      responseUrl: r.response_url ?? null,
      answerText: r.answer_text ?? null,
      answerUrl: r.answer_url ?? null,
    });
  }
  return out;
}
