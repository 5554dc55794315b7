import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';
import { ROOT } from '../helpers/spawn.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test: skipped, no ${CHROMIUM} (install it with: apt-get install chromium)`);

const t = testContext(FIXTURE_CONFIG, '2026-12-15T12:00:00.000Z');
afterAll(() => t.close());

describe.skipIf(!hasChromium)('the HTML digest in headless Chromium', () => {
  const out = `${t.tmp.dir}/digests`;
  beforeAll(async () => {
    await seedFixtureWeek(t.ctx, await t.ctx.store());
    await t.ctx.destroy();
    const r = await cli([
      'digest',
      '--week',
      '2026-W45',
      '--out',
      out,
      '--db',
      `${t.tmp.dir}/w.db`,
      '--config',
      `${t.tmp.dir}/webcare.yaml`,
      '--formats',
      'html',
    ]);
    expect(r.code).toBe(0);
  });

  it('draws its charts, logs no errors and loads nothing from elsewhere', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      const external: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/*', (route) =>
        route.request().url().startsWith('file:')
          ? route.continue()
          : (external.push(route.request().url()), route.abort()),
      );
      await page.goto(`file://${out}/2026-W45.html`);
      const svgs = await page.$$eval('svg', (els) =>
        els.map((e) => ({
          w: e.getBoundingClientRect().width,
          h: e.getBoundingClientRect().height,
          marks: e.querySelectorAll('rect').length,
        })),
      );
      expect(svgs).toHaveLength(4);
      for (const s of svgs) {
        expect(s.w).toBeGreaterThan(100);
        expect(s.h).toBeGreaterThan(30);
        expect(s.marks).toBeGreaterThan(0);
      }
      const bars = await page.$$eval(
        'svg rect.bar',
        (els) => els.filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0).length,
      );
      expect(bars).toBeGreaterThan(5);
      expect(await page.title()).toBe('Webcare digest 2026-W45');
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      mkdirSync(`${ROOT}/test-artifacts`, { recursive: true });
      await page.screenshot({ path: `${ROOT}/test-artifacts/digest-2026-W45.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
