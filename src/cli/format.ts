import { Option } from 'commander';
import { renderCsv, renderTable, type Row } from '../reports/table.js';

export type Format = 'table' | 'json' | 'csv';

export { renderCsv, renderTable, type Row };

/** The --format option every query command has. */
export function formatOption(dflt: Format = 'table'): Option {
  return new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default(dflt);
}

/** Renders rows in the chosen format, columns checked against the row type; json is one JSON document. */
export function render<T extends object>(
  format: Format,
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  json: unknown = rows,
): string {
  if (format === 'json') return JSON.stringify(json, null, 2) + '\n';
  if (format === 'csv') return renderCsv(rows, columns);
  return renderTable(rows, columns);
}
