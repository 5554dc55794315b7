/** Durations in milliseconds, named so that arithmetic on instants says what it means. */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The instant `days` calendar days (of 24 h) before `at`. */
export function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * DAY_MS);
}

// X launched in 2006; anything earlier (1970 from a missing field, year 0001) is not a post's time.
const EARLIEST = Date.UTC(2006, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * The ISO-8601 UTC form of a post's timestamp, or undefined when it is missing, does not parse
 * ("2026-11-17T99:99:99Z", "not a date") or lies outside 2006-2100: such a post must be rejected,
 * never stored at 1970 or at a made-up time.
 */
export function postInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms) || ms < EARLIEST || ms >= LATEST) return undefined;
  return new Date(ms).toISOString();
}
