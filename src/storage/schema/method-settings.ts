/** method_settings: the method parameters the stored outcomes were computed with (one row, id 1). */
export interface MethodSettingsTable {
  id: number;
  method_version: number;
  reader_version: number;
  answer_window_days: number;
  norm_working_days: number;
  updated_at: string;
  /** JSON of the config's whole `method` block the figures were computed with (null before migration 0004). */
  method_json: string | null;
}
