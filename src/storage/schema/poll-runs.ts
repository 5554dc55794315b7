import type { Platform } from '../../model/index.js';
import type { Generated } from 'kysely';

/** poll_runs: one row per poll of a platform, with what it cost. */
export interface PollRunsTable {
  id: Generated<number>;
  platform: Platform;
  trigger: string; // cron | cli | demo
  started_at: string;
  finished_at: string | null;
  requests_made: Generated<number>;
  posts_read: Generated<number>;
  users_read: Generated<number>;
  posts_stored: Generated<number>;
  errors: Generated<number>;
  last_error: string | null;
}
