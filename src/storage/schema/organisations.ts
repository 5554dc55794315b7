/** organisations: one row per organisation of the registry (+ config); id is the slug. */
export interface OrganisationsTable {
  id: string;
  name: string;
  official_name: string | null;
  cbs: string | null;
  province: string | null;
  population: number | null;
  hours: string | null; // JSON WeeklyHours, null = configured default
  updated_at: string;
}
