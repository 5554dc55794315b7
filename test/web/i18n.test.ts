import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load.js';
import { sizeClassOf } from '../../src/reports/size-class.js';
import { formatterOf } from '../../src/web/format.js';
import { en } from '../../src/web/i18n/en.js';
import { fill, langOf } from '../../src/web/i18n/index.js';
import { nl } from '../../src/web/i18n/nl.js';
import { parseAsked, ParamError, selectionOf } from '../../src/web/params.js';
import { ERROR } from '../../src/web/templates/error.js';
import { FILTERS } from '../../src/web/templates/filters.js';
import { LAYOUT } from '../../src/web/templates/layout.js';
import { NATIONAL } from '../../src/web/templates/national.js';
import { ORG } from '../../src/web/templates/org.js';
import { TABLE } from '../../src/web/templates/table.js';

const ZONE = 'Europe/Amsterdam';

describe('language', () => {
  it.each([
    [undefined, undefined, 'nl'],
    ['en', 'nl', 'en'],
    ['nl', 'en', 'nl'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    [undefined, 'nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    [undefined, 'en;q=0.8,nl;q=0.8', 'en'],
    [undefined, 'nl;q=0.8,en;q=0.8', 'nl'],
    [undefined, 'de,en;q=0.5', 'en'],
    [undefined, 'de,fr', 'nl'],
    [undefined, 'en;q=0', 'nl'],
    ['fr', 'fr', 'nl'],
  ] as const)('?lang=%s with Accept-Language %s is %s', (q, header, lang) => {
    expect(langOf(q, header)).toBe(lang);
  });

  it('the two catalogues have the same keys, every message filled in', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
    expect(fill(nl.rankOf, { rank: 3, n: 40 })).toBe('3 van 40');
  });

  it('the templates hold no UI text: between tags only interpolations and punctuation', () => {
    for (const t of [LAYOUT, TABLE, FILTERS, NATIONAL, ORG, ERROR]) {
      const text = t
        .replace(/<%[\s\S]*?%>/g, '')
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<[^>]*>/g, ' ');
      expect(text.replace(/[\s·:*]/g, '')).toBe('');
    }
  });
});

describe('numbers and dates as the page shows them', () => {
  const nlF = formatterOf('nl', ZONE, 2026);
  const enF = formatterOf('en', ZONE, 2026);
  it.each([
    [nlF, 6.4, '6,4', '64%', 'ma 2 nov', '1.234'],
    [enF, 6.4, '6.4', '64%', 'Mon 2 Nov', '1,234'],
  ])('%#', (f, x, num, pct, date, int) => {
    expect(f.num(x)).toBe(num);
    expect(f.pct(0.64)).toBe(pct);
    expect(f.date('2026-11-02T10:00:00Z')).toBe(date);
    expect(f.int(1234)).toBe(int);
    expect(f.num(null)).toBe('–');
  });
  it('durations in minutes, hours and days; another year shows its year', () => {
    expect([nlF.hours(0.5), nlF.hours(4.25), nlF.hours(72)]).toEqual(['30 min', '4,3 u', '3,0 d']);
    expect(enF.hours(4.25)).toBe('4.3 h');
    expect(nlF.date('2025-12-29T10:00:00Z')).toBe('ma 29 dec 2025');
    expect(nlF.dateTime('2026-11-03T09:05:00Z')).toBe('di 3 nov 10:05');
  });
});

describe('parameters', () => {
  const settings = loadSettings({ env: {} });
  const now = new Date('2026-11-26T12:00:00Z');
  it('the default period is the last 4 complete weeks before the instant', () => {
    const { selection, defaulted } = selectionOf(parseAsked({}, settings, now), now, ZONE);
    expect(defaulted).toBe(true);
    expect(selection.since.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(selection.until.toISOString()).toBe('2026-11-22T23:00:00.000Z');
  });
  it.each([
    [{ as_of: 'later' }, 'as_of'],
    [{ as_of: '2026-12-01' }, 'as_of'],
    [{ until: '2026-02-30' }, 'until'],
    [{ province: 'Atlantis' }, 'province'],
    [{ platform: 'tiktok' }, 'platform'],
    [{ metric: 'vibes' }, 'metric'],
    [{ sort: 'random' }, 'sort'],
    [{ lang: 'de' }, 'lang'],
    [{ excel: 'maybe' }, 'excel'],
    [{ platform: ['x', 'mastodon'] }, 'platform'],
    [{ as_of: ['2026-11-01', '2026-11-02'] }, 'as_of'],
  ])('%o is a ParamError naming %s', (q, name) => {
    let err: unknown;
    try {
      parseAsked(q, settings, now);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParamError);
    expect((err as ParamError).param).toBe(name);
    expect((err as Error).message.startsWith(`${name}=`)).toBe(true);
  });
  it('a parameter repeated with the same value, or once empty, is asked once', () => {
    expect(parseAsked({ platform: ['x', 'x'] }, settings, now).platform).toBe('x');
    expect(parseAsked({ platform: ['', 'x'] }, settings, now).platform).toBe('x');
  });
  it('a province matches whatever its case; size classes follow CBS-like population bands', () => {
    expect(parseAsked({ province: 'noord-holland' }, settings, now).province).toBe('Noord-Holland');
    expect([19_999, 20_000, 99_999, 250_000, undefined].map(sizeClassOf)).toEqual([
      'lt20k',
      '20k-50k',
      '50k-100k',
      'gt250k',
      undefined,
    ]);
  });
});
