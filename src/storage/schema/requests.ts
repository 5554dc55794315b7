import type { Outcome, Platform, RequestKind, ResponseKind } from '../../model/index.js';

/** requests: citizen posts that need an answer, one row per (post, organisation) (METHOD.md 2), with their response and outcome (3). */
export interface RequestsTable {
  platform: Platform;
  post_id: string;
  org_id: string;
  account_id: number | null;
  author_id: string;
  kind: Exclude<RequestKind, 'other'>;
  score: number;
  reasons: string; // JSON array
  lang: string | null;
  created_at: string;
  response_post_id: string | null;
  response_at: string | null;
  response_kind: ResponseKind | null;
  /** The first response that answers (METHOD.md 3: the answer time), null when none did. */
  answer_post_id: string | null;
  answer_at: string | null;
  /** The first response that only redirects (the outcome at an earlier instant needs it). */
  redirect_at: string | null;
  /** Another organisation answered in the thread (METHOD.md 2: never a community answer). */
  other_org_post_id: string | null;
  other_org_at: string | null;
  outcome: Outcome;
  community_post_id: string | null;
  community_at: string | null;
  updated_at: string;
  // Derived (#16, migration 0008): the instants as epoch ms and the instant-free times of
  // analysis/request-times.ts, with the key of the parameters and hours they were computed with.
  // Null until computed; readers then compute them (the slow path).
  created_ms: number | null;
  response_ms: number | null;
  answer_ms: number | null;
  redirect_ms: number | null;
  community_ms: number | null;
  other_org_ms: number | null;
  horizon_end_ms: number | null;
  window_end_ms: number | null;
  norm_reach_ms: number | null;
  response_business_ms: number | null;
  response_in_hours: 0 | 1 | null;
  answer_in_norm: 0 | 1 | null;
  times_key: number | null;
}
