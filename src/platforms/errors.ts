/** How a platform call failed, as schedule state needs it (faults become state, not crashes). */
export type FetchFailure =
  | { kind: 'rate-limited'; retryAt: Date; waitMs?: number; detail: string }
  | { kind: 'transient'; detail: string } // 5xx, timeouts, broken bodies: back off and retry
  | { kind: 'auth'; detail: string } // 401/403: credentials or access level
  | { kind: 'bad-request'; detail: string }; // 400: our query or cursor

/** Thrown by platform clients; carries the failure kind. */
export class PlatformError extends Error {
  constructor(readonly failure: FetchFailure) {
    super(failure.detail);
    this.name = 'PlatformError';
  }
}
