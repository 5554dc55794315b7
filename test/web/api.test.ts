import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { webWorld, type WebWorld } from './world.js';

let world: WebWorld;
let app: FastifyInstance;
let asOf: string;
const SINCE = '2026-10-26';
const UNTIL = '2026-11-09';

beforeAll(async () => {
  world = await webWorld();
  app = await world.app();
  asOf = new Date(world.end.getTime() - 2 * 86_400_000).toISOString();
}, 180_000);
afterAll(async () => world?.close());

async function json(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, type: String(res.headers['content-type']), doc: JSON.parse(res.body) };
}
/** The same question to the CLI, on the same database and config, at the same instant. */
async function cliJson(args: string[]) {
  const r = await cli(
    [...args, '--db', world.db, '--config', world.config, '--format', 'json'],
    '',
    world.end.toISOString(),
  );
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('/api/v1: the fields of the CLI, as_of, the method and its parameters', () => {
  it('national is `webcare stats` (the whole document), by week with table=trend', async () => {
    const period = `since=${SINCE}&until=${UNTIL}&as_of=${asOf}`;
    const api = await json(`/api/v1/national?${period}`);
    expect(api.status).toBe(200);
    expect(api.type).toMatch(/^application\/json/);
    const stats = await cliJson(['stats', '--since', SINCE, '--until', UNTIL, '--as-of', asOf]);
    expect(api.doc).toEqual(stats);
    expect(api.doc).toMatchObject({ method: 2, as_of: asOf, params: { score_horizon_days: 7 } });
    const weeks = await json(`/api/v1/national?${period}&table=trend`);
    expect(weeks.doc.by).toBe('week');
    expect(weeks.doc.groups.map((g: { key: string }) => g.key)).toEqual(['2026-W44', '2026-W45']);
  });

  it('organisations are `webcare stats --by org`, with shared ranks and the organisation columns', async () => {
    const api = await json(`/api/v1/organisations?since=${SINCE}&until=${UNTIL}&as_of=${asOf}`);
    const stats = await cliJson(['stats', '--by', 'org', '--since', SINCE, '--until', UNTIL, '--as-of', asOf]);
    expect(api.doc.organisations).toHaveLength(12);
    for (const g of stats.groups) {
      const row = api.doc.organisations.find((o: { key: string }) => o.key === g.key);
      expect(row).toMatchObject(g);
      expect(Object.keys(row)).toEqual(['rank', ...Object.keys(g), 'cbs', 'province', 'population', 'size_class']);
    }
    const ranks = api.doc.organisations
      .map((o: { rank: number | null }) => o.rank)
      .filter((r: number | null) => r !== null);
    expect(ranks[0]).toBe(1);
    expect(api.doc.unranked).toEqual(
      api.doc.organisations.filter((o: { rank: number | null }) => o.rank === null).map((o: { key: string }) => o.key),
    );
  });

  it('requests are `webcare requests`, bios are `webcare bios`', async () => {
    const api = await json(`/api/v1/requests?org=amsterdam&limit=7&as_of=${asOf}&outcome=unanswered,pending`);
    const cliDoc = await cliJson([
      'requests',
      '--org',
      'amsterdam',
      '--limit',
      '7',
      '--as-of',
      asOf,
      '--outcome',
      'unanswered,pending',
    ]);
    expect(api.doc).toEqual(cliDoc);
    expect(api.doc.requests.length).toBeGreaterThan(0);
    const bios = await json(`/api/v1/bios?as_of=${asOf}`);
    expect(bios.doc.bios).toEqual(await cliJson(['bios', '--as-of', asOf]));
    expect(bios.doc.as_of).toBe(asOf);
    const history = await json('/api/v1/bios?org=amsterdam&history=1');
    expect(history.doc.bios).toEqual(await cliJson(['bios', '--history', 'amsterdam']));
  });

  it('organisation/<slug> gives everything its page shows', async () => {
    const { status, doc } = await json('/api/v1/organisation/amsterdam');
    expect(status).toBe(200);
    expect(doc.organisation).toMatchObject({ id: 'amsterdam', name: 'Amsterdam', cbs: 'GM0363', size_class: 'gt250k' });
    for (const key of [
      'method',
      'params',
      'as_of',
      'final',
      'group',
      'comparison',
      'weeks',
      'distribution',
      'accounts',
      'bios',
      'waiting',
      'unanswered',
    ])
      expect(doc, key).toHaveProperty(key);
    expect(doc.distribution).toHaveLength(6);
    expect(doc.comparison.province.organisations).toBeGreaterThan(0);
    expect(doc.waiting[0]).toHaveProperty('text');
  });

  it('the download of "waiting now" lists the same requests as the page: none whose window has closed', async () => {
    const [{ doc: org }, { doc: list }] = await Promise.all([
      json(`/api/v1/organisation/amsterdam?as_of=${asOf}`),
      json(`/api/v1/requests?org=amsterdam&waiting=1&as_of=${asOf}`),
    ]);
    const key = (r: { platform: string; post_id: string }) => `${r.platform}|${r.post_id}`;
    expect(list.requests.map(key)).toEqual(org.waiting.map(key));
    expect(org.waiting.map(key).join()).not.toContain('undefined');
    expect(list.requests.length).toBeGreaterThan(0);
    for (const r of list.requests) {
      expect(['pending', 'acknowledged']).toContain(r.outcome);
      expect(r.final).toBe(false);
    }
  });
});

describe('parameters', () => {
  it.each([
    ['/api/v1/national?as_of=nope', 'as_of'],
    ['/api/v1/organisations?since=2026-02-31', 'since'],
    ['/api/v1/requests?until=soon', 'until'],
    ['/api/v1/requests?limit=0', 'limit'],
    ['/api/v1/requests?outcome=lost', 'outcome'],
    ['/api/v1/bios?as_of=2999-01-01', 'as_of'],
    ['/api/v1/organisation/amsterdam?table=everything', 'table'],
    ['/api/v1/national?platform=myspace', 'platform'],
    ['/api/v1/national?since=2026-11-09&until=2026-11-02', 'since'],
    // Out of range: once a 500 (an invalid Date reached the JSON) or an empty page.
    ['/api/v1/national?since=99999999999d', 'since'],
    ['/api/v1/organisations?until=99999999999w', 'until'],
    ['/api/v1/organisation/amsterdam?since=99999999999h', 'since'],
    ['/api/v1/requests?as_of=1900-01-01', 'as_of'],
    // Repeated with different values: once the first taken silently.
    ['/api/v1/national?platform=x&platform=mastodon', 'platform'],
    ['/api/v1/requests?org=amsterdam&org=utrecht', 'org'],
  ])('%s is 400 with one line of JSON naming %s', async (url, param) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.body.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(res.body).error).toMatch(new RegExp(`^${param}=`));
  });

  it('an unknown organisation is 404 in JSON', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/organisation/atlantis' });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ error: 'no gemeente "atlantis"' }); // the API speaks English
  });
});

describe('CSV on every table', () => {
  it.each([
    '/api/v1/national',
    '/api/v1/national?table=trend',
    '/api/v1/organisations',
    '/api/v1/organisation/amsterdam',
    '/api/v1/organisation/amsterdam?table=trend',
    '/api/v1/organisation/amsterdam?table=accounts',
    '/api/v1/organisation/amsterdam?table=distribution',
    '/api/v1/requests?org=amsterdam',
    '/api/v1/bios',
    '/api/v1/bios?org=amsterdam&history=1',
  ])('%s: safe CSV, and with excel=1 a BOM, ";" and decimal commas', async (url) => {
    const sep = url.includes('?') ? '&' : '?';
    const plain = await app.inject({ method: 'GET', url: `${url}${sep}format=csv` });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(plain.headers['content-disposition']).toMatch(
      /^attachment; filename="webcare-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(plain.body.charCodeAt(0)).not.toBe(0xfeff);
    const header = plain.body.split('\n')[0]!;
    expect(header).toContain(',');
    expect(header).toMatch(/,as_of$/);
    const excel = await app.inject({ method: 'GET', url: `${url}${sep}format=csv&excel=1` });
    expect(excel.body.charCodeAt(0)).toBe(0xfeff);
    expect(excel.body.slice(1).split('\n')[0]).toBe(header.replaceAll(',', ';'));
    // Tables of figures have fractions (0.6923): Dutch Excel gets 0,6923.
    if (!/bios|accounts|distribution/.test(url)) {
      expect(plain.body).toMatch(/,\d+\.\d+[,\n]/);
      expect(excel.body).toMatch(/;\d+,\d+[;\n]/);
    }
  });
});
