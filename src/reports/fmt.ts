/** Number formats shared by the CLI tables and the digest. */

/** A share 0..1 as a whole percentage ("71%"); "-" when there is none. */
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

/** A number with fixed decimals (1 by default); "-" when there is none. */
export function num(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '-' : x.toFixed(digits);
}

/** Rounds a metric for JSON output (4 decimals), keeping nulls. */
export function r4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10_000) / 10_000;
}

/** Stated hours as short text: "1,2,3,4,5 08:30-17:00; 6 10:00-14:00" ("*" = no days named). */
export function statedHoursText(h: readonly { days: number[]; from: string | null; to: string | null }[]): string {
  return h
    .map((x) => `${x.days.length ? x.days.join(',') : '*'} ${x.from ?? ''}${x.to ? `-${x.to}` : ''}`.trim())
    .join('; ');
}

/** A difference with its sign: "+3", "-1.5", "+0". */
export function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x}`;
}

/** A league rank change: "new" (not ranked the week before), "+2" (climbed), "-1" or "0". */
export function rankChangeText(change: number | null): string {
  if (change === null) return 'new';
  return change > 0 ? `+${change}` : String(change);
}
