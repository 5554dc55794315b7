import { PLATFORMS } from '../../model/index.js';
import type { ReportMeta } from '../../reports/meta.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { queryString } from '../params.js';
import type { Download, FormView, LayoutView, SelectView } from './types.js';

/** The mark of a provisional figure, with its explanation as a tooltip. */
export const MARK = '*';

/** A link on the dashboard keeping the page context's parameters, with `set` changed. */
export function href(pc: PageContext, path: string, set: Record<string, string | undefined> = {}): string {
  return path + queryString(pc.keep, set);
}

/** The layout of a page: language switch to the same page in the other language, footer with method and instant. */
export function layoutOf(pc: PageContext, title: string, path: string, nonce: string, meta: ReportMeta): LayoutView {
  const other = pc.lang === 'nl' ? 'en' : 'nl';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(pc.query)) if (typeof v === 'string' && k !== 'lang') q.set(k, v);
  q.set('lang', other);
  return {
    lang: pc.lang,
    otherLang: other,
    title: `${title} · ${pc.t.siteName}`,
    nonce,
    homeHref: href(pc, '/'),
    langHref: `${path}?${q.toString()}`,
    footer: footerLines(pc, meta),
  };
}

/** The method, its parameters and the instant, as every output names them (METHOD.md 4b). */
export function footerLines(pc: PageContext, meta: ReportMeta): string[] {
  const p = meta.params;
  const w = p.weights;
  return [
    fill(pc.t.methodLine, {
      method: meta.method,
      window: p.answer_window_days,
      norm: p.norm_working_days,
      horizon: p.score_horizon_days,
      min: p.min_closed_requests,
    }),
    fill(pc.t.weightsLine, {
      response: pc.fmt.pct(w.response_rate),
      substance: pc.fmt.pct(w.substance),
      speed: pc.fmt.pct(w.speed),
      access: pc.fmt.pct(w.accessibility),
    }),
    fill(pc.t.asOfLine, { asOf: pc.fmt.dateTime(meta.as_of), iso: meta.as_of }),
    pc.t.readOnlyLine,
  ];
}

/** "ma 26 okt – zo 22 nov" and, for the default, that it is the last 4 complete weeks. */
export function periodText(pc: PageContext): string {
  const { since, until } = pc.selection;
  const last = new Date(until.getTime() - 1);
  const range = `${pc.fmt.date(since)} – ${pc.fmt.date(last)}`;
  return fill(pc.defaulted ? pc.t.periodDefault : pc.t.period, { range });
}

/** Notes at the top of a page: data older than the instant asked, and whether the figures are final. */
export function notices(pc: PageContext, meta: ReportMeta): string[] {
  const out: string[] = [];
  if (pc.instant.asked)
    out.push(
      fill(pc.t.dataEnded, { until: pc.fmt.dateTime(pc.instant.asOf), asked: pc.fmt.dateTime(pc.instant.asked) }),
    );
  out.push(
    meta.final
      ? pc.t.figuresFinal
      : meta.final_at
        ? fill(pc.t.figuresProvisional, { mark: MARK, at: pc.fmt.dateTime(meta.final_at) })
        : fill(pc.t.figuresOpen, { mark: MARK }),
  );
  return out;
}

/** The tooltip of a provisional mark. */
export function markTitle(pc: PageContext, finalAt: string | number | null): string {
  return finalAt !== null ? fill(pc.t.provisionalUntil, { at: pc.fmt.dateTime(finalAt) }) : pc.t.provisional;
}

/** The platform select (all four platforms, or all). */
export function platformSelect(pc: PageContext): SelectView {
  return {
    name: 'platform',
    label: pc.t.platform,
    options: [
      { value: '', label: pc.t.allPlatforms, selected: !pc.asked.platform },
      ...PLATFORMS.map((p) => ({ value: p, label: pc.t[`platform_${p}`], selected: pc.asked.platform === p })),
    ],
  };
}

/** The filter form of a page: its selects, the period's dates, and hidden language and instant. */
export function formOf(pc: PageContext, action: string, selects: SelectView[]): FormView {
  const hidden = (['lang', 'as_of', 'sort', 'dir'] as const)
    .map((name) => ({ name, value: typeof pc.query[name] === 'string' ? (pc.query[name] as string) : '' }))
    .filter((h) => h.value !== '');
  return {
    action,
    legend: pc.t.filtersLegend,
    selects,
    since: pc.fmt.isoDate(pc.selection.since),
    until: pc.fmt.isoDate(pc.selection.until),
    sinceLabel: pc.t.since,
    untilLabel: pc.t.until,
    submit: pc.t.show,
    hidden,
  };
}

/** CSV, Excel CSV and JSON links of an API table. */
export function downloads(pc: PageContext, path: string, set: Record<string, string | undefined> = {}): Download[] {
  const base = { ...pc.keep, lang: undefined, ...set };
  return [
    { label: pc.t.csv, href: path + queryString(base, { format: 'csv' }) },
    { label: pc.t.csvExcel, href: path + queryString(base, { format: 'csv', excel: '1' }) },
    { label: pc.t.json, href: path + queryString(base) },
  ];
}
