import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('webcare demo', () => {
  it('runs a short simulated week for all 342 gemeenten and prints the summary and the digest files', async () => {
    const r = await cli([
      'demo',
      '--days',
      '7',
      '--tick',
      '24',
      '--db',
      `${tmp.dir}/demo.db`,
      '--out',
      `${tmp.dir}/digests`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^webcare demo: SIMULATED data \(seed 42\) for 342 organisations, 7 days; no network is used\./,
    );
    expect(r.stdout).toMatch(
      /National \(2026-10-26 to 2026-11-01; answer window 7 days in the demo\):\n {2}requests \d+, responded \d+%/,
    );
    expect(r.stdout).toMatch(/as of 2026-11-02 00:00: PROVISIONAL \(\*\), final from 2026-11-0\d/);
    expect(r.stdout).toContain('Digest of 2026-W44 (PROVISIONAL: final from 2026-11-08T23:00:00.000Z');
    expect(r.stdout).toContain('Top 5 (with every organisation sharing the 5th rank):');
    expect(r.stdout).toContain('Try next:');
    expect(r.stdout).toMatch(/npx webcare serve --db \S+ --config \S+ +# the dashboard/);
    for (const ext of ['md', 'html', 'csv', 'json'])
      expect(existsSync(`${tmp.dir}/digests/2026-W44.${ext}`)).toBe(true);
    // The commands that write (here rollup) work on the demo database with its config alone.
    const cfg = `${tmp.dir}/demo-config.yaml`;
    const rollup = await cli(['rollup', '--db', `${tmp.dir}/demo.db`, '--config', cfg, '--format', 'json']);
    expect(rollup.code, rollup.stderr).toBe(0);
    expect(JSON.parse(rollup.stdout).requests).toBeGreaterThan(100);
  }, 90_000); // a 342-gemeente world: 15-25 s alone, more on a loaded 2-core machine

  it('refuses bad numbers with exit 2', async () => {
    const r = await cli(['demo', '--days', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--days many: expected a whole number from 7 to 365');
  });
});
