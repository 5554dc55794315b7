import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cli, tempDir } from '../helpers/cli.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CONFIG = `registry: []
organisations:
  - { id: utrecht, name: Utrecht, cbs: GM0344, province: Utrecht, accounts: { x: oudhandle_utr } }
  - { id: zwolle, name: Zwolle, cbs: GM0193, province: Overijssel }
  - { id: ede, name: Ede, cbs: GM0228, province: Gelderland }
`;

// Recorded-style fixtures in the real shapes: SPARQL JSON results, a Mastodon directory, lookups.
const SPARQL = {
  head: { vars: ['item', 'cbs', 'x', 'facebook', 'mastodon', 'bluesky'] },
  results: {
    bindings: [
      {
        item: { type: 'uri', value: 'http://www.wikidata.org/entity/Q803' },
        cbs: { type: 'literal', value: '0344' },
        x: { type: 'literal', value: 'gemeenteutrecht' },
        bluesky: { type: 'literal', value: 'utrecht.nl' },
      },
      {
        item: { type: 'uri', value: 'http://www.wikidata.org/entity/Q793' },
        cbs: { type: 'literal', value: '0193' },
        x: { type: 'literal', value: 'gemeentezwolle' },
      },
    ],
  },
};
const X_USERS: Record<string, { id: string; username: string; name: string; description: string }> = {
  gemeenteutrecht: {
    id: '1',
    username: 'gemeenteUtrecht',
    name: 'Gemeente Utrecht',
    description: 'Officieel account van de gemeente Utrecht.',
  },
  gemeentezwolle: {
    id: '2',
    username: 'gemeentezwolle',
    name: 'Gemeente Zwolle',
    description: 'Nieuws en informatie van de gemeente Zwolle. Dit account wordt niet meer gebruikt.',
  },
  gemeenteede: {
    id: '3',
    username: 'GemeenteEde',
    name: 'Gemeente Ede fans',
    description: 'Fanpagina, niet officieel',
  },
};

describe('webcare accounts discover', () => {
  it('finds, verifies and writes a reviewable registry that webcare orgs accepts; diff shows the changes', async () => {
    const xLookups: string[] = [];
    server.use(
      http.get('https://query.wikidata.org/sparql', () => HttpResponse.json(SPARQL)),
      http.get('https://social.overheid.nl/api/v1/directory', () =>
        HttpResponse.json([
          {
            id: '9',
            username: 'gemeenteede',
            acct: 'gemeenteede',
            display_name: 'Gemeente Ede',
            note: '',
            url: 'https://social.overheid.nl/@gemeenteede',
          },
        ]),
      ),
      http.get('https://social.overheid.nl/api/v1/accounts/lookup', ({ request }) => {
        const acct = new URL(request.url).searchParams.get('acct');
        return acct === 'gemeenteede'
          ? HttpResponse.json({
              id: '9',
              username: 'gemeenteede',
              acct: 'gemeenteede',
              display_name: 'Gemeente Ede',
              note: '<p>Officieel account van de gemeente Ede</p>',
              fields: [],
              last_status_at: '2026-11-20',
            })
          : HttpResponse.json({ error: 'Record not found' }, { status: 404 });
      }),
      http.get('https://api.x.com/2/users/by', ({ request }) => {
        const names = new URL(request.url).searchParams.get('usernames')!.split(',');
        xLookups.push(...names);
        return HttpResponse.json({ data: names.map((n) => X_USERS[n.toLowerCase()]).filter(Boolean) });
      }),
      http.get('https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile', ({ request }) => {
        const actor = new URL(request.url).searchParams.get('actor');
        return actor === 'utrecht.nl'
          ? HttpResponse.json({
              did: 'did:plc:u',
              handle: 'utrecht.nl',
              displayName: 'Gemeente Utrecht',
              description: 'Het officiële account van de gemeente Utrecht',
            })
          : HttpResponse.json({ error: 'InvalidRequest' }, { status: 400 });
      }),
    );
    const config = tmp.file('c.yaml', CONFIG);
    const out = `${tmp.dir}/d.yaml`;
    const r = await cli(['--config', config, 'accounts', 'discover', '--all', '--write', out], '');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 of 3 organisations with accounts found/);
    expect(r.stdout).toContain('note: facebook: skipped, no access token (set FACEBOOK_ACCESS_TOKEN)');
    expect(r.stdout).toContain('note: x: skipped, no bearer token');

    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# platforms checked: mastodon, bluesky');
    const orgs = await cli(['--config', tmp.file('c2.yaml', `registry: [${out}]\n`), 'orgs', '--format', 'json']);
    expect(orgs.code).toBe(0);
    const parsed = JSON.parse(orgs.stdout) as { id: string; accounts: Record<string, string[]> }[];
    expect(parsed.find((o) => o.id === 'utrecht')!.accounts).toEqual({ bluesky: ['utrecht.nl'] });
    expect(parsed.find((o) => o.id === 'ede')!.accounts).toEqual({ mastodon: ['gemeenteede@social.overheid.nl'] });
    expect(text).toMatch(/source: social\.overheid\.nl directory/);
    expect(xLookups).toEqual([]);

    const diff = await cli(['--config', config, 'accounts', 'diff', '--file', out, '--format', 'json']);
    expect(JSON.parse(diff.stdout)).toEqual(
      expect.arrayContaining([
        { org: 'utrecht', platform: 'bluesky', change: 'new', configured: '', discovered: 'utrecht.nl' },
        {
          org: 'ede',
          platform: 'mastodon',
          change: 'new',
          configured: '',
          discovered: 'gemeenteede@social.overheid.nl',
        },
      ]),
    );
    // X was not checked (no token): the configured X handle is not reported as gone.
    expect(diff.stdout).not.toContain('oudhandle_utr');

    // With a bearer token X is verified as well, all candidates in one users lookup (100 a request).
    const withX = tmp.file('cx.yaml', `${CONFIG}platforms:\n  x:\n    bearer_token: test-token\n`);
    const r3 = await cli(['--config', withX, 'accounts', 'discover', '--all', '--platform', 'x', '--write', out]);
    expect(r3.code).toBe(0);
    expect(xLookups.length).toBeGreaterThan(3);
    expect(xLookups.length).toBeLessThanOrEqual(100);
    const found = await cli(['--config', tmp.file('c3.yaml', `registry: [${out}]\n`), 'orgs', '--format', 'json']);
    const xs = Object.fromEntries(
      (JSON.parse(found.stdout) as { id: string; accounts: { x?: string[] } }[]).map((o) => [o.id, o.accounts.x ?? []]),
    );
    expect(xs).toEqual({ utrecht: ['gemeenteUtrecht'], zwolle: ['gemeentezwolle'], ede: [] }); // the Ede fan account is refused
    expect(readFileSync(out, 'utf8')).toMatch(
      /handle: gemeentezwolle\n\s+source: wikidata Q793\n[\s\S]*?dormant: true/,
    );
    const diff2 = await cli(['--config', withX, 'accounts', 'diff', '--file', out, '--format', 'json']);
    expect(JSON.parse(diff2.stdout)).toEqual(
      expect.arrayContaining([
        {
          org: 'utrecht',
          platform: 'x',
          change: 'renamed',
          configured: 'oudhandle_utr',
          discovered: 'gemeenteutrecht',
        },
        { org: 'zwolle', platform: 'x', change: 'dormant', configured: '', discovered: 'gemeentezwolle' },
      ]),
    );
  });

  it('with every source down: says which, writes nothing, exits 1, and gives up on a source after 3 network failures', async () => {
    let bskyCalls = 0;
    server.use(
      http.get('https://query.wikidata.org/sparql', () => HttpResponse.error()),
      http.get('https://social.overheid.nl/api/v1/directory', () => HttpResponse.error()),
      http.get('https://social.overheid.nl/api/v1/accounts/lookup', () => HttpResponse.error()),
      http.get('https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile', () => (bskyCalls++, HttpResponse.error())),
    );
    const config = tmp.file('down.yaml', CONFIG);
    const out = `${tmp.dir}/down.yaml.out`;
    const r = await cli(['--config', config, 'accounts', 'discover', '--all', '--write', out], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /no source could be reached \(wikidata, social\.overheid\.nl directory, mastodon, bluesky\); nothing written/,
    );
    expect(r.stderr).not.toMatch(/wikidata: wikidata/);
    expect(bskyCalls).toBe(3);
    expect(() => readFileSync(out)).toThrow();
  });
});
