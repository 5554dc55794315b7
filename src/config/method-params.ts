import { holidayCalendar } from '../analysis/holidays.js';
import type { MethodParams } from '../analysis/metrics.js';
import { HoursBook } from '../analysis/request-times.js';
import type { Settings } from './load.js';

/** The method parameters (METHOD.md 3-4b) of the settings, as the metrics take them. */
export function methodParamsOf(settings: Settings): MethodParams {
  const m = settings.config.method;
  return {
    windowDays: m.answer_window_days,
    normWorkingDays: m.norm_working_days,
    horizonDays: m.score_horizon_days,
    zone: settings.config.timezone,
  };
}

/** Office hours by stored JSON with the settings' zone, default hours and holiday calendar (METHOD.md 4). */
export function hoursBookOf(settings: Settings): HoursBook {
  const m = settings.config.method;
  return new HoursBook(settings.config.timezone, m.office_hours, holidayCalendar(m.holidays));
}
