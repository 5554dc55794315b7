import { Info } from 'luxon';
import { isPlatform, type StatedHours } from '../../model/index.js';
import type { BioEntry, ListedRequest } from '../../reports/org-details.js';
import type { OrgPage } from '../../reports/org-page.js';
import { httpUrl } from '../../reports/safe-text.js';
import { ageHours, NONE } from '../format.js';
import { fill } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';
import { downloads, MARK, markTitle } from './common.js';
import type { Cell, TableView } from './types.js';

const yesNo = (pc: PageContext, b: boolean) => (b ? pc.t.yes : pc.t.no);

/** Stated hours as "ma–vr 08:30–17:00; za 10:00–14:00" in the page's language. */
export function hoursText(pc: PageContext, hours: readonly StatedHours[]): string {
  if (!hours.length) return NONE;
  const names = Info.weekdays('short', { locale: pc.lang === 'nl' ? 'nl' : 'en-GB' }).map((d) => d.replace(/\./g, ''));
  const days = (ds: number[]) => {
    if (!ds.length) return pc.t.everyDay;
    const sorted = [...ds].sort((a, b) => a - b);
    const run = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
    return run && sorted.length > 2
      ? `${names[sorted[0]! - 1]}–${names[sorted[sorted.length - 1]! - 1]}`
      : sorted.map((d) => names[d - 1]).join(', ');
  };
  return hours.map((h) => `${days(h.days)}${h.from ? ` ${h.from}–${h.to ?? ''}` : ''}`).join('; ');
}

/** The accounts per platform with their polling status and last error. */
export function accountsTable(pc: PageContext, p: OrgPage): TableView {
  const t = pc.t;
  const f = pc.fmt;
  return {
    caption: fill(t.accountsCaption, { n: p.accounts.length }),
    columns: [t.platform, t.colHandle, t.colStatus, t.colLastSuccess, t.colNextCheck, t.colErrors, t.colLastError].map(
      (label) => ({ label }),
    ),
    bodies: [
      {
        rows: p.accounts.map((a) => ({
          cells: [
            { text: t[`platform_${a.platform}`] },
            { text: a.handle, th: true },
            { text: t[`status_${a.status}`], cls: `status-${a.status}` },
            { text: f.dateTime(a.lastSuccessAt) },
            { text: f.dateTime(a.retryAt ?? a.nextCheckAt) },
            { text: f.int(a.errorCount), numeric: true },
            { text: a.lastError ? `${a.lastError} (${f.dateTime(a.lastErrorAt)})` : NONE, cls: 'text' },
          ],
        })),
        empty: t.noAccounts,
      },
    ],
  };
}

/** Stated hours and promise of each account's latest bio against when responses really came (METHOD.md 5). */
export function statedActualTable(pc: PageContext, bios: readonly BioEntry[]): TableView {
  const t = pc.t;
  const f = pc.fmt;
  const latest = bios.filter((b) => b.latest && b.actual);
  return {
    caption: t.statedActualCaption,
    columns: [
      { label: t.platform },
      { label: t.colHandle },
      { label: t.colStatedHours },
      { label: t.colPromise },
      { label: t.colResponses, numeric: true },
      { label: t.colInsideHours, numeric: true },
      { label: t.colWhenClosed, numeric: true },
      { label: t.colWithinPromise, numeric: true },
    ],
    bodies: [
      {
        rows: latest.map(({ version: v, actual: a }) => ({
          cells: [
            { text: t[`platform_${v.platform}`] },
            { text: v.handle, th: true },
            { text: hoursText(pc, v.fields.hours) },
            { text: v.fields.promise === null ? NONE : f.hours(v.fields.promise) },
            { text: f.int(a!.responses), numeric: true },
            { text: f.pct(a!.insideStatedHours), numeric: true },
            { text: v.fields.hours.length ? f.int(a!.whenClosed) : NONE, numeric: true },
            { text: f.pct(a!.withinPromise), numeric: true },
          ],
        })),
        empty: t.noBios,
      },
    ],
  };
}

/** Every bio version: text, deflection, channels, "niet gemonitord", stated hours and promise. */
export function biosTable(pc: PageContext, p: OrgPage): TableView {
  const t = pc.t;
  return {
    caption: t.biosCaption,
    columns: [t.platform, t.colHandle, t.colFetched, t.colBioText, t.colDeflects, t.colChannels, t.colNotMonitored].map(
      (label) => ({ label }),
    ),
    bodies: [
      {
        rows: [...p.bios].reverse().map(({ version: v, latest }) => ({
          cells: [
            { text: t[`platform_${v.platform}`] },
            { text: v.handle, th: true },
            { text: pc.fmt.dateTime(v.fetchedAt), ...(latest ? { mark: '•', markTitle: t.latestBio } : {}) },
            { text: v.text, cls: 'text' },
            { text: yesNo(pc, v.fields.deflects), cls: v.fields.deflects ? 'flag' : '' },
            { text: v.fields.channels.map((c) => t[`channel_${c}`]).join(', ') || NONE },
            { text: yesNo(pc, v.fields.notMonitored), cls: v.fields.notMonitored ? 'flag' : '' },
          ],
        })),
        empty: t.noBios,
      },
    ],
    downloadLabel: t.download,
    downloads: downloads(pc, '/api/v1/bios', { org: p.org.id, history: '1' }),
  };
}

function requestCells(pc: PageContext, l: ListedRequest): Cell[] {
  const t = pc.t;
  const f = pc.fmt;
  const r = l.request;
  const link = httpUrl(r.url);
  const reply = r.answerAt ? l.texts?.answerText : r.responseAt ? l.texts?.responseText : undefined;
  const text = (s: string | null | undefined, has: boolean) => (!has ? NONE : (s ?? t.textPurged));
  return [
    { text: f.dateTime(r.createdAt), th: true },
    { text: f.hours(ageHours(l.ageMs)), numeric: true },
    { text: isPlatform(r.platform) ? t[`platform_${r.platform}`] : r.platform },
    { text: t[`kind_${r.kind}`] },
    { text: t[`outcome_${r.outcome}`], ...(r.final ? {} : { mark: MARK, markTitle: markTitle(pc, r.finalAt) }) },
    { text: text(l.texts?.text, true), cls: 'text' },
    { text: text(reply, Boolean(r.responseAt)), cls: 'text' },
    link ? { text: t.openPost, href: link, external: true } : { text: NONE },
  ];
}

/** A list of requests with their age, texts (while retained) and link. */
export function requestsTable(pc: PageContext, p: OrgPage, which: 'waiting' | 'unanswered'): TableView {
  const t = pc.t;
  const list = p[which];
  // The download lists the same requests as the table: waiting now, or the latest unanswered.
  const asked = which === 'waiting' ? { waiting: '1' } : { outcome: 'unanswered' };
  return {
    caption: fill(which === 'waiting' ? t.waitingCaption : t.unansweredCaption, { n: list.length }),
    columns: [
      { label: t.colCreated },
      { label: t.colAge, numeric: true },
      { label: t.platform },
      { label: t.colKind },
      { label: t.colOutcome },
      { label: t.colQuestion },
      { label: t.colReply },
      { label: t.colLink },
    ],
    bodies: [{ rows: list.map((l) => ({ cells: requestCells(pc, l) })), empty: t.noRequests }],
    downloadLabel: t.download,
    downloads: downloads(pc, '/api/v1/requests', { org: p.org.id, ...asked, since: undefined, until: undefined }),
  };
}
