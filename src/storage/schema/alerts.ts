import type { Platform } from '../../model/index.js';

/** What a webhook post did: sent (never again for this subject and webhook), or failed (tried again later). */
export type AlertStatus = 'sent' | 'failed';

/** alert_requests: one row per (request, webhook) an alert was tried for (migration 0009, docs/alerts.md). */
export interface AlertRequestsTable {
  platform: Platform;
  post_id: string;
  org_id: string;
  /** The webhook's name (config `name` or a hash of its URL), never the URL. */
  webhook: string;
  status: AlertStatus;
  /** Posts tried, over all checks. */
  attempts: number;
  first_tried_at: string;
  last_tried_at: string;
  sent_at: string | null;
  /** Not before this instant (a 429's Retry-After longer than a check waits). */
  retry_at: string | null;
  last_error: string | null;
}

/** alert_summaries: one row per (daily summary slot, webhook); slot is the local minute it was due. */
export interface AlertSummariesTable {
  slot: string;
  webhook: string;
  status: AlertStatus;
  attempts: number;
  first_tried_at: string;
  last_tried_at: string;
  sent_at: string | null;
  retry_at: string | null;
  last_error: string | null;
}
