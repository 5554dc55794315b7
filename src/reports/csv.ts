/**
 * The one CSV writer of every CSV output (the CLI's --format csv, export, sql, the digest and monthly CSV),
 * built on csv-stringify. By default it is safe to open in a spreadsheet (OWASP "CSV injection"): a cell that
 * starts with =, +, -, @, tab or carriage return (or their full-width forms) gets a leading ', except plain
 * numbers such as -28.6 and the lone "-" that stands for "no value"; control characters other than tab and
 * line breaks are removed; cells holding any separator (, ; tab) are quoted, so a spreadsheet that splits on
 * another separator than the file's keeps them whole. `raw` writes the values as they are, for machines.
 */
import { stringify } from 'csv-stringify/sync';
import { stripControls } from './safe-text.js';

/** How a CSV is written; every field is optional, the default is safe comma-separated UTF-8 without BOM. */
export interface CsvOptions {
  /** For machines: no ' before formula-like cells, no removal of control characters, no extra quoting. */
  raw?: boolean;
  /** Dutch Excel: a UTF-8 byte order mark, ';' between fields and decimal commas in plain numbers. */
  excel?: boolean;
  /** The field separator (default ',', with `excel` ';'). */
  delimiter?: string;
  /** Start with a UTF-8 byte order mark (default: with `excel`). */
  bom?: boolean;
  /** Write plain numbers with a decimal comma, 28,6 (default: with `excel`). */
  decimalComma?: boolean;
}

/** The options for a CSV that Dutch Excel opens by double-click: BOM, ';' and decimal commas. */
export const EXCEL_NL_CSV: Readonly<CsvOptions> = Object.freeze({ excel: true });
/** The options for a CSV read by programs: the values exactly as stored. */
export const RAW_CSV: Readonly<CsvOptions> = Object.freeze({ raw: true });

/** A cell that a spreadsheet would read as a formula starts with one of these. */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Any separator in a cell, but the decimal comma of a number written for Excel.
const SEPARATORS = /^(?![+-]?\d*,\d+(?:[eE][+-]?\d+)?$)[^]*[,;\t]/;
const BOM = '\uFEFF';

/** Whether a cell is a plain decimal number ("12", "-28.6", "+3", "1e+21"): a spreadsheet reads it as a number. */
export function isPlainNumber(s: string): boolean {
  return PLAIN_NUMBER.test(s);
}

/** A cell made safe for a spreadsheet: control characters removed, ' before a formula-like start. */
export function neutraliseCell(s: string): string {
  const t = stripControls(s);
  if (t === '-' || isPlainNumber(t) || !FORMULA_START.test(t)) return t;
  return `'${t}`;
}

/** The options with the `excel` shorthand resolved. */
export function resolveCsvOptions(o: CsvOptions = {}): Required<CsvOptions> {
  const excel = o.excel ?? false;
  return {
    raw: o.raw ?? false,
    excel,
    delimiter: o.delimiter ?? (excel ? ';' : ','),
    bom: o.bom ?? excel,
    decimalComma: o.decimalComma ?? excel,
  };
}

/** Writes a header and rows of cell texts as CSV: RFC 4180 quoting, '\n' after every record. */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: CsvOptions = {},
): string {
  const o = resolveCsvOptions(options);
  const prepare = (v: string) => {
    const t = o.raw ? v : neutraliseCell(v);
    return o.decimalComma && isPlainNumber(t) ? t.replace('.', ',') : t;
  };
  const records = [header, ...rows].map((r) => r.map(prepare));
  const body = stringify(records, {
    delimiter: o.delimiter,
    record_delimiter: '\n',
    // A cell with \r or \n is quoted (csv-stringify leaves this off once record_delimiter is set).
    quote_record_delimiter: true,
    ...(o.raw ? {} : { quoted_match: SEPARATORS }),
  });
  return (o.bom ? BOM : '') + body;
}
