import { UsageError } from '../config/errors.js';

/** The largest --limit or --max-rows a command takes. */
export const MAX_COUNT = 1_000_000;

/**
 * A commander argument parser for a whole number from `min` to `max`: "abc", "0", "-5", "2.5" or
 * "10x" is a UsageError (exit 2) "--limit abc: expected a whole number from 1 to 1000000", never a
 * silent default.
 */
export function wholeNumber(option: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const v = value.trim();
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!(n >= min && n <= max))
      throw new UsageError(`${option} ${value}: expected a whole number from ${min} to ${max}`);
    return n;
  };
}
