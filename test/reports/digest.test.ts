import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { defaultDigestDir, digestJob } from '../../src/reports/digest-job.js';
import { createLogger } from '../../src/logger.js';
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

// The fixture was seen on 15 Dec 2026: every W45 window is closed then.
const SEEN = '2026-12-15T12:00:00.000Z';
const run = (args: string[], now = SEEN) => cli([...args, '--db', db, '--config', config], '', now);

describe('webcare digest', () => {
  it('writes the four files of a week', async () => {
    const r = await run(['digest', '--week', '2026-W45', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('digest 2026-W45: 14 requests (final)');
    for (const ext of ['md', 'html', 'csv', 'json']) expect(r.stdout).toContain(`${out}/2026-W45.${ext}`);
  });

  it('JSON: the method, national numbers, league with rank change, bios and platforms', () => {
    const d = JSON.parse(readFileSync(`${out}/2026-W45.json`, 'utf8'));
    expect(d).toMatchObject({ as_of: SEEN, final: true, final_at: '2026-11-15T23:00:00.000Z' });
    expect(d.method).toMatchObject({
      version: 2,
      score_horizon_days: 7,
      weights: { response_rate: 0.4, substance: 0.2, speed: 0.25, accessibility: 0.15 },
      answer_window_days: 30,
      norm_working_days: 2,
    });
    expect(d.national).toMatchObject({ requests: 14, answered: 8, unanswered: 4, score: 7.3, median_hours: 2 });
    // The latest complete week on 15 Dec is W50: its figures are added, provisional.
    expect(d.latest_week).toMatchObject({ week: '2026-W50', requests: 2, final: false });
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
      [1, 'utrecht', 9.4, null],
      [2, 'zwolle', 5.1, null],
    ]);
    // Ede (2 requests) is below the minimum of 5 that every ranking needs.
    expect(d.most_without_response.map((o: { key: string; no_response: number }) => [o.key, o.no_response])).toEqual([
      ['zwolle', 3],
    ]);
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
    expect(lines[0]).toMatch(
      /^key,label,requests,questions,reports,closed,responded,due,not_yet_due,no_response,answered,/,
    );
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
    const r = await run(['digest', '--week', '2026-W40', '--out', out, '--formats', 'md,json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no requests this week');
    expect(readFileSync(`${out}/2026-W40.md`, 'utf8')).toContain('No requests were found this week.');
    expect(JSON.parse(readFileSync(`${out}/2026-W40.json`, 'utf8'))).toMatchObject({ empty: true, league: [] });
  });

  it('lists the oldest open requests with links', async () => {
    await run(['digest', '--week', '2026-W50', '--out', out, '--formats', 'json']);
    const d = JSON.parse(readFileSync(`${out}/2026-W50.json`, 'utf8'));
    expect(d.oldest_open).toHaveLength(2);
    expect(d.oldest_open[0]).toMatchObject({
      org: 'zwolle',
      kind: 'question',
      url: expect.stringMatching(/^https:\/\/x\.com\/i\/status\//),
    });
  });

  it('without --week: the last week whose figures are final (Monday 07:00: the week before last), last week added as provisional', async () => {
    const r = await run(['digest', '--out', out, '--formats', 'json'], '2026-11-16T06:00:00.000Z');
    expect(r.stdout).toMatch(/^digest 2026-W45: 14 requests \(final\)/);
    const d = JSON.parse(readFileSync(`${out}/2026-W45.json`, 'utf8'));
    expect(d.latest_week).toMatchObject({ week: '2026-W46', requests: 0 });
    // One hour earlier W45 is not final yet: the default is W44.
    expect((await run(['digest', '--out', out, '--formats', 'json'], '2026-11-15T22:00:00.000Z')).stdout).toMatch(
      /^digest 2026-W44: 3 requests \(final\)/,
    );
  });

  it('the week read on the Monday after (provisional) and once final: the final rates and score do not change after', async () => {
    const at = async (now: string) => {
      const dir = `${out}/${now.slice(0, 10)}`;
      await run(['digest', '--week', '2026-W45', '--out', dir, '--formats', 'json'], now);
      return JSON.parse(readFileSync(`${dir}/2026-W45.json`, 'utf8'));
    };
    const monday = await at('2026-11-09T06:00:00.000Z');
    const final = await at('2026-11-16T06:00:00.000Z');
    const month = await at(SEEN);
    expect(monday).toMatchObject({ final: false });
    // On the Monday after, the 4 requests without a response are not yet due (their horizon ends on
    // 11 Nov): the provisional rate counts only the 10 that got a response, so it reads 100%, and
    // says it is provisional. This is why the digest publishes the week before last by default.
    expect(monday.national).toMatchObject({ due: 10, not_yet_due: 4, response_rate: 1 });
    expect([final.final, month.final]).toEqual([true, true]);
    const headline = (d: {
      national: Record<string, unknown>;
      league: { key: string; rank: number; score: number }[];
    }) => ({
      ...Object.fromEntries(
        ['requests', 'due', 'response_rate', 'substance', 'within_1h', 'within_24h', 'within_norm', 'score'].map(
          (k) => [k, d.national[k]],
        ),
      ),
      league: d.league.map((l) => [l.rank, l.key, l.score]),
    });
    expect(headline(final)).toEqual(headline(month));
    expect(final.national).toMatchObject({ due: 14, response_rate: 0.7143, within_norm: 0.5714, score: 7.3 });
    // The 30-day outcomes are not final a week later: the three Zwolle questions are still pending then.
    expect(final.national).toMatchObject({ pending: 4, unanswered: 0 });
    expect(month.national).toMatchObject({ pending: 0, unanswered: 4 });
  });

  it("the daemon's Monday digest equals the one written a month later with --as-of its instant", async () => {
    t.clock.t = new Date('2026-11-16T06:00:00.000Z'); // Monday 07:00 in Amsterdam
    const store = await t.ctx.store();
    await digestJob(t.ctx, store, createLogger({ level: 'silent' }));
    await t.ctx.destroy();
    const daemonDir = defaultDigestDir(db);
    const published = JSON.parse(readFileSync(`${daemonDir}/2026-W45.json`, 'utf8'));
    expect(published).toMatchObject({ as_of: '2026-11-16T06:00:00.000Z', final: true });
    await run(['digest', '--week', '2026-W45', '--out', `${out}/check`, '--as-of', published.as_of]);
    for (const ext of ['md', 'html', 'csv', 'json'])
      expect(readFileSync(`${out}/check/2026-W45.${ext}`, 'utf8')).toBe(
        readFileSync(`${daemonDir}/2026-W45.${ext}`, 'utf8'),
      );
  });

  it('--as-of reproduces an earlier digest byte for byte', async () => {
    await run(['digest', '--week', '2026-W45', '--out', `${out}/then`], '2026-11-16T06:00:00.000Z');
    await run(['digest', '--week', '2026-W45', '--out', `${out}/later`, '--as-of', '2026-11-16T06:00:00.000Z']);
    for (const ext of ['md', 'html', 'csv', 'json']) {
      expect(readFileSync(`${out}/later/2026-W45.${ext}`, 'utf8')).toBe(
        readFileSync(`${out}/then/2026-W45.${ext}`, 'utf8'),
      );
    }
    expect((await run(['digest', '--as-of', '2027-01-01', '--out', out])).code).toBe(2);
  });

  it('--month: the 30-day outcome counts of a month, provisional until 30 days after it', async () => {
    const r = await run(['digest', '--month', '2026-11', '--out', out, '--formats', 'json,md']);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(`${out}/2026-11.json`, 'utf8'));
    expect(m.meta).toMatchObject({ method: 2, outcomes_final: false, outcomes_final_at: '2026-12-30T23:00:00.000Z' });
    expect(m.national).toMatchObject({
      requests: 14,
      answered: 8,
      redirected: 1,
      acknowledged: 1,
      unanswered: 4,
      pending: 0,
    });
    expect(m.national.not_answered_share).toBeCloseTo(6 / 14, 4);
    expect(readFileSync(`${out}/2026-11.md`, 'utf8')).toContain('PROVISIONAL');
    const later = await run(
      ['digest', '--month', '2026-11', '--out', `${out}/m2`, '--formats', 'json'],
      '2027-01-05T12:00:00.000Z',
    );
    expect(later.code).toBe(0);
    // Nothing was collected after 15 December: the figures stand as of then, and stderr says so,
    // rather than reading every question without a stored reply as never answered.
    expect(later.stderr).toContain('no data was collected after 2026-12-15 13:00');
    const stood = JSON.parse(readFileSync(`${out}/m2/2026-11.json`, 'utf8')).meta;
    expect(stood).toMatchObject({ as_of: SEEN, outcomes_final: false });
    expect((await run(['digest', '--month', '2026-12'], '2026-11-20T12:00:00.000Z')).stderr).toMatch(
      /--month 2026-12: has not started/,
    );
    expect((await run(['digest', '--month', '2026-13'])).code).toBe(2);
  });

  it('refuses a bad week or format with exit 2', async () => {
    expect((await cli(['digest', '--week', 'W45', '--db', db, '--config', config])).code).toBe(2);
    expect((await cli(['digest', '--formats', 'pdf', '--db', db, '--config', config])).code).toBe(2);
  });
});
