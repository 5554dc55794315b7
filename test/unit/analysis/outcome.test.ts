import { describe, expect, it } from 'vitest';
import { outcomeAt, plusLocalDays } from '../../../src/analysis/outcome.js';

const Z = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);

describe('the answer window counts calendar days in Europe/Amsterdam', () => {
  it('30 days from 12:00 on 20 March is 12:00 local on 19 April (29 days 23 hours: summer time began)', () => {
    const from = at('2026-03-20T11:00:00Z'); // 12:00 CET
    expect(new Date(plusLocalDays(from, 30, Z)).toISOString()).toBe('2026-04-19T10:00:00.000Z'); // 12:00 CEST
  });
  it('across the end of summer time it is 30 days and one hour', () => {
    const from = at('2026-10-10T10:00:00Z'); // 12:00 CEST
    expect(new Date(plusLocalDays(from, 30, Z)).toISOString()).toBe('2026-11-09T11:00:00.000Z'); // 12:00 CET
  });
});

describe('outcomeAt: one request, read at different instants (METHOD.md 3)', () => {
  // Asked Monday 2 Nov 09:00Z; acknowledged after 1 h, redirected after 2 days, answered after 10 days.
  const facts = {
    createdAt: '2026-11-02T09:00:00.000Z',
    responseAt: '2026-11-02T10:00:00.000Z',
    responseKind: 'acknowledge' as const,
    redirectAt: '2026-11-04T09:00:00.000Z',
    answerAt: '2026-11-12T09:00:00.000Z',
  };
  it.each([
    ['before any response', '2026-11-02T09:30:00Z', 'pending', false],
    ['after the acknowledgement', '2026-11-03T09:00:00Z', 'acknowledged', false],
    ['after the redirect', '2026-11-05T09:00:00Z', 'redirected', false],
    ['after the answer: final before the window ends', '2026-11-12T09:00:00Z', 'answered', true],
  ])('%s: %s', (_name, instant, outcome, final) => {
    expect(outcomeAt(facts, at(instant), 30, Z)).toMatchObject({ outcome, final });
  });

  it('no response at all: pending, then unanswered (final) once the window has passed', () => {
    const none = { createdAt: facts.createdAt, responseAt: null, responseKind: null, redirectAt: null, answerAt: null };
    expect(outcomeAt(none, at('2026-12-02T08:59:00Z'), 30, Z)).toMatchObject({ outcome: 'pending', final: false });
    expect(outcomeAt(none, at('2026-12-02T09:00:00Z'), 30, Z)).toMatchObject({ outcome: 'unanswered', final: true });
  });

  it('an answer after the window does not count: the outcome stays what the window saw', () => {
    const late = { ...facts, answerAt: '2026-12-10T09:00:00.000Z' };
    expect(outcomeAt(late, at('2026-12-20T00:00:00Z'), 30, Z)).toMatchObject({ outcome: 'redirected', final: true });
  });

  it('rows from before redirect_at was kept: a first response that redirects is the redirect', () => {
    const old = { ...facts, responseKind: 'redirect' as const, redirectAt: null, answerAt: null };
    expect(outcomeAt(old, at('2026-11-03T00:00:00Z'), 30, Z).outcome).toBe('redirected');
  });
});
