/** Small inline SVG charts for the HTML digest: no scripts, no external assets. */
import { pageText } from './safe-text.js';

/** Escapes text for HTML and SVG content and attribute values; control characters are removed. */
export function esc(s: string): string {
  return pageText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLORS = {
  answered: '#2e7d32',
  redirected: '#f9a825',
  acknowledged: '#64b5f6',
  unanswered: '#c62828',
  pending: '#9e9e9e',
} as const;
/** The colour of each outcome in the charts. */
export const OUTCOME_COLORS: Record<string, string> = COLORS;

/** The outer <svg> element: an accessible image of the given size around `body`. */
function svg(title: string, width: number, height: number, body: string): string {
  const size = `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  return `<svg role="img" aria-label="${esc(title)}" ${size} xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

/** Vertical bars with labels under them. */
export function barChart(title: string, bars: { label: string; value: number }[], width = 560, height = 220): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const bw = (width - 40) / Math.max(1, bars.length);
  const plot = height - 50;
  const rects = bars
    .map((b, i) => {
      const h = (b.value / max) * plot;
      const x = 30 + i * bw;
      const box = `x="${x + 4}" y="${20 + plot - h}" width="${bw - 8}" height="${Math.max(h, 0.5)}"`;
      const bar = `<rect class="bar" ${box} fill="#1565c0"><title>${esc(b.label)}: ${b.value}</title></rect>`;
      const mid = `x="${x + bw / 2}"`;
      const label = `<text ${mid} y="${height - 14}" text-anchor="middle" font-size="11">${esc(b.label)}</text>`;
      const value = `<text ${mid} y="${16 + plot - h}" text-anchor="middle" font-size="11">${b.value}</text>`;
      return bar + label + value;
    })
    .join('');
  const axis = `<line x1="28" y1="${20 + plot}" x2="${width - 6}" y2="${20 + plot}" stroke="#555"/>`;
  return svg(title, width, height, rects + axis);
}

/** Horizontal stacked bars: one row per item, segments per outcome. */
export function stackedBars(
  title: string,
  rows: { label: string; parts: Record<string, number> }[],
  width = 560,
): string {
  const rowH = 26;
  const height = rows.length * rowH + 40;
  const left = 90;
  const plotW = width - left - 10;
  const body = rows
    .map((r, i) => {
      const total = Object.values(r.parts).reduce((a, b) => a + b, 0) || 1;
      let x = left;
      const segs = Object.entries(r.parts)
        .map(([k, v]) => {
          const w = (v / total) * plotW;
          const fill = COLORS[k as keyof typeof COLORS] ?? '#777';
          const box = `x="${x}" y="${10 + i * rowH}" width="${Math.max(w, 0)}" height="${rowH - 8}"`;
          const seg = `<rect class="bar" ${box} fill="${fill}"><title>${esc(k)}: ${v}</title></rect>`;
          x += w;
          return seg;
        })
        .join('');
      return `<text x="4" y="${10 + i * rowH + 13}" font-size="12">${esc(r.label)}</text>${segs}`;
    })
    .join('');
  const legend = Object.entries(COLORS)
    .map(([k, c], i) => {
      const x = 8 + i * 110;
      const swatch = `<rect x="${x}" y="${height - 22}" width="10" height="10" fill="${c}"/>`;
      return `${swatch}<text x="${x + 14}" y="${height - 13}" font-size="11">${k}</text>`;
    })
    .join('');
  return svg(title, width, height, body + legend);
}

/** Hour-of-week heat map of responses; office hours outlined. */
export function heatmap(
  title: string,
  cells: { weekday: number; hour: number; responses: number; office: boolean }[],
): string {
  const cw = 20;
  const ch = 18;
  const left = 34;
  const top = 18;
  const max = Math.max(1, ...cells.map((c) => c.responses));
  const days = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];
  const rects = cells
    .map((c) => {
      const x = left + c.hour * cw;
      const y = top + (c.weekday - 1) * ch;
      const shade = c.responses ? 0.15 + 0.85 * (c.responses / max) : 0;
      const outline = `stroke="${c.office ? '#2e7d32' : '#ddd'}" stroke-width="${c.office ? 1.5 : 0.5}"`;
      const tip = `${days[c.weekday - 1]} ${c.hour}:00 - ${c.responses} responses${c.office ? ' (office hours)' : ''}`;
      return (
        `<rect class="cell" x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}" ` +
        `fill="rgba(21,101,192,${shade.toFixed(2)})" ${outline}><title>${tip}</title></rect>`
      );
    })
    .join('');
  const dayLabels = days.map((d, i) => `<text x="4" y="${top + i * ch + 13}" font-size="11">${d}</text>`).join('');
  const hourLabels = [0, 6, 12, 18, 23]
    .map((h) => `<text x="${left + h * cw + 4}" y="12" font-size="10">${h}</text>`)
    .join('');
  const width = left + 24 * cw + 6;
  const height = top + 7 * ch + 6;
  return svg(title, width, height, hourLabels + dayLabels + rects);
}

/** The colour of a score bar: green from 7, amber from 5.5, red below. */
function scoreColor(score: number): string {
  if (score >= 7) return '#2e7d32';
  return score >= 5.5 ? '#f9a825' : '#c62828';
}

/** Horizontal bars of scores 0-10 (the league table at a glance). */
export function rankingBars(title: string, rows: { label: string; score: number }[], width = 560): string {
  const rowH = 18;
  const left = 150;
  const plotW = width - left - 40;
  const height = Math.max(1, rows.length) * rowH + 10;
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      const barW = (r.score / 10) * plotW;
      const label = `<text x="4" y="${y + 13}" font-size="11">${esc(r.label.slice(0, 24))}</text>`;
      const bar =
        `<rect class="bar" x="${left}" y="${y + 3}" width="${barW}" height="${rowH - 5}" ` +
        `fill="${scoreColor(r.score)}"><title>${esc(r.label)}: ${r.score}</title></rect>`;
      const value = `<text x="${left + barW + 4}" y="${y + 13}" font-size="11">${r.score.toFixed(1)}</text>`;
      return label + bar + value;
    })
    .join('');
  return svg(title, width, height, body);
}
