// Properties of the writers (fast-check): whatever text comes in from posts, bios and names,
// - a safe CSV has no cell that starts with a formula character (but plain numbers and the lone "-"),
// - a table or Markdown has no control character (line feeds between lines aside),
// - the HTML has no <a href= that is not http(s), no raw tag from the text and no control character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/cli/format.js';
import { FORMULA_START, isPlainNumber, neutraliseCell, writeCsv, type CsvOptions } from '../../src/reports/csv.js';
import { renderHtml } from '../../src/reports/digest-html.js';
import { renderMarkdown } from '../../src/reports/digest-md.js';
import { renderTable } from '../../src/reports/table.js';
import { digestWith } from './digest-fixture.js';

// Tables and Markdown: no control character but the line feed between lines.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
// HTML: tab and line feed are whitespace there; no other control character.
// eslint-disable-next-line no-control-regex
const HTML_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Pieces that matter to the writers, to be strung together: formula starts, separators, escapes, markup. */
const PIECES = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\uFF1D',
  '\uFF0D',
  '"',
  "'",
  ',',
  ';',
  '|',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '!',
  '`',
  '\u001b',
  '\u001b[2J',
  '\u001b]0;t\u0007',
  '\u009b',
  '\u0085',
  '\u007f',
  '\u0000',
  '1',
  '-28.6',
  '0.5',
  'e',
  ' ',
  'a',
  'javascript:',
  'JavaScript:',
  'data:',
  'https://',
  'http:',
  '//',
  'x.com/i/status/1',
  '<script>',
  '<a href="',
  '<img src=x onerror=alert(1)>',
  '](',
  '![',
  'HYPERLINK(',
];
/** Arbitrary text: any code points, or a string of the pieces above. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
);
const runs = { numRuns: 400 };

/** An RFC 4180 reader (the test's own, to check what a spreadsheet would see in each cell). */
function readCsv(csv: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < csv.length) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
    i++;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('CSV (safe, the default, and Dutch Excel)', () => {
  it.each<[string, CsvOptions, string]>([
    ['default', {}, ','],
    ['excel', { excel: true }, ';'],
  ])('%s: no cell starts with a formula character, unless it is a plain number; the rest reads back', (_n, o, sep) => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const csv = writeCsv(['a', 'b'], rows, o);
        const records = readCsv(csv.replace(/^\uFEFF/, ''), sep);
        expect(records).toHaveLength(rows.length + 1);
        records.slice(1).forEach((r, i) => {
          expect(r).toHaveLength(2);
          r.forEach((cell, j) => {
            if (FORMULA_START.test(cell)) expect(isPlainNumber(cell.replace(',', '.')) || cell === '-').toBe(true);
            const want = neutraliseCell(rows[i]![j]!);
            expect(cell).toBe(o.excel && isPlainNumber(want) ? want.replace('.', ',') : want);
          });
        });
      }),
      runs,
    );
  });

  it('raw: every value reads back exactly as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        // A lone \r is not a line break to this reader; the writer quotes it, so it reads back too.
        const records = readCsv(writeCsv(['a', 'b'], rows, { raw: true }), ',');
        expect(records.slice(1)).toEqual(rows);
      }),
      runs,
    );
  });
});

describe('tables and Markdown', () => {
  it('a table has no control characters and one line per row, whatever its cells and column names', () => {
    fc.assert(
      fc.property(text, text, fc.array(fc.tuple(text, text), { maxLength: 4 }), (c1, c2, cells) => {
        const cols = c1 === c2 ? [c1] : [c1, c2];
        const rows = cells.map(([a, b]) => ({ [c1]: a, [c2]: b }));
        for (const out of [renderTable(rows, cols), render('table', rows, cols)]) {
          expect(out.replace(/\n/g, '')).not.toMatch(CONTROL);
          expect(out.split('\n')).toHaveLength(rows.length + 2);
        }
      }),
      runs,
    );
  });

  it('the Markdown digest has no control characters, no HTML tag and no link but to http(s)', () => {
    fc.assert(
      fc.property(text, text, text, text, text, (label, org, handle, bio, url) => {
        const md = renderMarkdown(digestWith({ label, org, handle, bio, url }));
        expect(md.replace(/\n/g, '')).not.toMatch(CONTROL);
        expect(md).not.toMatch(/<[a-z!/?]/i);
        // Escaped characters (\x) removed, what is left of "](" opens a link destination.
        const links = [...md.replace(/\\./g, '').matchAll(/\]\(/g)].length;
        const httpLinks = [...md.matchAll(/\[post\]\(https?:\/\/[^\s()|<>]*\)/g)].length;
        expect(links).toBe(httpLinks);
      }),
      runs,
    );
  });
});

describe('HTML', () => {
  it('no <a href= that is not http(s), no tag from the text, no control characters', () => {
    fc.assert(
      fc.property(text, text, text, text, text, (label, org, handle, bio, url) => {
        const html = renderHtml(digestWith({ label, org, handle, bio, url }));
        const anchors = [...html.matchAll(/<a\b[^>]*>/gi)].map((m) => m[0]);
        for (const a of anchors) expect(a).toMatch(/^<a href="https?:\/\/[^"\s<>]*">$/);
        expect(html).not.toMatch(/<(script|img|iframe|object|embed|link|base|form|meta http-equiv="refresh")\b/i);
        // Text is escaped, so every tag is the page's own: none carries an event handler.
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
        expect(html).not.toMatch(HTML_CONTROL);
      }),
      runs,
    );
  });
});
