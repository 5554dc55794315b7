import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Settings } from '../config/load.js';
import type { Database } from '../storage/schema/index.js';
import { writeFormats, type DigestFormat } from './digest-write.js';
import { pct, r4 } from './fmt.js';
import { loadMeasured, type MeasuredRequest } from './load.js';
import { reportMeta, type ReportMeta } from './meta.js';
import type { Period } from './period.js';
import { CSP_META, mdCell, pageText } from './safe-text.js';
import { esc } from './svg.js';
import { renderCsv, type CsvOptions } from './table.js';

/** One organisation's 30-day outcomes of the requests of a month (METHOD.md 3: the benchmark's figures). */
export interface MonthlyRow {
  key: string;
  label: string;
  requests: number;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
  /** "Niet, niet inhoudelijk of niet binnen een maand": redirected + acknowledged + unanswered over decided requests. */
  not_answered_share: number | null;
}

/** The monthly digest: final once the answer window has passed for the month's last request. */
export interface Monthly {
  meta: ReportMeta & { outcomes_final: boolean; outcomes_final_at: string };
  month: { label: string; from: string; to: string };
  national: MonthlyRow;
  organisations: MonthlyRow[];
}

const COLUMNS = [
  'key',
  'label',
  'requests',
  'answered',
  'redirected',
  'acknowledged',
  'unanswered',
  'pending',
  'not_answered_share',
] as const satisfies readonly (keyof MonthlyRow)[];

function row(key: string, label: string, reqs: readonly MeasuredRequest[]): MonthlyRow {
  const n = (o: MeasuredRequest['outcome']) => reqs.filter((r) => r.outcome === o).length;
  const r: MonthlyRow = {
    key,
    label,
    requests: reqs.length,
    answered: n('answered'),
    redirected: n('redirected'),
    acknowledged: n('acknowledged'),
    unanswered: n('unanswered'),
    pending: n('pending'),
    not_answered_share: null,
  };
  const decided = r.requests - r.pending;
  r.not_answered_share = decided ? r4((r.redirected + r.acknowledged + r.unanswered) / decided) : null;
  return r;
}

/** The 30-day outcome counts of the requests created in `month`, as they stood at `asOf`. */
export async function buildMonthly(
  db: Kysely<Database>,
  settings: Settings,
  month: Period,
  asOf: Date,
): Promise<Monthly> {
  const reqs = await loadMeasured(db, settings, { since: month.from, until: month.to }, asOf);
  const zone = settings.config.timezone;
  const days = settings.config.method.answer_window_days;
  const finalAt = DateTime.fromJSDate(month.to, { zone }).plus({ days }).toJSDate();
  const byOrg = new Map<string, MeasuredRequest[]>();
  for (const r of reqs) (byOrg.get(r.orgId) ?? byOrg.set(r.orgId, []).get(r.orgId)!).push(r);
  const organisations = settings.organisations
    .map((o) => row(o.id, o.name, byOrg.get(o.id) ?? []))
    .concat(
      [...byOrg]
        .filter(([id]) => !settings.organisations.some((o) => o.id === id))
        .map(([id, list]) => row(id, list[0]!.orgName, list)),
    )
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  return {
    meta: {
      ...reportMeta(settings, asOf, []),
      outcomes_final: asOf.getTime() >= finalAt.getTime(),
      outcomes_final_at: finalAt.toISOString(),
    },
    month: { label: month.label, from: month.from.toISOString(), to: month.to.toISOString() },
    national: row('all', 'all', reqs),
    organisations,
  };
}

function markdown(m: Monthly): string {
  const p = m.meta.params;
  const state = m.meta.outcomes_final ? 'final' : `**PROVISIONAL**: final from ${m.meta.outcomes_final_at}`;
  const line = (r: MonthlyRow) =>
    `| ${mdCell(r.label)} | ${r.requests} | ${r.answered} | ${r.redirected} | ${r.acknowledged} | ${r.unanswered} | ${r.pending} | ${pct(r.not_answered_share)} |`;
  // Names are cells (mdCell); the rest is ours, but no control character gets through either way.
  return pageText(
    [
      `# Webcare monthly digest ${m.month.label}`,
      '',
      `Outcomes of the month's requests after the ${p.answer_window_days}-day answer window (method ${m.meta.method}), ` +
        `as of ${m.meta.as_of}: ${state}. "Not answered" = no, no real or no timely answer (redirected, only acknowledged, unanswered).`,
      '',
      '| organisation | requests | answered | redirected | acknowledged | unanswered | pending | not answered |',
      '|---|---|---|---|---|---|---|---|',
      line(m.national),
      ...m.organisations.filter((r) => r.requests > 0).map(line),
      '',
    ].join('\n'),
  );
}

function html(m: Monthly): string {
  const cells = (r: MonthlyRow) =>
    COLUMNS.slice(1)
      .map((c) => `<td>${esc(String(r[c] ?? '-'))}</td>`)
      .join('');
  const rows = [m.national, ...m.organisations.filter((r) => r.requests > 0)].map((r) => `<tr>${cells(r)}</tr>`);
  return (
    `<!doctype html><html lang="en"><meta charset="utf-8">${CSP_META}<title>Webcare monthly digest ${esc(m.month.label)}</title>` +
    `<h1>Webcare monthly digest ${esc(m.month.label)}</h1><p>${esc(markdown(m).split('\n')[2]!)}</p>` +
    `<table><thead><tr>${COLUMNS.slice(1)
      .map((c) => `<th>${c}</th>`)
      .join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></html>\n`
  );
}

/**
 * Writes the monthly digest as `<month>.<format>` files into `dir`; returns the paths written. `csv` says how
 * the CSV file is written (reports/csv.ts).
 */
export function writeMonthly(
  m: Monthly,
  dir: string,
  formats: readonly DigestFormat[],
  csv: CsvOptions = {},
): string[] {
  return writeFormats(dir, m.month.label, formats, {
    md: () => markdown(m),
    html: () => html(m),
    json: () => JSON.stringify(m, null, 2) + '\n',
    csv: () => renderCsv(m.organisations, COLUMNS, csv),
  });
}
