import type { Post } from '../model/index.js';

/** A normalized post with the payload it came from (kept raw, with provenance, in posts.raw). */
export interface NormalizedPost {
  post: Post;
  raw: unknown;
}

/** Strips HTML (Mastodon content, notes and profile fields) to text: line breaks kept, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/[ \t]+/g, ' ')
    .trim();
}
