/** The parts of Bluesky (app.bsky) lexicon objects we read. */
export interface BStrongRef {
  uri: string;
  cid?: string;
}
export interface BAuthor {
  did: string;
  handle: string;
  displayName?: string;
}
export interface BRecord {
  text?: string;
  createdAt?: string;
  reply?: { root: BStrongRef; parent: BStrongRef };
  langs?: string[];
  facets?: { features?: { $type?: string; did?: string }[] }[];
}
export interface BPostView {
  uri: string;
  cid?: string;
  author: BAuthor;
  record: BRecord;
  indexedAt?: string;
  replyCount?: number;
}
export interface BThreadNode {
  $type?: string;
  post?: BPostView;
  parent?: BThreadNode;
  replies?: BThreadNode[];
  uri?: string;
  blocked?: boolean;
  notFound?: boolean;
}
export interface BFeedItem {
  post: BPostView;
  reason?: { $type?: string };
}
export interface BProfile {
  did: string;
  handle: string;
  displayName?: string;
  description?: string;
}
