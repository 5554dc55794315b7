import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';
import { mapAreas, mapHref, renderMap, unmatchedCodes, type MapArea, type MapOptions } from '../../src/reports/map.js';
import { VIRIDIS_5 } from '../../src/reports/palette.js';

const CLASSES = [0, 2, 4, 6, 8].map((from) => ({ from, to: from + 2, label: `${from} – ${from + 2}` }));
const NO_DATA = 'url(#nl-map-nodata)';

function options(areas: readonly MapArea[], more: Partial<MapOptions> = {}): MapOptions {
  const base = { classes: CLASSES, legendTitle: 'Score', noDataLabel: 'geen gegevens', title: 'Score per gemeente' };
  return { areas, ...base, ...more };
}

/** The fill of one gemeente's path, or undefined when it has none. */
function fillOf(svg: string, cbs: string): string | undefined {
  return new RegExp(`<path data-cbs="${cbs}" d="[^"]*" fill="([^"]+)"`).exec(svg)?.[1];
}

/** Why `xml` is not well-formed XML (tags, quoted attributes, entities; enough for what renderMap writes), or null. */
function xmlProblem(xml: string): string | null {
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+);/y;
  const stack: string[] = [];
  for (let i = 0; i < xml.length;) {
    const re = xml[i] === '<' ? tag : xml[i] === '&' ? entity : null;
    if (!re) {
      i++;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(xml);
    if (!m) return `bad markup at ${i}: ${xml.slice(i, i + 60)}`;
    const [, close, name, attrs = '', self] = m;
    const names = [...attrs.matchAll(/([\w:-]+)="/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) return `repeated attribute at ${i}`;
    if (name && close && stack.pop() !== name) return `unbalanced </${name}> at ${i}`;
    if (name && !close && !self) stack.push(name);
    if (name && stack.length === 0 && re.lastIndex < xml.length) return `content after the root at ${re.lastIndex}`;
    i = re.lastIndex;
  }
  return stack.length ? `unclosed <${stack.at(-1)}>` : null;
}

const ELEMENTS = new Set(['svg', 'title', 'desc', 'defs', 'pattern', 'rect', 'line', 'g', 'text', 'path', 'a']);

/** Every element name and attribute name in the markup: hostile text must not add any. */
function markupNames(svg: string): { elements: Set<string>; attributes: Set<string> } {
  const elements = new Set<string>();
  const attributes = new Set<string>();
  for (const [, name, attrs] of svg.matchAll(/<\/?([A-Za-z][\w:-]*)([^>]*)>/g)) {
    elements.add(name!);
    for (const [, a] of attrs!.matchAll(/\s([\w:-]+)="/g)) attributes.add(a!);
  }
  return { elements, attributes };
}

const gemeenten = mapAreas();
const everyArea: MapArea[] = gemeenten.map((g, i) => ({
  cbs: g.cbs,
  value: i % 11,
  href: `/gemeente/${g.cbs.toLowerCase()}`,
  label: `${g.name}: score ${i % 11}`,
}));

describe('renderMap: the gemeenten', () => {
  const svg = renderMap(options(everyArea));

  it('draws 342 paths, one per CBS code of the registry', () => {
    const codes = readRegistryFile(DEFAULT_REGISTRY).map((o) => o.cbs);
    expect(codes).toHaveLength(342);
    expect(gemeenten).toHaveLength(342);
    expect(new Set(gemeenten.map((g) => g.cbs))).toEqual(new Set(codes));
    const drawn = [...svg.matchAll(/<path data-cbs="(GM\d{4})"/g)].map((m) => m[1]);
    expect(drawn).toHaveLength(342);
    for (const code of codes)
      expect(
        drawn.filter((c) => c === code),
        code,
      ).toHaveLength(1);
  });

  it('names the gemeenten as CBS does', () => {
    const names = new Map(gemeenten.map((g) => [g.cbs, g.name]));
    expect(names.get('GM0363')).toBe('Amsterdam');
    expect(names.get('GM0518')).toBe("'s-Gravenhage");
    expect(names.get('GM1900')).toBe('Súdwest-Fryslân');
  });

  it('is well-formed XML, one <svg> root, deterministic, under 200 KB with all 342 linked', () => {
    expect(xmlProblem(svg)).toBeNull();
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(renderMap(options(everyArea))).toBe(svg);
    expect(Buffer.byteLength(svg)).toBeLessThan(200_000);
    expect(svg.match(/<a href="/g)).toHaveLength(342);
  });

  it('is a named group (not role="img", which would hide its links) with no style attribute or script', () => {
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-labelledby="nl-map-title"/);
    expect(svg).toContain('<title id="nl-map-title">Score per gemeente</title>');
    expect(svg).not.toContain('role="img"');
    expect(markupNames(svg).attributes.has('style')).toBe(false);
    expect(markupNames(svg).elements.has('script')).toBe(false);
  });

  it('names each link by its own <title> and keeps the legend before the links', () => {
    expect(svg).toContain('<a href="/gemeente/gm0363"><title>Amsterdam: score ');
    expect(svg.indexOf('class="map-legend"')).toBeLessThan(svg.indexOf('<a '));
    expect(svg).toContain('>geen gegevens</text>');
  });
});

describe('renderMap: colours', () => {
  it.each([
    { value: 0, colour: VIRIDIS_5[0] },
    { value: 1.99, colour: VIRIDIS_5[0] },
    { value: 2, colour: VIRIDIS_5[1] },
    { value: 5.5, colour: VIRIDIS_5[2] },
    { value: 7.9, colour: VIRIDIS_5[3] },
    { value: 10, colour: VIRIDIS_5[4] }, // the last class includes its upper end
    { value: -3, colour: VIRIDIS_5[0] }, // below the first class: clamped
    { value: 12, colour: VIRIDIS_5[4] }, // above the last: clamped
    { value: null, colour: NO_DATA },
    { value: Number.NaN, colour: NO_DATA },
  ])('value $value is drawn $colour', ({ value, colour }) => {
    const svg = renderMap(options([{ cbs: 'GM0363', value, label: 'Amsterdam' }]));
    expect(fillOf(svg, 'GM0363')).toBe(colour);
  });

  it('gives gemeenten without an area the no-data fill and a name with the no-data label', () => {
    const svg = renderMap(options([{ cbs: 'GM0363', value: 5, label: 'Amsterdam: 5' }]));
    expect(fillOf(svg, 'GM0014')).toBe(NO_DATA);
    expect(svg).toContain('<path data-cbs="GM0014"');
    expect(svg).toMatch(/data-cbs="GM0014"[^>]*><title>Groningen: geen gegevens<\/title><\/path>/);
    expect(svg).toContain('<pattern id="nl-map-nodata"');
  });

  it.each([
    { n: 1, colours: [VIRIDIS_5[2]] },
    { n: 2, colours: [VIRIDIS_5[0], VIRIDIS_5[4]] },
    { n: 3, colours: [VIRIDIS_5[0], VIRIDIS_5[2], VIRIDIS_5[4]] },
  ])('spreads $n classes over the palette', ({ n, colours }) => {
    const classes = CLASSES.slice(0, n);
    const areas = classes.map((c, i) => ({ cbs: gemeenten[i]!.cbs, value: c.from, label: 'x' }));
    const svg = renderMap(options(areas, { classes }));
    expect(areas.map((a) => fillOf(svg, a.cbs))).toEqual(colours);
  });

  it('joins on the code whatever its case, ignores unknown codes and reports them; the first of a repeat counts', () => {
    const areas = [
      { cbs: ' gm0363', value: 9, label: 'Amsterdam' },
      { cbs: 'GM0363', value: 1, label: 'Amsterdam again' },
      { cbs: 'GM9999', value: 1, label: 'Nergenshuizen' },
    ];
    const svg = renderMap(options(areas));
    expect(fillOf(svg, 'GM0363')).toBe(VIRIDIS_5[4]);
    expect(svg).not.toContain('GM9999');
    expect(svg).not.toContain('Nergenshuizen');
    expect(unmatchedCodes(areas)).toEqual(['GM9999']);
    expect(unmatchedCodes(everyArea)).toEqual([]);
  });
});

describe('renderMap: hostile text', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    'a\u0000b&c',
  ];

  it.each(hostile)('escapes %j in every text', (text) => {
    const areas = [{ cbs: 'GM0363', value: 5, label: text, href: `/gemeente/${text}` }];
    const svg = renderMap(options(areas, { title: text, legendTitle: text, noDataLabel: text, description: text }));
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toMatch(/<script|<svg onload|<img/i);
    const { elements, attributes } = markupNames(svg);
    expect([...elements].filter((e) => !ELEMENTS.has(e))).toEqual([]);
    expect([...attributes].filter((a) => /^on|^src$/i.test(a))).toEqual([]);
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });
});

describe('mapHref: only http(s) and same-site relative links', () => {
  it.each([
    ['/gemeente/amsterdam', '/gemeente/amsterdam'],
    ['gemeente/amsterdam?lang=en', 'gemeente/amsterdam?lang=en'],
    ['#GM0363', '#GM0363'],
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['HTTP://Example.org', 'http://example.org/'],
    ['/gemeente/"><svg onload=alert(1)>', '/gemeente/"><svg onload=alert(1)>'], // inert once escaped
    ['javascript:alert(1)', null],
    [' JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['java\u0001script:alert(1)', null], // the control character is removed before the check, as esc() would
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['mailto:a@b.nl', null],
    ['//evil.example/x', null],
    ['/\\evil.example/x', null],
    ['', null],
    [undefined, null],
  ])('%j -> %j', (href, expected) => {
    expect(mapHref(href)).toBe(expected);
  });

  it('draws a gemeente with a refused href without a link, and no javascript: anywhere', () => {
    const areas = ['javascript:alert(1)', 'java\u0001script:alert(1)', '//evil.example'].map((href, i) => ({
      cbs: gemeenten[i]!.cbs,
      value: 5,
      label: 'x',
      href,
    }));
    const svg = renderMap(options(areas));
    expect(svg).not.toContain('<a ');
    expect(svg).not.toMatch(/javascript:|evil\.example/i);
    expect(fillOf(svg, gemeenten[0]!.cbs)).toBe(VIRIDIS_5[2]);
  });
});

describe('renderMap: options', () => {
  it('scales by width and keeps the aspect of its viewBox', () => {
    const svg = renderMap(options([], { width: 357 }));
    const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number);
    expect(svg).toContain(`width="357" height="${Math.round((357 * h!) / w!)}"`);
  });

  it('prefixes every id, so two maps can share a page', () => {
    const svg = renderMap(options([], { id: 'kaart2', description: 'De tabel eronder geeft dezelfde cijfers.' }));
    expect(svg).toContain('aria-labelledby="kaart2-title" aria-describedby="kaart2-desc"');
    expect(svg).toContain('fill="url(#kaart2-nodata)"');
    expect(svg).not.toContain('nl-map');
  });

  it.each([
    ['no classes', { classes: [] }],
    ['six classes', { classes: [...CLASSES, { from: 10, to: 12, label: 'x' }] }],
    ['descending classes', { classes: [...CLASSES].reverse() }],
    ['an id that is not a name', { id: '"><x' }],
  ])('throws on %s', (_, more) => {
    expect(() => renderMap(options([], more))).toThrow(RangeError);
  });
});

describe('the boundary asset', () => {
  it('is the file ATTRIBUTION.md describes, unchanged', () => {
    const asset = readFileSync(new URL('../../assets/cartomap-nl/gemeente_2025.topojson', import.meta.url));
    const attribution = readFileSync(new URL('../../assets/cartomap-nl/ATTRIBUTION.md', import.meta.url), 'utf8');
    const sha = createHash('sha256').update(asset).digest('hex');
    expect(attribution).toContain(sha);
    expect(asset.byteLength).toBe(131_807);
  });
});
