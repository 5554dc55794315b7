import type SQLite from 'better-sqlite3';
import { COUNT_COLUMNS, parsed, rowOf, VALUES, type CountRow, type TimesFilters } from './count-sql.js';
import { statement } from './db.js';
import { snake, type KeptWeek } from './request-weeks.js';

// Reading kept weeks and parts (migrations 0010, 0011 and 0016, #16): what storage/request-counts.ts
// adds up instead of counting their requests. Writing and keeping them: storage/request-weeks.ts.

/** The whole kept weeks whose counts hold at T for this answer window, in order. */
export function keptWeeks(sqlite: SQLite.Database, T: number, windowMs: number): KeptWeek[] {
  return (
    statement(
      sqlite,
      'select start_ms, end_ms from request_week_sets where cut_ms is null and settled_ms <= ? and window_ms = ? order by start_ms',
    )
      .raw()
      .all(T, windowMs) as [number, number][]
  ).map(([startMs, endMs]) => ({ startMs, endMs }));
}

const MAXED = new Set<string>(['finalAt', 'outcomesFinalAt']);

/**
 * The statement adding up the kept rows in [:a, :b) per organisation (of whole weeks, or of parts),
 * its columns in the order of count-sql.ts COUNT_COLUMNS; `values` false: the distributions left
 * out (null). SQLite's group_concat joins blobs byte for byte (the comparisons with the reference in
 * test/reports would fail on a single changed value).
 */
function keptCountsSql(where: string, part: boolean, values = true): string {
  const select = COUNT_COLUMNS.map((c) =>
    c === 'orgId'
      ? 'w.org_id'
      : c === 'keyMin'
        ? 'min(w.key_min)'
        : c === 'keyMax'
          ? 'max(w.key_max)'
          : c === 'keyless' || c === 'unlike' || (VALUES.has(c) && !values)
            ? 'null'
            : VALUES.has(c)
              ? // The blobs of the organisation's weeks end to end: one array of its values.
                `cast(group_concat(w.${c}, '') as blob)`
              : MAXED.has(c)
                ? `max(w.${snake(c)})`
                : `sum(w.${snake(c)})`,
  );
  return `select ${select.join(', ')} ${keptFrom(where, part)} group by w.org_id`;
}

const keptFrom = (where: string, part: boolean) => `from request_weeks w
    join request_week_sets s on s.start_ms = w.start_ms
    where ${part ? 's.cut_ms <= :t and s.until_ms >= :t' : 's.cut_ms is null and s.settled_ms <= :t'} and s.window_ms = :window
      and w.start_ms >= :a and w.end_ms <= :b${where}`;

// The distributions of every organisation of the selection end to end, in one row.
const keptValuesSql = (where: string, part: boolean) =>
  `select ${[...VALUES].map((c) => `cast(group_concat(w.${c}, '') as blob)`).join(', ')} ${keptFrom(where, part)}`;

/**
 * The rows a selection reads: an organisation's own rows (platform and kind '') when it filters on
 * neither, else the rows per platform and kind that match.
 */
function keptSelection(f: Pick<TimesFilters, 'org' | 'platform' | 'kind'>): { where: string; args: string[] } {
  let where = f.platform || f.kind ? " and w.platform <> ''" : " and w.platform = '' and w.kind = ''";
  const args: string[] = [];
  for (const [column, value] of [
    ['org_id', f.org],
    ['platform', f.platform],
    ['kind', f.kind],
  ] as const) {
    if (!value) continue; // as timesSelection: an empty filter filters nothing
    where += ` and w.${column} = ?`;
    args.push(value);
  }
  return { where, args };
}

/**
 * The kept weeks inside [a, b) that hold at T (or their parts, `part`), added up per organisation,
 * as count rows of the group with their values: a part's censored created instants become ages at
 * T. `values` 'joined': every organisation's values on the first row, none on the others (a caller
 * that only joins them, as the national figures: one read of the blobs instead of one per
 * organisation). The caller reads them and the rest in one transaction.
 */
export function keptRows(
  sqlite: SQLite.Database,
  f: Pick<TimesFilters, 'org' | 'platform' | 'kind'>,
  span: { t: number; window: number; a: number; b: number },
  group: string | number,
  part = false,
  values: 'per-org' | 'joined' = 'per-org',
): CountRow[] {
  const { where, args } = keptSelection(f);
  const perOrg = values === 'per-org';
  const rows: CountRow[] = [];
  for (const r of statement(sqlite, keptCountsSql(where, part, perOrg))
    .raw()
    .all(...args, span) as unknown[][])
    rows.push(rowOf(r, group)); // keyless and unlike: null in the select, 0 in the row
  if (!perOrg && rows.length) {
    const joined = statement(sqlite, keptValuesSql(where, part))
      .raw()
      .get(...args, span) as unknown[];
    const first = rows[0]!;
    [...VALUES].forEach((c, i) => ((first[c] as Float64Array) = parsed(joined[i])));
  }
  for (const row of rows) if (row.censored.length) row.censored = row.censored.map((created) => span.t - created);
  return rows;
}
