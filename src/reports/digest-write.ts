import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCsv, type CsvOptions } from './table.js';
import type { DigestData } from './digest-types.js';
import { renderHtml } from './digest-html.js';
import { digestJson, ORGANISATION_COLUMNS, organisationJson } from './digest-json.js';
import { renderMarkdown } from './digest-md.js';

/** The formats a digest is written in; each becomes `<week>.<format>`. */
export const DIGEST_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

/** The open-data CSV: one row per organisation with every measure (safe for spreadsheets unless `csv.raw`). */
export function renderOrganisationsCsv(d: DigestData, csv: CsvOptions = {}): string {
  const rows = d.organisations.map(organisationJson);
  // Without organisations the header has always been the lone "key" column.
  return renderCsv(rows, rows.length ? ORGANISATION_COLUMNS : ['key'], csv);
}

/**
 * Writes the digest as `<week>.<format>` files into `dir`; returns the paths written. Throws on I/O errors.
 * `csv` says how the CSV file is written (reports/csv.ts).
 */
export function writeDigest(
  d: DigestData,
  dir: string,
  formats: readonly DigestFormat[],
  csv: CsvOptions = {},
): string[] {
  return writeFormats(dir, d.week.label, formats, {
    md: () => renderMarkdown(d),
    html: () => renderHtml(d),
    json: () => JSON.stringify(digestJson(d), null, 2) + '\n',
    csv: () => renderOrganisationsCsv(d, csv),
  });
}

/** Writes `<label>.<format>` into `dir` for each format, rendered by its function; returns the paths. */
export function writeFormats(
  dir: string,
  label: string,
  formats: readonly DigestFormat[],
  render: Record<DigestFormat, () => string>,
): string[] {
  mkdirSync(dir, { recursive: true });
  return formats.map((f) => {
    const file = join(dir, `${label}.${f}`);
    writeFileSync(file, render[f]());
    return file;
  });
}
