/** Table and CSV rendering shared by the CLI and the reports. */
import { writeCsv, type CsvOptions } from './csv.js';
import { oneLine } from './safe-text.js';

export type Row = Record<string, unknown>;
export type { CsvOptions } from './csv.js';

/** Returns a value as table or CSV text: empty for null, arrays space-separated, objects as JSON. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The text of each column of a row, in column order. */
function cells<T extends object>(r: T, columns: readonly (keyof T & string)[]): string[] {
  return columns.map((c) => cell(r[c]));
}

/**
 * Renders rows as an aligned text table (columns in the given order). Every cell and heading is one line
 * without control characters: tabs and line breaks become spaces, ESC and the rest are removed, so text
 * from posts and bios cannot move the cursor, colour or retitle the terminal.
 */
export function renderTable<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const heads = columns.map(oneLine);
  const data = rows.map((r) => cells(r, columns).map(oneLine));
  const widths = heads.map((c, i) => Math.max(c.length, ...data.map((d) => d[i]!.length)));
  // The last column is not padded, so no line ends in spaces.
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(heads), ...data.map(line)].join('\n') + '\n';
}

/**
 * Renders rows as RFC 4180 CSV with a header, through the one CSV writer (reports/csv.ts): safe for
 * spreadsheets by default, `{ raw: true }` for machines, `{ excel: true }` for Dutch Excel.
 */
export function renderCsv<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  options: CsvOptions = {},
): string {
  return writeCsv(
    columns,
    rows.map((r) => cells(r, columns)),
    options,
  );
}
