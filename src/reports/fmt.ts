/** Number formats shared by the CLI tables and the digest. */

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : `${Math.round(x * 100)}%`;
}

/** Hours as a short human duration: "35m", "4.5h", "3.2d". */
export function dur(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '-';
  if (hours < 1) return `${Math.round(hours * 60)}m`;
  if (hours < 48) return `${Math.round(hours * 10) / 10}h`;
  return `${Math.round((hours / 24) * 10) / 10}d`;
}

export function num(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '-' : x.toFixed(digits);
}

/** Rounds a metric for JSON output (4 decimals), keeping nulls. */
export function r4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10_000) / 10_000;
}

/** Stated hours as short text: "1,2,3,4,5 08:30-17:00; 6 10:00-14:00" ("*" = no days named). */
export function statedHoursText(h: readonly { days: number[]; from: string | null; to: string | null }[]): string {
  return h.map((x) => `${x.days.length ? x.days.join(',') : '*'} ${x.from ?? ''}${x.to ? `-${x.to}` : ''}`.trim()).join('; ');
}
