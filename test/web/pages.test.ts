import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webWorld, XSS, type WebWorld } from './world.js';

let world: WebWorld;
let app: FastifyInstance;
const timings: Record<string, number[]> = {};

beforeAll(async () => {
  world = await webWorld();
  app = await world.app();
}, 180_000);
afterAll(async () => {
  if (Object.keys(timings).length)
    console.info(
      'dashboard inject timings (ms, median):',
      Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1]])),
    );
  await world?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url, headers });
  const key = url.split('?')[0]!.replace(/\/gemeente\/.*/, '/gemeente/:slug');
  (timings[key] ??= []).push(performance.now() - t0);
  return res;
}

describe('the national page', () => {
  it('is Dutch by default: the map of every gemeente, KPIs, the trend and the league with shared ranks', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toContain('Kerncijfers');
    expect(html).toContain('(de laatste 4 volledige weken)');
    // The map: one path per gemeente of the 2025 boundaries, the 12 of the world linked to their page.
    const map = html.slice(
      html.indexOf('<div class="map">'),
      html.indexOf('</svg>', html.indexOf('<div class="map">')),
    );
    expect(map.match(/data-cbs="GM\d{4}"/g)?.length).toBe(342);
    expect(new Set(map.match(/href="\/gemeente\/[a-z-]+"/g)).size).toBe(12);
    // The league: real table markup; ranks 1.. in the first column.
    expect(html).toMatch(/<table id="league" data-searchable>\n<caption>/);
    expect(html).toContain('<th scope="col" aria-sort="ascending" class="num">');
    expect(html).toMatch(/<th scope="row"><a href="\/gemeente\/amsterdam">Amsterdam<\/a><\/th>/);
    // A chart with a table behind it.
    expect(html).toMatch(/<details><summary>Tabel van de trend<\/summary>/);
    // Dutch numbers and dates: a decimal comma, "ma 26 okt".
    expect(html).toMatch(/\d,\d u</);
    expect(html).toContain('ma 26 okt');
  });

  it('marks provisional figures in the trend table, the trend chart and the map tooltips too', async () => {
    // A period ending at the world's end: its last week is still inside the score horizon.
    const until = world.end.toISOString().slice(0, 10);
    const html = (await get(`/?since=2026-10-26&until=${until}`)).body;
    const trend = html.slice(html.indexOf('<details><summary>Tabel van de trend'));
    const lastRow = trend.slice(0, trend.indexOf('</tbody>')).split('<tr>').pop()!;
    const cells = lastRow.match(/<td[^>]*>[^<]*(<abbr[^>]*>\*<\/abbr>)?/g) ?? [];
    expect(cells.at(-1)).toContain('*'); // the week's score
    expect(html).toMatch(/<circle [^>]*fill="#ffffff"[^>]*><title>[^<]*\(voorlopig: kan nog veranderen\)/);
    expect(html).toMatch(/<title>[^<]*: score \d+,\d \(voorlopig: kan nog veranderen\)<\/title>/);
  });

  it('is English with ?lang=en, and with an Accept-Language that prefers English', async () => {
    const en = await get('/?lang=en');
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.body).toContain('Key figures');
    expect(en.body).toContain('Mon 26 Oct');
    const header = await get('/', { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' });
    expect(header.body).toMatch(/<html lang="en">/);
    // Dutch wins unless English is preferred.
    for (const al of ['nl-NL,nl;q=0.9,en;q=0.8', 'en;q=0.5,nl', 'de-DE', 'fr,nl;q=0.2'])
      expect((await get('/', { 'accept-language': al })).body, al).toMatch(/<html lang="nl">/);
  });

  it('sorts the league on the server by the column asked, and filters by province, size class and platform', async () => {
    const byName = await get('/?sort=name&dir=desc');
    expect(byName.body).toContain('aria-sort="descending"');
    const names = [...byName.body.matchAll(/<th scope="row"><a href="\/gemeente\/[^"]+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
    expect(names.length).toBe(12);
    expect([...names]).toEqual([...names].sort((a, b) => b!.localeCompare(a!, 'nl')));
    const groningen = await get('/?province=Groningen&size=gt250k&platform=x&metric=response_rate');
    expect(groningen.statusCode).toBe(200);
    expect(groningen.body).toContain('<option value="Groningen" selected>');
    expect(groningen.body).toContain('Kaart: reactiepercentage');
    const rows = [...groningen.body.matchAll(/<th scope="row"><a href="\/gemeente\/([^"?]+)/g)].map((m) => m[1]);
    expect(rows.every((id) => id === 'groningen')).toBe(true);
  });

  it('answers 400 with a plain page naming the parameter for a bad as_of, since or size', async () => {
    for (const [q, name] of [
      ['as_of=yesterday-ish', 'as_of'],
      ['since=2026-13-45', 'since'],
      ['size=huge', 'size'],
      ['as_of=2099-01-01', 'as_of'],
    ] as const) {
      const res = await get(`/?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.body).toContain(`${name}=`);
      expect(res.body).toContain(`De waarde van ${name} klopt niet:`); // a Dutch page says it in Dutch
      expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
    expect((await get('/?size=huge&lang=en')).body).toContain('The value of size is not valid:');
  });
});

describe('the page of a gemeente', () => {
  it('shows score and parts, peers, trend, response times, outcomes, accounts, bios and requests with texts', async () => {
    const res = await get('/gemeente/amsterdam');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    for (const heading of [
      'Score en onderdelen',
      'Vergeleken met vergelijkbare gemeenten',
      'Trend per week',
      'Reactietijden',
      'Uitkomsten',
      'Accounts',
      'Bio',
      'Wacht nu op antwoord',
      'Laatste onbeantwoorde verzoeken',
    ])
      expect(html).toContain(`>${heading}</h2>`);
    expect(html).toContain('Mediaan Noord-Holland');
    expect(html).toMatch(/href="https:\/\/[^"]+" rel="noopener noreferrer nofollow">bekijk<\/a>/);
    expect(html).toContain('/api/v1/requests?org=amsterdam&amp;outcome=unanswered&amp;format=csv&amp;excel=1');
  });

  it('is a 404 page for an unknown gemeente, in the language asked', async () => {
    const res = await get('/gemeente/atlantis?lang=en');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('There is no gemeente &quot;atlantis&quot;.');
    expect((await get('/no/such/page')).statusCode).toBe(404);
    expect((await get('/gemeente/amsterdam/')).statusCode).toBe(200);
  });
});

describe('hostile text from posts, bios, errors and organisation names', () => {
  it.each(['/', '/?lang=en', '/?sort=name', '/gemeente/HOSTILE'])('%s never carries it as markup', async (path) => {
    const res = await get(path.replace('HOSTILE', world.hostile));
    expect(res.statusCode).toBe(200);
    const html = res.body;
    for (const x of XSS) expect(html).not.toContain(x);
    // Every start tag, its attribute values emptied (they never hold a raw quote: the engine escapes it).
    const tags = (html.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/="[^"]*"/g, '=""'));
    expect(tags.filter((t) => /\son[a-z]+=/i.test(t))).toEqual([]); // no inline event handler at all
    expect(tags.filter((t) => /^<script/i.test(t)).length).toBe(1);
    expect(html).not.toMatch(/href="javascript:/i);
    // It is there, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the page of the hostile gemeente shows its texts escaped in the waiting list, bio and account error', async () => {
    const html = (await get(`/gemeente/${world.hostile}`)).body;
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg onload=alert(1)&gt;';
    expect(html.split(escaped).length).toBeGreaterThan(3);
  });
});

describe('headers of every response', () => {
  it.each([
    '/',
    '/gemeente/amsterdam',
    '/static/dashboard.css',
    '/api/v1/national',
    '/nope',
    '/?as_of=bad',
    '/%', // an address Fastify cannot decode
    `/gemeente/${'a'.repeat(600)}`, // a long unknown slug
  ])('%s has a strict CSP with a fresh nonce, nosniff, a referrer policy and no framing', async (path) => {
    const a = await get(path);
    const b = await get(path);
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(b.headers['content-security-policy']).not.toBe(csp);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
    expect(a.statusCode).toBeLessThan(500);
    expect(a.body).not.toContain('FST_ERR'); // never Fastify's own error document
    if (a.headers['content-type']?.toString().startsWith('text/html')) {
      const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
      const scripts = a.body.match(/<script[^>]*>/g) ?? [];
      for (const s of scripts) expect(s).toBe(`<script nonce="${nonce}">`);
      expect(a.body).not.toMatch(/\sstyle="/); // styles come from the stylesheet only
    }
  });
});
