/** The parts of Graph API objects we read. Under Page Public Content Access, comment `id` and `from` may be missing. */
export interface FbFrom {
  id: string;
  name?: string;
}
export interface FbPost {
  id: string;
  message?: string;
  created_time: string;
  from?: FbFrom;
  permalink_url?: string;
}
export interface FbComment {
  id?: string;
  message?: string;
  created_time: string;
  from?: FbFrom;
  parent?: { id: string };
  permalink_url?: string;
  comment_count?: number;
}
export interface FbPage<T> {
  data: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}
export interface FbPageInfo {
  id: string;
  username?: string;
  name?: string;
  about?: string;
  description?: string;
  website?: string;
  emails?: string[];
  phone?: string;
}
export interface FbError {
  error: { message?: string; type?: string; code?: number; error_subcode?: number; fbtrace_id?: string };
}
