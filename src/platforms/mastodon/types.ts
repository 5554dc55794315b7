/** The parts of Mastodon API entities we read (docs.joinmastodon.org; snake_case as on the wire). Ids are strings. */
export interface MAccount {
  id: string;
  username: string;
  acct: string;
  url?: string;
  display_name?: string;
  note?: string;
  fields?: { name: string; value: string }[];
  last_status_at?: string | null;
}
export interface MMention {
  id: string;
  username: string;
  acct: string;
  url?: string;
}
export interface MStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  content: string;
  language?: string | null;
  visibility?: string;
  account: MAccount;
  mentions?: MMention[];
  reblog?: MStatus | null;
  replies_count?: number;
}
export interface MContext {
  ancestors: MStatus[];
  descendants: MStatus[];
}
export interface MNotification {
  id: string;
  type: string;
  created_at: string;
  status?: MStatus;
}
