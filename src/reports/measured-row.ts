import type { OfficeHours } from '../analysis/business-time.js';
import type { RequestFacts } from '../analysis/metrics.js';
import { outcomeAtMs, plusLocalDays } from '../analysis/outcome.js';
import { timesKey, type RequestTimes } from '../analysis/request-times.js';
import type { Settings } from '../config/load.js';
import { methodParamsOf } from '../config/method-params.js';
import type { Outcome } from '../model/index.js';

// A request as a report reads it at an instant, built from its stored numbers by reports/load.ts.

/** A request as it stood at the report's instant: what the metrics and the groupings read. */
export interface MeasuredRequest extends RequestFacts {
  platform: string;
  orgId: string;
  orgName: string;
  province: string | null;
  responseKind: string | null;
  /** When the first answer came (the first response may be an acknowledgement or redirect). */
  answerAt: string | null;
  /** Whether the outcome can still change, and from when it cannot (METHOD.md 3). */
  final: boolean;
  finalAt: string;
}

/** A measured request with what lists link it by: its post id and link. */
export interface LoadedRequest extends MeasuredRequest {
  postId: string;
  url: string | null;
}

/** One request's stored instants (epoch ms, null: none) and stored times with their key. */
export interface Stored {
  platform: string;
  orgId: string;
  orgName: string;
  province: string | null;
  kind: MeasuredRequest['kind'];
  createdMs: number;
  responseMs: number | null;
  responseKind: string | null;
  answerMs: number | null;
  redirectMs: number | null;
  communityMs: number | null;
  otherOrgMs: number | null;
  hours: OfficeHours;
  times: RequestTimes | undefined;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const upTo = (ms: number | null, T: number) => (ms !== null && ms <= T ? ms : null);
const INF = Infinity;

/**
 * A request as it stood at instant T (METHOD.md 4b): responses that came later are not known yet,
 * the outcome is decided then by the one rule (analysis/outcome.ts). Instants are numbers; the
 * ISO strings the outputs print are made only when asked for.
 */
export class MeasuredRow implements MeasuredRequest {
  readonly platform: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly province: string | null;
  readonly kind: MeasuredRequest['kind'];
  readonly outcome: Outcome;
  readonly final: boolean;
  readonly hours: OfficeHours;
  readonly times: RequestTimes | undefined;
  readonly createdMs: number;
  readonly responseMs: number | null;
  readonly answerMs: number | null;
  readonly responseKind: string | null;
  protected readonly finalMs: number;
  protected readonly communityMs: number | null;
  protected readonly otherOrgMs: number | null;

  constructor(s: Stored, T: number, windowDays: number, zone: string) {
    this.platform = s.platform;
    this.orgId = s.orgId;
    this.orgName = s.orgName;
    this.province = s.province;
    this.kind = s.kind;
    this.hours = s.hours;
    this.createdMs = s.createdMs;
    const responseMs = upTo(s.responseMs, T);
    this.responseMs = responseMs;
    this.responseKind = responseMs === null ? null : s.responseKind;
    this.answerMs = upTo(s.answerMs, T) ?? (s.responseKind === 'answer' ? responseMs : null);
    const redirectMs = upTo(s.redirectMs, T) ?? (this.responseKind === 'redirect' ? responseMs : null);
    this.communityMs = upTo(s.communityMs, T);
    this.otherOrgMs = upTo(s.otherOrgMs, T);
    // The stored norm flag is for the stored first answer; an answer known otherwise is measured anew.
    const storedAnswer = s.answerMs ?? (s.responseKind === 'answer' ? s.responseMs : null);
    this.times = this.answerMs === null || this.answerMs === storedAnswer ? s.times : undefined;
    const windowEnd = s.times?.windowEnd ?? plusLocalDays(s.createdMs, windowDays, zone);
    const at = outcomeAtMs(
      { responseMs: responseMs ?? INF, answerMs: this.answerMs ?? INF, redirectMs: redirectMs ?? INF },
      T,
      windowEnd,
    );
    this.outcome = at.outcome;
    this.final = at.final;
    this.finalMs = at.finalAt;
  }
  get createdAt(): string {
    return iso(this.createdMs)!;
  }
  get responseAt(): string | null {
    return iso(this.responseMs);
  }
  get answerAt(): string | null {
    return iso(this.answerMs);
  }
  get communityAt(): string | null {
    return iso(this.communityMs);
  }
  get otherOrgAt(): string | null {
    return iso(this.otherOrgMs);
  }
  get finalAt(): string {
    return new Date(this.finalMs).toISOString();
  }
}

/** A loaded request keeps the instants as stored (the lists print them as they came from the platform). */
export class LoadedRow extends MeasuredRow implements LoadedRequest {
  constructor(
    s: Stored,
    T: number,
    windowDays: number,
    zone: string,
    readonly postId: string,
    readonly url: string | null,
    private readonly text: { created: string; response: string | null; answer: string | null },
    private readonly others: { community: string | null; otherOrg: string | null },
  ) {
    super(s, T, windowDays, zone);
  }
  override get createdAt(): string {
    return this.text.created;
  }
  override get responseAt(): string | null {
    return this.responseMs === null ? null : (this.text.response ?? iso(this.responseMs));
  }
  override get answerAt(): string | null {
    if (this.answerMs === null) return null;
    return this.text.answer !== null && Date.parse(this.text.answer) === this.answerMs
      ? this.text.answer
      : this.responseAt;
  }
  override get communityAt(): string | null {
    return this.communityMs === null ? null : this.others.community;
  }
  override get otherOrgAt(): string | null {
    return this.otherOrgMs === null ? null : this.others.otherOrg;
  }
}

/** Stored times when they were computed with these parameters and hours; else undefined (computed when read). */
export function storedTimes(
  key: number | null,
  expected: number,
  t: {
    horizonEnd: number | null;
    windowEnd: number | null;
    normReach: number | null;
    responseBusinessMs: number | null;
    responseInHours: 0 | 1 | null;
    answerInNorm: 0 | 1 | null;
  },
): RequestTimes | undefined {
  if (key !== expected || t.horizonEnd === null || t.windowEnd === null) return undefined;
  return {
    horizonEnd: t.horizonEnd,
    windowEnd: t.windowEnd,
    normReach: t.normReach,
    responseBusinessMs: t.responseBusinessMs,
    responseInHours: t.responseInHours === null ? null : t.responseInHours === 1,
    answerInNorm: t.answerInNorm === null ? null : t.answerInNorm === 1,
  };
}

/** The expected key of each office hours object, computed once per report. */
export function keyer(settings: Settings): (h: OfficeHours) => number {
  const params = methodParamsOf(settings);
  const keys = new Map<OfficeHours, number>();
  return (h) => {
    let k = keys.get(h);
    if (k === undefined) keys.set(h, (k = timesKey(h, params)));
    return k;
  };
}
