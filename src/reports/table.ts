/** Table and CSV rendering shared by the CLI and the reports. */
export type Row = Record<string, unknown>;

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

/** Renders rows as an aligned text table (columns in the given order). */
export function renderTable<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const data = rows.map((r) => cells(r, columns));
  const widths = columns.map((c, i) => Math.max(c.length, ...data.map((d) => d[i]!.length)));
  // The last column is not padded, so no line ends in spaces.
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line([...columns]), ...data.map(line)].join('\n') + '\n';
}

/** Renders rows as RFC 4180 CSV with a header. */
export function renderCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [columns.join(','), ...rows.map((r) => cells(r, columns).map(esc).join(','))].join('\n') + '\n';
}
