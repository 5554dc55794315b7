import { DateTime } from 'luxon';
import type { Outcome } from '../model/index.js';
import type { TruthRequest } from './world.js';

/**
 * The true outcome of a request at `instant` (METHOD.md 3), from the generator's own record of its
 * responses, written independently of the product's analysis: answered if a response within the
 * window answers; else redirected if one redirects; else acknowledged if any came; else unanswered
 * once the window (calendar days in `zone`) has passed; else pending. Responses after `instant` are
 * not known yet.
 */
export function truthOutcome(
  t: Pick<TruthRequest, 'createdAt' | 'responses'>,
  instant: number,
  windowDays: number,
  zone = 'Europe/Amsterdam',
): Outcome {
  const windowEnd = DateTime.fromMillis(t.createdAt, { zone }).plus({ days: windowDays }).toMillis();
  const known = t.responses.filter((r) => r.at <= Math.min(instant, windowEnd));
  if (known.some((r) => r.kind === 'answer')) return 'answered';
  if (known.some((r) => r.kind === 'redirect')) return 'redirected';
  if (known.length) return 'acknowledged';
  return instant >= windowEnd ? 'unanswered' : 'pending';
}
