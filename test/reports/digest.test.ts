import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';

const t = testContext(FIXTURE_CONFIG, '2026-12-15T12:00:00.000Z');
const db = `${t.tmp.dir}/w.db`;
const config = `${t.tmp.dir}/webcare.yaml`;
const out = `${t.tmp.dir}/digests`;
beforeAll(async () => {
  await seedFixtureWeek(t.ctx, await t.ctx.store());
  await t.ctx.destroy();
});
afterAll(() => t.close());

describe('webcare digest', () => {
  it('writes the four files of a week', async () => {
    const r = await cli(['digest', '--week', '2026-W45', '--out', out, '--db', db, '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('digest 2026-W45: 14 requests');
    for (const ext of ['md', 'html', 'csv', 'json']) expect(r.stdout).toContain(`${out}/2026-W45.${ext}`);
  });

  it('JSON: the method, national numbers, league with rank change, bios and platforms', () => {
    const d = JSON.parse(readFileSync(`${out}/2026-W45.json`, 'utf8'));
    expect(d.method).toMatchObject({
      version: 1,
      weights: { response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 },
      answer_window_days: 30,
      norm_working_days: 2,
    });
    expect(d.national).toMatchObject({ requests: 14, answered: 8, unanswered: 4, score: 7.4, median_hours: 2 });
    expect(d.previous_week).toMatchObject({ week: '2026-W44', requests: 3 });
    expect(d.change.requests).toBe(11);
    expect(
      d.league.map((l: { rank: number; key: string; score: number; rank_change: number | null }) => [
        l.rank,
        l.key,
        l.score,
        l.rank_change,
      ]),
    ).toEqual([
      [1, 'utrecht', 9.7, null],
      [2, 'zwolle', 5.1, null],
    ]);
    expect(d.most_unanswered.map((o: { key: string }) => o.key)).toEqual(['zwolle', 'ede']);
    expect(d.platforms.map((p: { key: string }) => p.key)).toEqual(['mastodon', 'x']);
    expect(d.bios.changed.map((b: { org: string }) => b.org)).toEqual(['utrecht']);
    expect(d.bios.deflecting.map((b: { org: string }) => b.org)).toEqual(['zwolle']);
    expect(d.bios.not_monitored.map((b: { org: string }) => b.org)).toEqual(['ede']);
    expect(d.response_time_histogram).toEqual([
      { bucket: '< 1 h', count: 1 },
      { bucket: '1-4 h', count: 6 },
      { bucket: '4-24 h', count: 1 },
      { bucket: '1-2 days', count: 1 },
      { bucket: '2-7 days', count: 1 },
      { bucket: '> 7 days', count: 0 },
    ]);
    // Asked Wednesday 10:00 local: the three 1 h responses fall in the 11:00 hour, the two 2 h ones at 12:00.
    const cell = (weekday: number, hour: number) =>
      d.heatmap.find((c: { weekday: number; hour: number }) => c.weekday === weekday && c.hour === hour);
    expect(cell(3, 11)).toMatchObject({ responses: 3, office: true });
    expect(cell(3, 12)).toMatchObject({ responses: 2, office: true });
    expect(cell(7, 3)).toMatchObject({ responses: 0, office: false });
    expect(d.stated_vs_actual.find((s: { org: string }) => s.org === 'utrecht')).toMatchObject({
      responses: 6,
      inside_stated_hours: 1,
      when_closed: 0,
    });
  });

  it('CSV: one row per organisation, with a header', () => {
    const lines = readFileSync(`${out}/2026-W45.csv`, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^key,label,requests,questions,reports,closed,responded,answered,/);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.find((l) => l.startsWith('utrecht,'))).toContain(',GM0344,Utrecht');
  });

  it('HTML: inline SVG charts, nothing loaded from another host', () => {
    const html = readFileSync(`${out}/2026-W45.html`, 'utf8');
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/\bsrc=|@import|url\(/i);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.every((h) => /^https:\/\/x\.com\//.test(h) || h.startsWith('#'))).toBe(true);
  });

  it('an empty week gives a digest that says so', async () => {
    const r = await cli([
      'digest',
      '--week',
      '2026-W40',
      '--out',
      out,
      '--db',
      db,
      '--config',
      config,
      '--formats',
      'md,json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no requests this week');
    expect(readFileSync(`${out}/2026-W40.md`, 'utf8')).toContain('No requests were found this week.');
    expect(JSON.parse(readFileSync(`${out}/2026-W40.json`, 'utf8'))).toMatchObject({ empty: true, league: [] });
  });

  it('lists the oldest open requests with links', async () => {
    await cli(['digest', '--week', '2026-W50', '--out', out, '--db', db, '--config', config, '--formats', 'json']);
    const d = JSON.parse(readFileSync(`${out}/2026-W50.json`, 'utf8'));
    expect(d.oldest_open).toHaveLength(2);
    expect(d.oldest_open[0]).toMatchObject({
      org: 'zwolle',
      kind: 'question',
      url: expect.stringMatching(/^https:\/\/x\.com\/i\/status\//),
    });
  });

  it('refuses a bad week or format with exit 2', async () => {
    expect((await cli(['digest', '--week', 'W45', '--db', db, '--config', config])).code).toBe(2);
    expect((await cli(['digest', '--formats', 'pdf', '--db', db, '--config', config])).code).toBe(2);
  });
});
