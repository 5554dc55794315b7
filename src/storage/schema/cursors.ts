import type { Platform } from '../../model/index.js';

/** cursors: where each stream continues (since_id, min_id, ...). scope = "account:<id>" or "batch:<key>". */
export interface CursorsTable {
  platform: Platform;
  scope: string;
  stream: string;
  value: string;
  updated_at: string;
}
