/**
 * The dashboard's inline SVG charts, besides the map (reports/map.ts) and the bars of reports/svg.ts:
 * weekly trend lines and the outcome mix, in the Okabe-Ito palette (safe for colour-blind readers),
 * each with a legend in the page's language. No script, no style attributes (the CSP forbids them).
 */
import type { Outcome } from '../model/index.js';
import { esc } from '../reports/svg.js';

/** Okabe & Ito's palette: distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#8C8C8C',
} as const;

/** The colour of each outcome in the dashboard. */
export const OUTCOME_FILL: Record<Outcome, string> = {
  answered: OKABE_ITO.blue,
  redirected: OKABE_ITO.orange,
  acknowledged: OKABE_ITO.sky,
  unanswered: OKABE_ITO.vermillion,
  pending: OKABE_ITO.grey,
};

function svg(title: string, width: number, height: number, body: string): string {
  const size = `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  return `<svg role="img" aria-label="${esc(title)}" ${size} xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">${body}</svg>`;
}

/** One line of a trend chart: shares 0..1 per point (null: no value that week). */
export interface Series {
  name: string;
  color: string;
  /** Dashed lines tell series apart without colour. */
  dashed?: boolean;
  values: (number | null)[];
  /** Points whose value can still change: drawn hollow, and their tooltip says `provisionalNote`. */
  provisional?: boolean[];
  provisionalNote?: string;
}

/**
 * Lines of shares 0..100% over labelled points (weeks), with a y grid, every few labels on the x axis
 * and a legend under the plot; gaps where a value is null.
 */
export function lineChart(title: string, labels: readonly string[], series: readonly Series[], width = 640): string {
  const left = 40;
  const top = 12;
  const plotW = width - left - 12;
  const plotH = 180;
  const legendY = top + plotH + 40;
  const height = legendY + 10;
  const x = (i: number) => left + (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v: number) => top + plotH - v * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="#d0d0d0" stroke-width="1"/>` +
        `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v * 100}%</text>`,
    )
    .join('');
  const step = Math.max(1, Math.ceil(labels.length / 7));
  // Every few weeks and the last (none too close to it); the first and last anchored at their edge,
  // so they stay inside the chart.
  const anchor = (i: number) =>
    labels.length <= 1 ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle';
  const xLabels = labels
    .map((l, i) =>
      (i % step === 0 && labels.length - 1 - i >= step) || i === labels.length - 1
        ? `<text x="${x(i)}" y="${top + plotH + 16}" text-anchor="${anchor(i)}" font-size="11">${esc(l)}</text>`
        : '',
    )
    .join('');
  const lines = series
    .map((s) => {
      const segments: string[] = [];
      let d = '';
      s.values.forEach((v, i) => {
        if (v === null) {
          if (d) segments.push(d);
          d = '';
          return;
        }
        d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      });
      if (d) segments.push(d);
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      const paths = segments
        .map((p) => `<path d="${p}" fill="none" stroke="${s.color}" stroke-width="2.5"${dash}/>`)
        .join('');
      const dots = s.values
        .map((v, i) =>
          v === null
            ? ''
            : s.provisional?.[i]
              ? `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="4" fill="#ffffff" stroke="${s.color}" stroke-width="2">` +
                `<title>${esc(`${labels[i] ?? ''} ${s.name}: ${Math.round(v * 100)}% (${s.provisionalNote ?? ''})`)}</title></circle>`
              : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}">` +
                `<title>${esc(`${labels[i] ?? ''} ${s.name}: ${Math.round(v * 100)}%`)}</title></circle>`,
        )
        .join('');
      return paths + dots;
    })
    .join('');
  const legend = series
    .map((s, i) => {
      const lx = left + i * 200;
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      return (
        `<line x1="${lx}" y1="${legendY - 4}" x2="${lx + 24}" y2="${legendY - 4}" stroke="${s.color}" stroke-width="2.5"${dash}/>` +
        `<text x="${lx + 30}" y="${legendY}" font-size="12">${esc(s.name)}</text>`
      );
    })
    .join('');
  return svg(title, width, height, grid + xLabels + lines + legend);
}

/** One horizontal bar split by outcome, with a legend of counts under it. */
export function outcomeBar(
  title: string,
  parts: readonly { outcome: Outcome; label: string; count: number }[],
  width = 640,
): string {
  const total = parts.reduce((s, p) => s + p.count, 0);
  const barH = 28;
  const rows = Math.ceil(parts.length / 3);
  const height = barH + 16 + rows * 20;
  let x = 0;
  const segs = parts
    .map((p) => {
      const w = total ? (p.count / total) * width : 0;
      const seg =
        w > 0
          ? `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${barH}" fill="${OUTCOME_FILL[p.outcome]}">` +
            `<title>${esc(`${p.label}: ${p.count}`)}</title></rect>`
          : '';
      x += w;
      return seg;
    })
    .join('');
  const legend = parts
    .map((p, i) => {
      const lx = (i % 3) * Math.floor(width / 3);
      const ly = barH + 12 + Math.floor(i / 3) * 20;
      return (
        `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${OUTCOME_FILL[p.outcome]}"/>` +
        `<text x="${lx + 18}" y="${ly + 11}" font-size="12">${esc(`${p.label}: ${p.count}`)}</text>`
      );
    })
    .join('');
  return svg(title, width, height, segs + legend);
}
