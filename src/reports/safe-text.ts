/**
 * Text from posts, bios and organisation names made safe for the outputs that show it (issue #19,
 * "safe outputs"): no control characters in terminal tables, Markdown or HTML, links only to http(s).
 */

/**
 * The Content-Security-Policy of the HTML digests: nothing may load or run (no scripts, images, fonts, frames,
 * fetches, forms or <base>); only inline <style> applies. The charts are inline SVG and need nothing more.
 * (frame-ancestors and sandbox are not allowed in a <meta> policy; a browser would log an error for them.)
 */
export const DIGEST_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
/** The policy as a <meta> element, to be the first thing in <head> after the charset, before what it governs. */
export const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${DIGEST_CSP}">`;

// C0 but tab, line feed and carriage return; DEL; C1 (U+0080-U+009F). ESC (U+001B) is among them.
// Also the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a post
// could use them to show its text, or a name next to it, in another order than it is stored.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]/g;

/** Removes C0 control characters (keeping tab, line feed and carriage return), DEL, C1 controls and bidi overrides. */
export function stripControls(s: string): string {
  return s.replace(CONTROLS, '');
}

/** Text for an HTML or Markdown page: control characters removed but tab and line feed; CR LF and CR become LF. */
export function pageText(s: string): string {
  return stripControls(s).replace(/\r\n?/g, '\n');
}

/** One line of plain text: tabs and line breaks become spaces, every other control character is removed. */
export function oneLine(s: string): string {
  return stripControls(s).replace(BREAKS, ' ');
}

/**
 * The URL as an absolute http(s) address (normalized by the WHATWG parser, so what is checked is what a
 * browser would follow), or null for anything else: javascript:, data:, relative or unparsable URLs.
 */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}

/**
 * Text for one Markdown table cell: one line, no control characters, and inert: `<` and `>` as entities (many
 * renderers pass raw HTML through), `[`, `]` and the backslash escaped (no links or images), `|` escaped
 * (it would end the cell).
 */
export function mdCell(s: string): string {
  return oneLine(s)
    .replace(/[\\[\]|]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A Markdown link to an http(s) URL, or `fallback` as text when the URL is not one. */
export function mdLink(text: string, url: string | null | undefined, fallback = '-'): string {
  const href = httpUrl(url);
  if (!href) return fallback;
  // The parser has percent-encoded spaces, quotes and angle brackets; parentheses, the backslash and the
  // pipe would end the link or the cell, or escape what follows.
  const dest = href.replace(/[()|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${mdCell(text)}](${dest})`;
}
