/** A kept week (migration 0010): its rows in request_weeks hold from settled_ms on, for window_ms. */
export interface RequestWeekSetsTable {
  start_ms: number;
  end_ms: number;
  settled_ms: number;
  window_ms: number;
  kept_at: string;
  /** Null for a whole week; else a part: the requests settled at this instant (migration 0011). */
  cut_ms: number | null;
  /** A part's last instant (migration 0016): it holds for T in [cut_ms, until_ms]; null for a whole week. */
  until_ms: number | null;
}

/**
 * The counts of one kept week, organisation, platform and kind (storage/request-weeks.ts writes and
 * reads them with raw statements, the columns named as storage/request-counts.ts counts them), and
 * the distributions' values as little-endian float64 ms, for an organisation (platform and kind '')
 * or one of its platforms and kinds.
 */
export interface RequestWeeksTable {
  start_ms: number;
  end_ms: number;
  org_id: string;
  platform: string;
  kind: string;
  key_min: number | null;
  key_max: number | null;
  requests: number;
  questions: number;
  reports: number;
  answered: number;
  redirected: number;
  acknowledged: number;
  unanswered: number;
  pending: number;
  community: number;
  other_org: number;
  final_at: number;
  provisional: number;
  outcomes_final_at: number | null;
  in_horizon_hit: number;
  in_horizon_base: number;
  answered_in_horizon: number;
  within1h_hit: number;
  within1h_base: number;
  within24h_hit: number;
  within24h_base: number;
  within_norm_hit: number;
  within_norm_base: number;
  timed: number;
  out_of_hours: number;
  answers: number;
  censored_at_window: number;
  wall: Buffer | null;
  business: Buffer | null;
  answer: Buffer | null;
  /** A part's requests still censored at its cut, as their created instants (migration 0016). */
  censored: Buffer | null;
}
