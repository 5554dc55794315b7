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
}
