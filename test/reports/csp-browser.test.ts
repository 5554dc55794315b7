/// <reference lib="dom" />
// The Content-Security-Policy of the HTML digest in headless Chromium: the page keeps its style and charts
// with no error, and markup that got past the escaping (simulated here by inserting it) cannot run or load.
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../src/reports/digest-html.js';
import { tempDir } from '../helpers/cli.js';
import { digestWith } from './digest-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`CSP browser test: skipped, no ${CHROMIUM} (install it with: apt-get install chromium)`);

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// What an escaping bug could let through: a script, an event handler, a remote image, a <base>, a form.
const INJECTED =
  '<script>document.title = "pwned"</script>' +
  '<img src="x" onerror="document.title = \'pwned by onerror\'">' +
  '<img src="https://evil.example/pixel.png">' +
  '<base href="https://evil.example/">' +
  '<form action="https://evil.example/"><button id="send">send</button></form>';

describe.skipIf(!hasChromium)('the digest Content-Security-Policy in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(() => browser?.close());

  async function open(html: string) {
    const file = tmp.file(`page-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const errors: string[] = [];
    // What reaches the network (aborted here); a request the policy blocks never gets this far.
    const requests: string[] = [];
    const blocked: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => r.failure()?.errorText === 'csp' && blocked.push(r.url()));
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:')
        ? route.continue()
        : (requests.push(route.request().url()), route.abort()),
    );
    await page.goto(`file://${file}`);
    return { page, errors, requests, blocked };
  }

  it('the page as written: styled, four charts, no errors', async () => {
    const { page, errors, requests } = await open(renderHtml(digestWith()));
    expect(await page.title()).toBe('Webcare digest 2026-W45');
    expect(await page.$$eval('svg', (els) => els.length)).toBe(4);
    // The inline <style> applies (style-src 'unsafe-inline').
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('980px');
    expect(await page.$$eval('a', (els) => els.map((e) => e.getAttribute('href')))).toEqual([
      'https://x.com/i/status/1',
    ]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('injected markup does not run, load or submit: the policy refuses it', async () => {
    const html = renderHtml(digestWith()).replace('<body>', `<body>${INJECTED}`);
    const { page, errors, requests, blocked } = await open(html);
    await page.waitForTimeout(200);
    expect(await page.title()).toBe('Webcare digest 2026-W45');
    expect(requests).toEqual([]);
    expect(blocked).toContain('https://evil.example/pixel.png');
    expect(errors.filter((e) => /Content Security Policy/.test(e)).length).toBeGreaterThanOrEqual(3);
    // The form is refused too (form-action 'none'): the page stays where it is.
    await page.evaluate("document.querySelector('form').requestSubmit()");
    await page.waitForTimeout(200);
    expect(page.url()).toMatch(/^file:/);
    expect(requests).toEqual([]);
    // The charts are still drawn.
    expect(await page.$$eval('svg rect.bar', (els) => els.length)).toBeGreaterThan(3);
    await page.close();
  });
});
