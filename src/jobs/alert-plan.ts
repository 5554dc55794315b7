import type { AlertSettings } from '../config/alerts.js';
import type { AlertJob } from './alerts.js';

/** The alerts' schedules for the daemon: the check, and the daily summary unless it is off. */
export function alertPlan(
  alerts: AlertJob,
  s: AlertSettings,
): { name: 'alerts' | 'alert-summary'; key: string; expr: string; run: () => Promise<void> }[] {
  const plan: ReturnType<typeof alertPlan> = [
    { name: 'alerts', key: 'alerts.check', expr: s.check, run: async () => void (await alerts.check()) },
  ];
  if (s.dailySummary !== false)
    plan.push({
      name: 'alert-summary',
      key: 'alerts.daily_summary',
      expr: s.dailySummary,
      run: async () => void (await alerts.summary()),
    });
  return plan;
}
