import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { DEFAULT_CALENDAR, DEFAULT_HOLIDAY_DAYS, holidayCalendar } from '../../src/analysis/holidays.js';
import { businessMillis } from '../../src/analysis/business-time.js';
import { tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function load(yaml: string) {
  const file = tmp.file(`h${Math.random().toString(36).slice(2)}.yaml`, yaml);
  return { file, run: () => loadSettings({ configPath: file, env: {} }) };
}

describe('config: method.holidays', () => {
  it.each([
    [
      'a day name not in the list',
      'method:\n  holidays:\n    days: [nieuwjaarsdag, pasen]\n',
      'method.holidays.days[1]: must be one of "nieuwjaarsdag", "goede_vrijdag",',
    ],
    [
      'an extra date that is no date',
      'method:\n  holidays:\n    extra: ["24-12-2026"]\n',
      'method.holidays.extra[0]: extra holidays must be local dates like "2026-12-24" (line 3)',
    ],
    [
      'an extra date not in the calendar',
      'method:\n  holidays:\n    extra: [2026-02-30]\n',
      'method.holidays.extra[0]: not a date in the calendar (line 3)',
    ],
    ['an unknown key', 'method:\n  holidays:\n    dayz: []\n', 'method.holidays.dayz: unknown key (line 3)'],
    [
      'days not a list',
      'method:\n  holidays:\n    days: koningsdag\n',
      'method.holidays.days: must be an array (line 3)',
    ],
  ])('%s', (_name, yaml, message) => {
    const { file, run } = load(yaml);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(`${file}: ${message}`);
  });

  it('defaults to the list of METHOD.md 4 without extra dates', () => {
    const s = load('{}').run();
    expect(s.config.method.holidays).toEqual({ days: [...DEFAULT_HOLIDAY_DAYS], extra: [] });
    expect(holidayCalendar(s.config.method.holidays).key).toBe(DEFAULT_CALENDAR.key);
  });

  it('reads days and unquoted extra dates (YAML dates stay text) into a calendar', () => {
    const s = load(
      'method:\n  holidays:\n    days: [nieuwjaarsdag, eerste_kerstdag, tweede_kerstdag, goede_vrijdag, bevrijdingsdag]\n    extra: [2026-12-24, "2026-12-31"]\n',
    ).run();
    expect(s.config.method.holidays.extra).toEqual(['2026-12-24', '2026-12-31']);
    const cal = holidayCalendar(s.config.method.holidays);
    expect([...cal.dates(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-05-05',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
    // Not in this list: Hemelvaart Thursday 14 May 2026 is a working day (08:30-17:00 = 8.5 h).
    const hours = { zone: 'Europe/Amsterdam', weekly: s.config.method.office_hours, holidays: cal };
    expect(businessMillis('2026-05-14T06:00:00Z', '2026-05-14T16:00:00Z', hours) / 3_600_000).toBe(8.5);
  });

  it('an empty days list closes no named day', () => {
    const s = load('method:\n  holidays: { days: [] }\n').run();
    expect(holidayCalendar(s.config.method.holidays).dates(2026).size).toBe(0);
  });
});
