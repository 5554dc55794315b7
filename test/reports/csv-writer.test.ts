// The one CSV writer (reports/csv.ts) and its modes: safe (default), raw for machines, Dutch Excel.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvOptionsOf, render } from '../../src/cli/format.js';
import {
  EXCEL_NL_CSV,
  isPlainNumber,
  neutraliseCell,
  RAW_CSV,
  resolveCsvOptions,
  writeCsv,
} from '../../src/reports/csv.js';
import { renderOrganisationsCsv, writeDigest } from '../../src/reports/digest-write.js';
import { renderCsv } from '../../src/reports/table.js';
import { tempDir } from '../helpers/cli.js';
import { digestWith } from './digest-fixture.js';

const rows = [
  { name: '=1+1', share: -28.6, note: 'a;b' },
  { name: 'Zwolle', share: 0.7143, note: '\u001b[31m' },
];
const columns = ['name', 'share', 'note'] as const;

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\uFF1D1', "'\uFF1D1"],
    ['\u0000=1', "'=1"],
    ['-Infinity', "'-Infinity"],
    ['-28.6', '-28.6'],
    ['+3', '+3'],
    ['-', '-'],
    ['1e+21', '1e+21'],
    ['.5', '.5'],
    ['', ''],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['x\u001b[2Jy', 'x[2Jy'],
  ])('%j -> %j', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
  });

  it('knows plain numbers', () => {
    expect(['0', '12', '-28.6', '+3', '0.7143', '1e-7', '-.5'].every(isPlainNumber)).toBe(true);
    expect(['', '-', '1,5', '1.2.3', '0x10', 'NaN', '-1+1', '1 ', '١٢'].some(isPlainNumber)).toBe(false);
  });
});

describe('the modes', () => {
  it('default: safe, comma, no BOM', () => {
    expect(renderCsv(rows, columns)).toBe('name,share,note\n\'=1+1,-28.6,"a;b"\nZwolle,0.7143,[31m\n');
  });

  it('raw: the values as they are (no quote before formulas, control characters kept, no extra quoting)', () => {
    expect(renderCsv(rows, columns, RAW_CSV)).toBe('name,share,note\n=1+1,-28.6,a;b\nZwolle,0.7143,\u001b[31m\n');
    expect(renderCsv(rows, columns, { raw: true })).toBe(renderCsv(rows, columns, RAW_CSV));
  });

  it('excel: BOM, semicolons and decimal commas; text with a comma or semicolon quoted', () => {
    const csv = renderCsv([...rows, { name: 'Bergen, NH', share: 2, note: '' }], columns, EXCEL_NL_CSV);
    expect(csv).toBe('\uFEFFname;share;note\n\'=1+1;-28,6;"a;b"\nZwolle;0,7143;[31m\n"Bergen, NH";2;\n');
  });

  it('excel and raw together: the values as they are, written for Excel', () => {
    expect(renderCsv(rows, columns, { excel: true, raw: true })).toBe(
      '\uFEFFname;share;note\n=1+1;-28,6;"a;b"\nZwolle;0,7143;\u001b[31m\n',
    );
  });

  it('each part of excel can be set alone', () => {
    expect(resolveCsvOptions({ excel: true, decimalComma: false })).toEqual({
      raw: false,
      excel: true,
      delimiter: ';',
      bom: true,
      decimalComma: false,
    });
    expect(writeCsv(['a', 'b'], [['1.5', 'x']], { bom: true })).toBe('\uFEFFa,b\n1.5,x\n');
    expect(writeCsv(['a', 'b'], [['1.5', 'x']], { delimiter: '\t' })).toBe('a\tb\n1.5\tx\n');
    // A decimal comma in a comma-separated file is quoted.
    expect(writeCsv(['a', 'b'], [['1.5', 'x']], { decimalComma: true })).toBe('a,b\n"1,5",x\n');
  });

  it('the CLI flags map to the options: --csv-excel -> excel, --raw-csv -> raw', () => {
    expect(csvOptionsOf({})).toEqual({});
    expect(csvOptionsOf({ csvExcel: true })).toEqual({ excel: true });
    expect(csvOptionsOf({ rawCsv: true, csvExcel: false })).toEqual({ raw: true });
    expect(render('csv', rows, columns, rows, csvOptionsOf({ csvExcel: true }))).toBe(
      renderCsv(rows, columns, EXCEL_NL_CSV),
    );
    // Table and JSON do not change with CSV options.
    expect(render('table', rows, columns, rows, { raw: true })).toBe(render('table', rows, columns));
  });

  it('the digest CSV file takes the options', () => {
    const d = digestWith({ label: '=cmd' });
    expect(renderOrganisationsCsv(d, RAW_CSV).split('\n')[1]).toContain(',=cmd,');
    const tmp = tempDir();
    try {
      const [file] = writeDigest(d, tmp.dir, ['csv'], EXCEL_NL_CSV);
      const text = readFileSync(file!, 'utf8');
      expect(text.startsWith('\uFEFFkey;label;requests;')).toBe(true);
      expect(text).toContain(";'=cmd;");
    } finally {
      tmp.cleanup();
    }
  });
});
