import type { AccountsTable } from './accounts.js';
import type { AlertRequestsTable, AlertSummariesTable } from './alerts.js';
import type { BiosTable } from './bios.js';
import type { CursorsTable } from './cursors.js';
import type { OrganisationsTable } from './organisations.js';
import type { MethodSettingsTable } from './method-settings.js';
import type { PollRunsTable } from './poll-runs.js';
import type { PostAliasesTable } from './post-aliases.js';
import type { PostsTable } from './posts.js';
import type { PrivacyTable } from './privacy.js';
import type { RequestsTable } from './requests.js';
import type { RequestWeekSetsTable, RequestWeeksTable } from './request-weeks.js';
import type { JobRunsTable, PlatformWaitsTable, WorkersTable } from './workers.js';

/** The database as kysely sees it. Timestamps are ISO-8601 UTC text (sortable). */
export interface Database {
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  cursors: CursorsTable;
  posts: PostsTable;
  requests: RequestsTable;
  bios: BiosTable;
  poll_runs: PollRunsTable;
  method_settings: MethodSettingsTable;
  post_aliases: PostAliasesTable;
  privacy: PrivacyTable;
  alert_requests: AlertRequestsTable;
  alert_summaries: AlertSummariesTable;
  request_week_sets: RequestWeekSetsTable;
  request_weeks: RequestWeeksTable;
  job_runs: JobRunsTable;
  workers: WorkersTable;
  platform_waits: PlatformWaitsTable;
}
export type {
  AccountsTable,
  AlertRequestsTable,
  AlertSummariesTable,
  BiosTable,
  CursorsTable,
  JobRunsTable,
  PlatformWaitsTable,
  WorkersTable,
  MethodSettingsTable,
  OrganisationsTable,
  PollRunsTable,
  PostsTable,
  RequestsTable,
  RequestWeekSetsTable,
  RequestWeeksTable,
};
