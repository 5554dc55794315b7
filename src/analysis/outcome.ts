import type { Outcome, ResponseKind } from '../model/index.js';
import { DAY_MS, MINUTE_MS } from '../model/index.js';
import { offsetMinutes } from './zone.js';

/**
 * What is known of one request's responses (METHOD.md 3): the first response of any kind, the first
 * that answers and the first that only redirects, each whenever it came (also after the window).
 */
export interface ResponseFacts {
  createdAt: string;
  responseAt: string | null;
  responseKind: ResponseKind | null;
  answerAt: string | null;
  redirectAt: string | null;
}

export interface OutcomeAt {
  outcome: Outcome;
  /** Only `answered` is final before the answer window has passed (METHOD.md 3). */
  final: boolean;
  /** The instant from which this outcome can no longer change: the end of the answer window, or the answer. */
  finalAt: number;
}

/**
 * The instant `days` calendar days after `ms` in `zone` (the same local time of day): 30 days from
 * 12:00 on 20 March is 12:00 on 19 April, 29 days and 23 hours later across daylight saving.
 */
export function plusLocalDays(ms: number, days: number, zone: string): number {
  const naive = ms + days * DAY_MS;
  return naive + (offsetMinutes(ms, zone) - offsetMinutes(naive, zone)) * MINUTE_MS;
}

const at = (iso: string | null) => (iso === null ? Infinity : Date.parse(iso));

/**
 * The one rule that decides a request's outcome at an instant (METHOD.md 3); every reader uses it,
 * so a figure computed today and one recomputed with `--as-of` agree. Responses after `instant`
 * are not known yet, responses after the window do not count: answered if an answer came within
 * the window; else redirected if a redirect did; else acknowledged if any response did; else
 * unanswered once the window has passed; else pending.
 */
export function outcomeAt(f: ResponseFacts, instant: number, windowDays: number, zone: string): OutcomeAt {
  const windowEnd = plusLocalDays(Date.parse(f.createdAt), windowDays, zone);
  return outcomeAtMs(
    {
      responseMs: at(f.responseAt),
      answerMs: at(f.answerAt ?? (f.responseKind === 'answer' ? f.responseAt : null)),
      redirectMs: at(f.redirectAt ?? (f.responseKind === 'redirect' ? f.responseAt : null)),
    },
    instant,
    windowEnd,
  );
}

/**
 * outcomeAt on instants in epoch ms (Infinity: none), with the window's end already known (the
 * stored times of analysis/request-times.ts): the same rule, for readers that have numbers.
 */
export function outcomeAtMs(
  f: { responseMs: number; answerMs: number; redirectMs: number },
  instant: number,
  windowEnd: number,
): OutcomeAt {
  const known = Math.min(instant, windowEnd);
  if (f.answerMs <= known) return { outcome: 'answered', final: true, finalAt: f.answerMs };
  const closed = instant >= windowEnd;
  let outcome: Outcome;
  if (f.redirectMs <= known) outcome = 'redirected';
  else if (f.responseMs <= known) outcome = 'acknowledged';
  else outcome = closed ? 'unanswered' : 'pending';
  return { outcome, final: closed, finalAt: windowEnd };
}
