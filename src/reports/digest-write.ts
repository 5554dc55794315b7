import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCsv } from './table.js';
import type { DigestData } from './digest-data.js';
import { renderHtml } from './digest-html.js';
import { renderMarkdown } from './digest-md.js';

export const DIGEST_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

/** Writes the digest as `<week>.<format>` files into `dir`; returns the paths written. */
export function writeDigest(d: DigestData, dir: string, formats: readonly DigestFormat[]): string[] {
  mkdirSync(dir, { recursive: true });
  return formats.map((f) => {
    const file = join(dir, `${d.week.label}.${f}`);
    const body =
      f === 'md' ? renderMarkdown(d)
      : f === 'html' ? renderHtml(d)
      : f === 'json' ? JSON.stringify(d, null, 2) + '\n'
      : renderCsv(d.organisations, Object.keys(d.organisations[0] ?? { key: '' }));
    writeFileSync(file, body);
    return file;
  });
}
