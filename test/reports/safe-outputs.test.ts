// Issue #19 item 6, "safe outputs": what a hostile post, bio or name can do to the outputs. Each case
// here failed before the fix: links to javascript:, control characters in tables and Markdown, raw HTML in
// Markdown, no Content-Security-Policy, formula cells in CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBio, BIO_PARSER_VERSION } from '../../src/analysis/bio/parse-bio.js';
import { render } from '../../src/cli/format.js';
import { renderHtml } from '../../src/reports/digest-html.js';
import { renderMarkdown } from '../../src/reports/digest-md.js';
import { renderOrganisationsCsv } from '../../src/reports/digest-write.js';
import { writeMonthly, type Monthly, type MonthlyRow } from '../../src/reports/monthly.js';
import { renderCsv, renderTable } from '../../src/reports/table.js';
import { insertBioIfChanged } from '../../src/storage/bios.js';
import { cli, tempDir } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';
import { digestWith } from './digest-fixture.js';

// C0 but line feed, DEL and C1: none of these may reach a table, a Markdown file or an HTML page.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const ESC = '\u001b';
// Moves the cursor home and clears the screen; sets the terminal title (OSC, ended by BEL); a C1 CSI.
const TERMINAL_ATTACK = `${ESC}[H${ESC}[2J${ESC}]0;pwned\u0007 \u009b31m red\u007f`;
const SCRIPT = '<script>alert(document.domain)</script>';

const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/gi)].map((m) => m[1]!);
/** The destinations of the Markdown links: escaped characters (\x) first removed, so \]( is no link. */
const mdLinks = (md: string) => [...md.replace(/\\./g, '').matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);

describe('1. links only when http or https', () => {
  it.each([
    'javascript:alert(document.domain)//',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'not a url',
  ])('%j is shown without a link, in HTML and Markdown', (url) => {
    const d = digestWith({ url });
    const html = renderHtml(d);
    expect(hrefs(html)).toEqual([]);
    expect(html).toMatch(/<td>4\.6 d<\/td><td>-<\/td>/);
    const md = renderMarkdown(d);
    expect(mdLinks(md)).toEqual([]);
    expect(md).toContain('| 4.6 d | - |');
  });

  it('an http(s) link stays a link, normalized and unable to leave its attribute or Markdown link', () => {
    const d = digestWith({ url: 'https://x.com/i/status/1" onmouseover="alert(1)' });
    expect(hrefs(renderHtml(d))).toEqual(['https://x.com/i/status/1%22%20onmouseover=%22alert(1)']);
    expect(renderHtml(d)).not.toContain('onmouseover="');
    const md = renderMarkdown(digestWith({ url: 'https://social.example/@a/1) [x](javascript:alert(1)' }));
    expect(mdLinks(md)).toEqual(['https://social.example/@a/1%29%20[x]%28javascript:alert%281%29']);
    expect(mdLinks(renderMarkdown(digestWith({ url: 'http://x.com/i/status/2' })))).toEqual([
      'http://x.com/i/status/2',
    ]);
  });
});

describe('2. no control characters in tables, Markdown and HTML; no raw HTML in Markdown', () => {
  it('a table (every CLI table, sql and bios --history among them) removes ESC, C1 and DEL; breaks become spaces', () => {
    const rows = [
      { name: `Zwolle${TERMINAL_ATTACK}`, text: 'line one\nline two\tcolumn' },
      { name: 'Ede', text: 'x' },
    ];
    for (const out of [renderTable(rows, ['name', 'text']), render('table', rows, ['name', 'text'])]) {
      expect(out.replace(/\n/g, '')).not.toMatch(CONTROL);
      const lines = out.split('\n');
      expect(lines).toHaveLength(4); // header, two rows, the final newline
      expect(lines[1]).toBe('Zwolle[H[2J]0;pwned 31m red  line one line two column');
      expect(lines[2]!.indexOf('x')).toBe(lines[0]!.indexOf('text')); // still aligned
    }
    // A column name is text from outside too (sql: select 1 as "...").
    expect(renderTable([{ [`n${ESC}[2J`]: 1 }], [`n${ESC}[2J`])).toBe('n[2J\n1\n');
  });

  it('Markdown: names and bios are inert (no HTML, no control characters, no links, no broken rows)', () => {
    const md = renderMarkdown(
      digestWith({
        label: `${SCRIPT}${TERMINAL_ATTACK}`,
        org: `<img src=x onerror=alert(1)>`,
        handle: `h${ESC}[31m`,
        bio: `Klik [hier](javascript:alert(1)) ![](https://tracker.example/p.png) | a\nb <b>vet</b>`,
      }),
    );
    expect(md.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(md).not.toMatch(/<[a-z!/?]/i);
    expect(md).toContain('&lt;script&gt;alert(document.domain)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdLinks(md)).toEqual(['https://x.com/i/status/1']);
    // Every table row still has the cells of its header.
    const cellCount = (l: string) => l.replace(/\\./g, '').split('|').length;
    const lines = md.split('\n');
    lines.forEach((l, i) => {
      if (l.startsWith('|') && lines[i - 1]!.startsWith('|')) expect(cellCount(l)).toBe(cellCount(lines[i - 1]!));
    });
    expect(lines.filter((l) => l.startsWith('|')).length).toBeGreaterThan(20);
  });

  it('HTML: control characters are removed from every text, attribute and chart label', () => {
    const html = renderHtml(digestWith({ label: `Zwolle${TERMINAL_ATTACK}`, bio: `bio${ESC}[2J`, handle: `h\u0085` }));
    expect(html).not.toMatch(CONTROL);
    expect(html).toContain('Zwolle[H[2J]0;pwned 31m red');
  });

  it('the monthly digest: Markdown and HTML the same', () => {
    const tmp = tempDir();
    try {
      const files = writeMonthly(monthly(`${SCRIPT}${TERMINAL_ATTACK}`), tmp.dir, ['md', 'html']);
      const [md, html] = files.map((f) => readFileSync(f, 'utf8'));
      expect(md!.replace(/\n/g, '')).not.toMatch(CONTROL);
      expect(md).not.toMatch(/<[a-z!/?]/i);
      expect(md).toContain('| &lt;script&gt;');
      expect(html).not.toMatch(CONTROL);
      expect(html).not.toContain('<script');
    } finally {
      tmp.cleanup();
    }
  });
});

describe('3. a strict Content-Security-Policy in the HTML digests', () => {
  const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}">`;

  it('the weekly page opens its <head> with the policy, before the style it allows', () => {
    const html = renderHtml(digestWith());
    expect(html).toContain(`<head><meta charset="utf-8">${meta}`);
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/script-src|'unsafe-eval'/);
  });

  it('the monthly page has it too', () => {
    const tmp = tempDir();
    try {
      const [file] = writeMonthly(monthly('Zwolle'), tmp.dir, ['html']);
      expect(readFileSync(file!, 'utf8')).toContain(`<meta charset="utf-8">${meta}<title>`);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('4. CSV cells that a spreadsheet would run are neutralised; numbers stay numbers', () => {
  const rows = [
    { name: '=HYPERLINK("https://evil.example","klik")', value: -28.6 },
    { name: '+31 6 12345678', value: '+3' },
    { name: '-2+3+cmd|" /C calc"!A0', value: '-' },
    { name: '@SUM(1+1)', value: 0.7143 },
    { name: '\t=1+1', value: '12' },
    { name: '\r=1+1', value: '1e+21' },
    { name: '\uFF1D1+1', value: '-0.5' },
    { name: `${ESC}=1+1`, value: null },
  ];

  it('render csv (stats, top, requests, sql, bios) and renderCsv: a leading quote, numbers untouched', () => {
    const expected =
      'name,value\n' +
      `"'=HYPERLINK(""https://evil.example"",""klik"")",-28.6\n` +
      "'+31 6 12345678,+3\n" +
      `"'-2+3+cmd|"" /C calc""!A0",-\n` +
      "'@SUM(1+1),0.7143\n" +
      `"'\t=1+1",12\n` +
      `"'\r=1+1",1e+21\n` +
      "'\uFF1D1+1,-0.5\n" +
      "'=1+1,\n";
    expect(renderCsv(rows, ['name', 'value'])).toBe(expected);
    expect(render('csv', rows, ['name', 'value'])).toBe(expected);
  });

  it('is byte-identical to before where no cell needs it', () => {
    const plain = [
      { key: 'utrecht', label: 'Utrecht', n: 7, share: 0.7143, median: null, note: 'a "quoted", text' },
      { key: 'zwolle', label: "'s-Hertogenbosch", n: 0, share: -28.6, median: 2.05, note: 'two\nlines' },
    ];
    expect(renderCsv(plain, ['key', 'label', 'n', 'share', 'median', 'note'])).toBe(
      'key,label,n,share,median,note\n' +
        'utrecht,Utrecht,7,0.7143,,"a ""quoted"", text"\n' +
        `zwolle,'s-Hertogenbosch,0,-28.6,2.05,"two\nlines"\n`,
    );
    expect(renderCsv([], ['key'])).toBe('key\n');
  });

  it('the digest CSV and the monthly CSV go through the same writer', () => {
    const d = digestWith({ label: '=cmd|" /C calc"!A0' });
    const line = renderOrganisationsCsv(d).split('\n')[1]!;
    expect(line).toContain(`,"'=cmd|"" /C calc""!A0",`);
    const tmp = tempDir();
    try {
      const [file] = writeMonthly(monthly('@SUM(1+1)'), tmp.dir, ['csv']);
      expect(readFileSync(file!, 'utf8').split('\n')[1]).toBe("x,'@SUM(1+1),4,1,1,1,1,0,0.75");
    } finally {
      tmp.cleanup();
    }
  });
});

describe('through the command line', () => {
  const t = testContext(FIXTURE_CONFIG, '2026-12-15T12:00:00.000Z');
  const db = `${t.tmp.dir}/w.db`;
  const config = `${t.tmp.dir}/webcare.yaml`;
  const NOW = '2026-12-15T12:00:00.000Z';
  const run = (args: string[], now = NOW) => cli([...args, '--db', db, '--config', config], '', now);
  beforeAll(async () => {
    const store = await t.ctx.store();
    await seedFixtureWeek(t.ctx, store);
    // A new bio of Utrecht's X account that attacks the terminal, Markdown and the spreadsheet.
    const text = `=HYPERLINK("https://evil.example") ${TERMINAL_ATTACK} ${SCRIPT}`;
    const account = await store.db
      .selectFrom('accounts')
      .select('id')
      .where('handle', '=', 'gemeenteutrecht')
      .execute();
    await insertBioIfChanged(store.db, {
      accountId: account[0]!.id,
      fetchedAt: '2026-11-06T06:30:00.000Z',
      text,
      parsed: parseBio(text, t.ctx.phrases(), 'gemeenteutrecht'),
      parserVersion: BIO_PARSER_VERSION,
    });
    await t.ctx.destroy();
  });
  afterAll(() => t.close());

  it('bios --history and bios: the table has no control characters', async () => {
    for (const args of [['bios', '--history', 'utrecht'], ['bios']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('=HYPERLINK');
      expect(r.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
    }
  });

  it('sql: the table has no control characters; CSV neutralises formulas', async () => {
    const q = "select char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || char(155) as x, '=1+2' as y";
    const table = await run(['sql', q]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe('x            y\n[2J]0;pwned  =1+2\n');
    expect((await run(['sql', q, '--format', 'csv'])).stdout).toBe(`x,y\n"[2J]0;pwned",'=1+2\n`);
  });

  it('export --what bios: the CSV neutralises the bio that starts with =', async () => {
    const csv = (await run(['export', '--what', 'bios', '--format', 'csv'])).stdout;
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"") [H[2J]0;pwned 31m red ${SCRIPT}"`);
    expect(csv).not.toMatch(/(^|,)"?=/m);
  });

  it('digest: the bio in Markdown is inert; the HTML has the policy', async () => {
    const out = `${t.tmp.dir}/digests`;
    expect((await run(['digest', '--week', '2026-W45', '--out', out])).code).toBe(0);
    const md = readFileSync(`${out}/2026-W45.md`, 'utf8');
    expect(md.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(md).not.toMatch(/<[a-z!/?]/i);
    expect(md).toContain('&lt;script&gt;');
    const html = readFileSync(`${out}/2026-W45.html`, 'utf8');
    expect(html).not.toMatch(CONTROL);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
  });

  it('a Mastodon status whose "url" is javascript: is no link in the digest', async () => {
    const status = {
      id: '113500000000000101',
      uri: 'https://mastodon.social/users/anna/statuses/113499999999999101',
      url: 'javascript:alert(document.domain)//',
      created_at: '2026-11-03T08:15:00.000Z',
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      content: '<p>@gemeentevoorbeeld Wanneer wordt het oud papier opgehaald?</p>',
      language: 'nl',
      visibility: 'public',
      replies_count: 0,
      account: {
        id: '110000000000000777',
        username: 'anna',
        acct: 'anna@mastodon.social',
        display_name: 'Anna',
        url: 'https://mastodon.social/@anna',
        note: '',
        fields: [],
      },
      mentions: [
        {
          id: '110000000000000001',
          username: 'gemeentevoorbeeld',
          acct: 'gemeentevoorbeeld',
          url: 'https://social.overheid.nl/@gemeentevoorbeeld',
        },
      ],
      reblog: null,
    };
    const mdb = `${t.tmp.dir}/mastodon.db`;
    const file = t.tmp.file('statuses.json', JSON.stringify([status]));
    const account = ['--account', 'mastodon:gemeentevoorbeeld@social.overheid.nl'];
    const at = '2026-11-16T06:00:00.000Z';
    expect((await cli(['import', '--from', 'mastodon', file, ...account, '--db', mdb], '', at)).code).toBe(0);
    const out = `${t.tmp.dir}/mastodon-digests`;
    const r = await cli(['digest', '--week', '2026-W45', '--out', out, '--db', mdb], '', at);
    expect(r.code).toBe(0);
    const html = readFileSync(`${out}/2026-W45.html`, 'utf8');
    const md = readFileSync(`${out}/2026-W45.md`, 'utf8');
    // The request is listed as open, without a link.
    expect(html).toMatch(/<h2>Oldest open requests<\/h2>\n<table>.*<td>5\.6 d<\/td><td>-<\/td>/);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(md).toMatch(/\| 2026-11-03 08:15 \| 5\.6 d \| - \|/);
    expect(md).not.toMatch(/\]\(\s*javascript:/i);
  });
});

/** A monthly digest with one organisation named `label`. */
function monthly(label: string): Monthly {
  const row = (key: string, l: string): MonthlyRow => ({
    key,
    label: l,
    requests: 4,
    answered: 1,
    redirected: 1,
    acknowledged: 1,
    unanswered: 1,
    pending: 0,
    not_answered_share: 0.75,
  });
  return {
    meta: {
      method: 2,
      as_of: '2026-12-15T12:00:00.000Z',
      params: { answer_window_days: 30 },
      outcomes_final: true,
      outcomes_final_at: '2026-12-30T23:00:00.000Z',
    } as unknown as Monthly['meta'],
    month: { label: '2026-11', from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' },
    national: row('all', 'all'),
    organisations: [row('x', label)],
  };
}
