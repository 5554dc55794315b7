/** requests: citizen posts that need an answer (METHOD.md 2) with their response and outcome (3). */
export interface RequestsTable {
  platform: string;
  post_id: string;
  org_id: string;
  account_id: number | null;
  author_id: string;
  kind: string; // question | report
  score: number;
  reasons: string; // JSON array
  lang: string | null;
  created_at: string;
  response_post_id: string | null;
  response_at: string | null;
  response_kind: string | null; // answer | redirect | acknowledge
  outcome: string;
  community_post_id: string | null;
  community_at: string | null;
  updated_at: string;
}
