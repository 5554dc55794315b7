import type { StatedHours } from '../../model/index.js';
import type { Matcher } from '../phrases.js';
import type { Segment } from './segments.js';

const DAY_NAMES: [RegExp, number][] = [
  [/^(maandag|monday|mon|ma)$/, 1],
  [/^(dinsdag|tuesday|tues|tue|di)$/, 2],
  [/^(woensdag|wednesday|wed|wo)$/, 3],
  [/^(donderdag|thursday|thurs|thur|thu|do)$/, 4],
  [/^(vrijdag|friday|fri|vrij|vr)$/, 5],
  [/^(zaterdag|saturday|sat|zat|za)$/, 6],
  [/^(zondag|sunday|sun|zon|zo)$/, 7],
];
const DAY =
  '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun|vrij|zat|zon|ma|di|wo|do|vr|za|zo)';
const RANGE_SEP = '(?:-|–|t\\/m|tm|tot en met|t\\.m\\.|tot|to|through|till|until)';
const LIST_SEP = '(?:,|&|en|and|\\+)';
const DAY_EXPR = new RegExp(
  `(?<![\\p{L}])${DAY}\\.?(?:\\s*(?:${RANGE_SEP}|${LIST_SEP})\\s*${DAY}\\.?)*(?![\\p{L}])`,
  'gu',
);
const GROUPS: [RegExp, number[]][] = [
  [
    /(?<!\p{L})(werkdagen|werkdag|weekdagen|doordeweeks|weekdays|tijdens kantooruren|kantooruren|kantoortijden|office hours|business hours)(?!\p{L})/gu,
    [1, 2, 3, 4, 5],
  ],
  [/(?<!\p{L})(in het weekend|weekenden|weekend|weekends)(?!\p{L})/gu, [6, 7]],
  [
    /(?<!\p{L})(dagelijks|iedere dag|elke dag|7 dagen per week|zeven dagen per week|daily|every day)(?!\p{L})/gu,
    [1, 2, 3, 4, 5, 6, 7],
  ],
];
const T = '(?:half\\s+\\d{1,2}|\\d{4}|\\d{1,2}(?:[:.]\\d{2})?)(?:\\s*(?:uur|u|h)(?![\\p{L}]))?';
const TIME_RANGE = new RegExp(
  `(?<![\\d/.:,])(van\\s+|vanaf\\s+|tussen\\s+|from\\s+|between\\s+)?(${T})\\s*(-|–|tot|t\\/m|to|until|till|en|and|&)\\s*(${T})(\\s*(?:uur|u\\b|u\\.|h\\b|hrs|hours))?(?![\\d])`,
  'giu',
);
const ALWAYS = /(?<!niet\s)(?<!not\s)(24\/7|24x7|24 uur per dag|dag en nacht|around the clock|day and night)/;

interface Item {
  kind: 'days' | 'time';
  start: number;
  end: number;
  days?: number[];
  from?: string;
  to?: string;
  strong?: boolean;
}

function dayNumber(token: string): number | undefined {
  const t = token.replace(/\.$/, '');
  return DAY_NAMES.find(([re]) => re.test(t))?.[1];
}

/** Parses "ma t/m vr", "za en zo", "ma, wo en vr" into ISO weekdays. */
function parseDayExpr(expr: string): { days: number[]; multi: boolean; full: boolean } {
  const tokens = expr.match(new RegExp(`${DAY}\\.?|${RANGE_SEP}|${LIST_SEP}`, 'gu')) ?? [];
  const days = new Set<number>();
  let prev: number | undefined;
  let range = false;
  let count = 0;
  for (const tok of tokens) {
    const d = dayNumber(tok);
    if (d === undefined) {
      range = new RegExp(`^${RANGE_SEP}$`).test(tok);
      continue;
    }
    count++;
    if (range && prev !== undefined) for (let x = prev; x !== d; x = (x % 7) + 1) days.add(x);
    days.add(d);
    prev = d;
    range = false;
  }
  return {
    days: [...days].sort((a, b) => a - b),
    multi: count > 1,
    full: /^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)/.test(
      expr,
    ),
  };
}

/** "8.30" -> minutes after midnight; "half 9" -> 8:30; "0800" -> 8:00. Undefined when not a clock time. */
function clock(raw: string): number | undefined {
  const s = raw.replace(/\s*(uur|u|h)$/i, '').trim();
  const half = s.match(/^half\s+(\d{1,2})$/);
  if (half) return (Number(half[1]) - 1) * 60 + 30;
  const m = s.match(/^(\d{1,2})(?:[:.](\d{2}))?$/) ?? s.match(/^(\d{2})(\d{2})$/);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function items(text: string): Item[] {
  const out: Item[] = [];
  for (const m of text.matchAll(DAY_EXPR)) {
    const p = parseDayExpr(m[0]);
    out.push({ kind: 'days', start: m.index, end: m.index + m[0].length, days: p.days, strong: p.multi || p.full });
  }
  for (const [re, days] of GROUPS)
    for (const m of text.matchAll(re))
      out.push({ kind: 'days', start: m.index, end: m.index + m[0].length, days, strong: true });
  for (const m of text.matchAll(TIME_RANGE)) {
    const [all, prefix, a, sep, b, unit] = m as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
      string | undefined,
    ];
    if (/^(en|and|&)$/i.test(sep) && !/tussen|between/i.test(prefix ?? '')) continue;
    const from = clock(a);
    let to = clock(b);
    if (from === undefined || to === undefined) continue;
    if (to <= from && to <= 12 * 60) to += 12 * 60; // "van half 9 tot 5"
    if (to === 0) to = 24 * 60; // "van 23:00 tot 00:00"
    if (to <= from || to > 24 * 60) continue;
    const marked = Boolean(prefix || unit || /[:.]|\d{4}|uur|u$|h$/.test(a + b) || /half/.test(a));
    out.push({
      kind: 'time',
      start: m.index,
      end: m.index + all.length,
      from: hhmm(from),
      to: hhmm(to),
      strong: marked,
    });
  }
  // Days inside a time match ("tot" is no day) cannot occur; drop day items overlapping a time item.
  const times = out.filter((i) => i.kind === 'time');
  return out
    .filter((i) => i.kind === 'time' || !times.some((t) => i.start < t.end && t.start < i.end))
    .sort((x, y) => x.start - y.start);
}

/**
 * Stated hours of one segment: time ranges with the days they belong to (days before them, or
 * in brackets after them), day-only mentions ("tijdens kantooruren"), and 24/7. `serviceContext`
 * says whether the segment (or the one before) is about answering; without it only a segment
 * that is nothing but hours counts ("Ma-vr 9-17u.").
 */
export function parseHours(seg: Segment, serviceContext: boolean, limited: Matcher): StatedHours[] {
  const text = seg.text;
  const out: StatedHours[] = [];
  if (ALWAYS.test(text) && serviceContext && !limited.test(text))
    out.push({ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' });
  const its = items(text);
  const used = new Set<Item>();
  let lastDays: Item | undefined;
  its.forEach((it, idx) => {
    if (it.kind !== 'time') return;
    const before = its
      .slice(0, idx)
      .reverse()
      .find((x) => x.kind === 'days');
    const prevItem = its[idx - 1];
    const after = its[idx + 1];
    let days: Item | undefined;
    // "08-22 uur (ma-vr)": days in brackets right after the time belong to it.
    if (after?.kind === 'days' && /^\s*\(\s*$/.test(text.slice(it.end, after.start))) days = after;
    else if (prevItem?.kind === 'days' && !used.has(prevItem) && it.start - prevItem.end <= 30) days = prevItem;
    else if (prevItem?.kind === 'time' && lastDays && used.has(lastDays)) days = lastDays;
    else if (after?.kind === 'days' && after.start - it.end <= 4 && !/[a-z]/.test(text.slice(it.end, after.start)))
      days = after;
    else if (before && it.start - before.end <= 30 && !/[.;]/.test(text.slice(before.end, it.start))) days = before;
    if (!days && !it.strong) return;
    if (!serviceContext && !hoursDominant(text, its)) return;
    if (days) used.add(days);
    lastDays = days;
    out.push({ days: days?.days ?? [], from: it.from!, to: it.to! });
  });
  for (const it of its) {
    if (it.kind !== 'days' || used.has(it) || !it.strong) continue;
    if (serviceContext || /kantooruren|office hours|business hours/.test(text.slice(it.start, it.end)))
      out.push({ days: it.days!, from: null, to: null });
  }
  return out;
}

/** True when, without its hours, a segment has at most two words left ("Ma-vr 9-17u."). */
function hoursDominant(text: string, its: Item[]): boolean {
  let rest = text;
  for (const it of [...its].reverse()) rest = rest.slice(0, it.start) + ' ' + rest.slice(it.end);
  return (rest.match(/\p{L}{2,}/gu) ?? []).length <= 2;
}
