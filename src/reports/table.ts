/** Table and CSV rendering shared by the CLI and the reports. */
export type Row = Record<string, unknown>;

export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Renders rows as an aligned text table (columns in the given order). */
export function renderTable(rows: readonly Row[], columns: readonly string[]): string {
  const data = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...data.map((d) => d[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line([...columns]), ...data.map(line)].join('\n') + '\n';
}

/** Renders rows as RFC 4180 CSV with a header. */
export function renderCsv(rows: readonly Row[], columns: readonly string[]): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => esc(cell(r[c]))).join(','))].join('\n') + '\n';
}

