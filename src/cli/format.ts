import { Option, type Command } from 'commander';
import { renderCsv, renderTable, type CsvOptions, type Row } from '../reports/table.js';

export type Format = 'table' | 'json' | 'csv';

export { renderCsv, renderTable, type CsvOptions, type Row };

/** Adds --csv-excel and --raw-csv to a command that writes CSV (see csvOptionsOf). */
export function withCsvFlags<C extends Command>(cmd: C): C {
  cmd
    .option('--csv-excel', "CSV for Dutch Excel: UTF-8 BOM, ';' between fields, decimal commas")
    .option('--raw-csv', 'CSV values exactly as stored (no spreadsheet-formula guard), for machines');
  return cmd;
}

/** The --format option every query command has. */
export function formatOption(dflt: Format = 'table'): Option {
  return new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default(dflt);
}

/**
 * The CSV options from a command's parsed flags: `csvExcel` (--csv-excel: BOM, ';', decimal commas for
 * Dutch Excel) and `rawCsv` (--raw-csv: the values as stored, for machines). Neither: safe CSV.
 */
export function csvOptionsOf(opts: { csvExcel?: boolean; rawCsv?: boolean }): CsvOptions {
  return { ...(opts.csvExcel ? { excel: true } : {}), ...(opts.rawCsv ? { raw: true } : {}) };
}

/**
 * Renders rows in the chosen format, columns checked against the row type; json is one JSON document.
 * `csv` says how CSV is written (safe for spreadsheets by default; see reports/csv.ts).
 */
export function render<T extends object>(
  format: Format,
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  json: unknown = rows,
  csv: CsvOptions = {},
): string {
  if (format === 'json') return JSON.stringify(json, null, 2) + '\n';
  if (format === 'csv') return renderCsv(rows, columns, csv);
  return renderTable(rows, columns);
}
