/** The parts of X API v2 payloads we read (docs.x.com; shapes as in twarc2 output). Ids are strings. */
export interface XReference {
  type: 'replied_to' | 'quoted' | 'retweeted';
  id: string;
}
export interface XTweet {
  id: string;
  text: string;
  author_id?: string;
  conversation_id?: string;
  created_at?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: XReference[];
  entities?: { mentions?: { username: string; id?: string }[]; urls?: { expanded_url?: string }[] };
  lang?: string;
}
export interface XUser {
  id: string;
  username: string;
  name?: string;
  description?: string;
  url?: string;
  entities?: { url?: { urls?: { expanded_url?: string }[] } };
}
export interface XPage {
  data?: XTweet[] | XTweet;
  includes?: { users?: XUser[]; tweets?: XTweet[] };
  errors?: { resource_id?: string; resource_type?: string; title?: string; detail?: string; type?: string }[];
  meta?: { newest_id?: string; oldest_id?: string; result_count?: number; next_token?: string };
}
