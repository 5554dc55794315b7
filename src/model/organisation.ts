import type { Platform } from './platform.js';

/** One range of office time on a weekday, "HH:MM" local time; to may be "24:00". */
export interface TimeRange {
  from: string;
  to: string;
}
/** Weekly office hours: ISO weekday (1 = Monday .. 7 = Sunday) -> ranges. Missing day = closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, TimeRange[]>>;

export interface Organisation {
  id: string;
  name: string;
  officialName?: string;
  cbs?: string;
  province?: string;
  population?: number;
  /** Handles per platform; several per platform answer for each other (main + webcare). */
  accounts: Partial<Record<Platform, string[]>>;
  /** Office hours of this organisation; undefined = the configured default. */
  hours?: WeeklyHours;
  /** Office hours of single accounts, by "platform:handle" (lowercase handle), overriding `hours`. */
  accountHours?: Record<string, WeeklyHours>;
}

export interface AccountRef {
  platform: Platform;
  handle: string;
}
