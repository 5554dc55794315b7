import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';

const t = testContext(FIXTURE_CONFIG, '2026-12-15T12:00:00.000Z');
const db = `${t.tmp.dir}/w.db`;
const config = `${t.tmp.dir}/webcare.yaml`;
beforeAll(async () => {
  await seedFixtureWeek(t.ctx, await t.ctx.store());
  await t.ctx.destroy();
});
afterAll(() => t.close());

// The commands run on 15 Dec 2026, the day the fixture was seen: every W45 window is closed then.
const q = (args: string[]) => cli([...args, '--db', db, '--config', config], '', '2026-12-15T12:00:00.000Z');
const W45 = ['--since', '2026-11-02', '--until', '2026-11-09'];

describe('stats on a week with known answers', () => {
  it('national numbers', async () => {
    const r = await q(['stats', '--format', 'json', ...W45]);
    expect(r.code).toBe(0);
    const [g] = JSON.parse(r.stdout).groups;
    expect(g).toMatchObject({
      requests: 14,
      closed: 14,
      responded: 10,
      due: 14,
      not_yet_due: 0,
      final: true,
      answered: 8,
      redirected: 1,
      acknowledged: 1,
      unanswered: 4,
      pending: 0,
    });
    expect(g.response_rate).toBeCloseTo(10 / 14, 4);
    expect(g.substance).toBeCloseTo(0.8, 4);
    expect(g.median_hours).toBe(2);
    expect(g.p90_hours).toBeCloseTo(26.4, 4);
    expect(g.within_1h).toBeCloseTo(4 / 14, 4);
    // Method 2: the norm counts answers only (8: Utrecht's 6 and Zwolle's after 8.5 and 17 business
    // hours), not the redirect and the acknowledgement.
    expect(g.within_norm).toBeCloseTo(8 / 14, 4);
    expect(g.answer_median_hours).toBe(2.5); // answers after 0.5, 1, 2, 2, 3, 4, 24, 48 h
    expect(g.score).toBe(7.3); // mean of Utrecht 9.4 and Zwolle 5.1 (7.25); Ede has too few requests
  });

  it('per organisation, with every configured organisation and its score', async () => {
    const r = await q(['stats', '--by', 'org', '--format', 'json', ...W45]);
    const groups = JSON.parse(r.stdout).groups as Record<string, unknown>[];
    expect(groups.map((g) => g.key)).toEqual(['ede', 'texel', 'utrecht', 'zwolle']);
    // Utrecht: 0.4 x 7/7 + 0.2 x 6/7 + 0.25 x 6/7 (the redirect is no answer) + 0.15 x 1 = 9.36.
    expect(groups.find((g) => g.key === 'utrecht')).toMatchObject({ requests: 7, score: 9.4, score_accessibility: 1 });
    expect(groups.find((g) => g.key === 'zwolle')).toMatchObject({
      requests: 5,
      score: 5.1,
      score_response_rate: 0.4,
      score_speed: 0.4,
    });
    expect(groups.find((g) => g.key === 'ede')).toMatchObject({ requests: 2, score: null, score_note: 'too few' });
    expect(groups.find((g) => g.key === 'texel')).toMatchObject({ requests: 0, score: null });
  });

  it('per platform and province; filters', async () => {
    const byPlatform = JSON.parse((await q(['stats', '--by', 'platform', '--format', 'json', ...W45])).stdout).groups;
    expect(byPlatform.map((g: { key: string; requests: number }) => [g.key, g.requests])).toEqual([
      ['mastodon', 1],
      ['x', 13],
    ]);
    const ov = JSON.parse((await q(['stats', '--province', 'overijssel', '--format', 'json', ...W45])).stdout)
      .groups[0];
    expect(ov.requests).toBe(5);
    const byWeek = JSON.parse((await q(['stats', '--by', 'week', '--format', 'json'])).stdout).groups;
    expect(byWeek.map((g: { key: string; requests: number }) => [g.key, g.requests])).toEqual([
      ['2026-W44', 3],
      ['2026-W45', 14],
      ['2026-W50', 2],
    ]);
  });

  it('prints an aligned table that fits 80 columns', async () => {
    const r = await q(['stats', '--by', 'org', ...W45]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^group\s+requests\s+due\s+responded\s+median\s+p90\s+norm\s+score$/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines.find((l) => l.startsWith('Utrecht'))).toMatch(/^Utrecht\s+7\s+7\s+100%\s+2h\s+3\.4h\s+86%\s+9\.4$/);
    expect(lines.slice(-2)).toEqual([
      'method 2: answer window 30 d, norm 2 working days, score horizon 7 d',
      'as of 2026-12-15 13:00: final',
    ]);
  });
});

describe('CSV for people and for machines', () => {
  it('--csv-excel: BOM, semicolons and decimal commas for Dutch Excel; --raw-csv for machines', async () => {
    const excel = (await q(['stats', '--by', 'platform', '--format', 'csv', '--csv-excel', ...W45])).stdout;
    expect(excel.startsWith('\uFEFFkey;label;requests;')).toBe(true);
    expect(excel).toContain(';0,6923;');
    const raw = (await q(['stats', '--by', 'platform', '--format', 'csv', '--raw-csv', ...W45])).stdout;
    expect(raw.startsWith('key,label,requests,')).toBe(true);
    // A CSV read alone says how its figures were computed.
    expect(raw.split('\n')[0]).toMatch(/,method,answer_window_days,norm_working_days,score_horizon_days,as_of$/);
    expect(raw.split('\n')[1]).toMatch(/,2,30,2,7,2026-12-15T12:00:00\.000Z$/);
    expect(raw).toContain(',0.6923,');
  });
});

describe('top, requests, bios, export', () => {
  it('top by score and --worst', async () => {
    const best = JSON.parse((await q(['top', '--format', 'json', ...W45])).stdout).organisations;
    expect(best.map((o: { key: string; rank: number }) => [o.rank, o.key])).toEqual([
      [1, 'utrecht'],
      [2, 'zwolle'],
    ]);
    const worst = JSON.parse(
      (await q(['top', '--worst', '--metric', 'unanswered', '--limit', '1', '--format', 'json', ...W45])).stdout,
    ).organisations;
    expect(worst).toHaveLength(1);
    expect(worst[0]).toMatchObject({ key: 'zwolle', unanswered: 3 });
  });

  it('requests with outcome filter, kind and links', async () => {
    const doc = JSON.parse((await q(['requests', '--outcome', 'unanswered', '--format', 'json'])).stdout);
    expect(doc).toMatchObject({ method: 2, as_of: '2026-12-15T12:00:00.000Z', params: { answer_window_days: 30 } });
    const r = doc.requests;
    expect(r).toHaveLength(4);
    expect(r.every((x: { outcome: string; kind: string }) => x.outcome === 'unanswered' && x.kind === 'question')).toBe(
      true,
    );
    const pending = JSON.parse((await q(['requests', '--outcome', 'pending', '--format', 'json'])).stdout).requests;
    expect(pending.map((x: { org: string }) => x.org)).toEqual(['zwolle', 'zwolle']);
    expect((await q(['requests', '--outcome', 'lost'])).code).toBe(2);
  });

  it('bios: deflecting, not monitored, history', async () => {
    const defl = JSON.parse((await q(['bios', '--deflecting', '--format', 'json'])).stdout);
    expect(defl.map((b: { org: string }) => b.org)).toEqual(['zwolle']);
    const nm = JSON.parse((await q(['bios', '--not-monitored', '--format', 'json'])).stdout);
    expect(nm.map((b: { org: string }) => b.org)).toEqual(['ede']);
    const hist = JSON.parse((await q(['bios', '--history', 'utrecht', '--format', 'json'])).stdout);
    expect(hist.map((b: { text: string }) => b.text)).toEqual([
      'Nieuws van de gemeente Utrecht.',
      'Stel hier je vraag! Webcare ma-vr 9-17 uur.',
    ]);
  });

  it('export streams JSON lines and CSV without citizen ids', async () => {
    const lines = (await q(['export', '--what', 'requests', '--format', 'json'])).stdout.trim().split('\n');
    expect(lines).toHaveLength(19);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first)).not.toContain('author_id');
    const csv = (await q(['export', '--what', 'orgs', '--format', 'csv', ...W45])).stdout.trim().split('\n');
    expect(csv[0]).toMatch(/^key,label,requests,/);
  });
});

describe('sql', () => {
  it('answers a SELECT', async () => {
    const r = await q([
      'sql',
      'select org_id, count(*) as n from requests group by org_id order by org_id',
      '--format',
      'csv',
    ]);
    expect(r.stdout).toBe('org_id,n\nede,2\nutrecht,10\nzwolle,7\n');
  });

  it.each([
    'DELETE FROM posts',
    'INSERT INTO organisations (id, name, updated_at) VALUES (1, 2, 3)',
    "UPDATE requests SET outcome = 'answered'",
    "ATTACH DATABASE '/tmp/x.db' AS x",
    'PRAGMA journal_mode = DELETE',
    'PRAGMA user_version = 7',
    'DROP TABLE posts',
  ])('refuses %s with exit 2 and changes nothing', async (stmt) => {
    const before = (await q(['sql', 'select count(*) as n from posts', '--format', 'csv'])).stdout;
    const r = await q(['sql', stmt]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^webcare: sql: /);
    expect((await q(['sql', 'select count(*) as n from posts', '--format', 'csv'])).stdout).toBe(before);
  });
});

describe('bios --as-of', () => {
  it('shows the bio as it was then: Utrecht before its change of 5 November', async () => {
    const before = JSON.parse((await q(['bios', '--format', 'json', '--as-of', '2026-11-01'])).stdout);
    expect(before.find((b: { org: string }) => b.org === 'utrecht').text).toBe('Nieuws van de gemeente Utrecht.');
    const now = JSON.parse((await q(['bios', '--format', 'json'])).stdout);
    expect(now.find((b: { org: string }) => b.org === 'utrecht').text).toBe(
      'Stel hier je vraag! Webcare ma-vr 9-17 uur.',
    );
  });
});

describe('lists and instants say what they leave out', () => {
  it('requests cut at --limit says so on stderr', async () => {
    const r = await q(['requests', '--limit', '2', '--format', 'json']);
    expect(JSON.parse(r.stdout).requests).toHaveLength(2);
    expect(r.stderr).toContain('showing the newest 2 requests; there may be more (--limit)');
  });

  it('a report asked for after the last poll stands as of the last poll, and says so', async () => {
    const later = await cli(
      ['stats', '--db', db, '--config', config, '--format', 'json'],
      '',
      '2027-02-01T12:00:00.000Z',
    );
    expect(later.stderr).toContain('no data was collected after 2026-12-15 13:00');
    expect(JSON.parse(later.stdout).as_of).toBe('2026-12-15T12:00:00.000Z');
  });
});
