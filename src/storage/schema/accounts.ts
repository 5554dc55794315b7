import type { Platform } from '../../model/index.js';
import type { Generated } from 'kysely';

/** accounts: (platform, handle) of an organisation, with its schedule state (the schedule is data). */
export interface AccountsTable {
  id: Generated<number>;
  org_id: string;
  platform: Platform;
  handle: string; // case-insensitive unique per platform
  platform_user_id: string | null;
  retired_at: string | null; // gone from config: kept for history, not polled
  next_check_at: string | null;
  retry_at: string | null;
  error_count: Generated<number>;
  last_error: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
  created_at: string;
  /** JSON WeeklyHours of this account, overriding its organisation's; null = the organisation's. */
  hours: string | null;
  /** The worker that claimed it for the current poll cycle, and until when (migration 0014). */
  lease_owner: string | null;
  lease_until: string | null;
}
