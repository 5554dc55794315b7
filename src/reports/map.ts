/**
 * The choropleth of the 342 gemeenten (issue #15) as inline SVG drawn on the server: no script, no style attribute
 * (a strict style-src blocks those; presentation attributes are fine), every text escaped, links only to http(s)
 * or relative addresses. Boundaries: CBS Gebiedsindelingen 2025 via cartomap/nl, see
 * assets/cartomap-nl/ATTRIBUTION.md.
 */
import { readFileSync } from 'node:fs';
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BORDER, classColours, NO_DATA } from './palette.js';
import { httpUrl, oneLine, stripControls } from './safe-text.js';
import { esc } from './svg.js';

/** One gemeente's value, joined to the boundaries on its CBS code. */
export interface MapArea {
  /** CBS gemeentecode, e.g. "GM0363" (case and surrounding spaces are ignored). */
  cbs: string;
  /** null: drawn with the no-data fill. */
  value: number | null;
  /** The gemeente's page: http(s) or relative; anything else (javascript:, data:, //host) is dropped. */
  href?: string;
  /** The accessible name and tooltip, e.g. "Amsterdam: score 6,4". */
  label: string;
}

/** One class of the legend: `from` inclusive, `to` exclusive (inclusive for the last class). */
export interface MapClass {
  from: number;
  to: number;
  label: string;
}

export interface MapOptions {
  areas: readonly MapArea[];
  /** 1..5 classes in ascending order; values below the first or above the last fall in that class. */
  classes: readonly MapClass[];
  legendTitle: string;
  /** Legend text and tooltip suffix for gemeenten without a value, e.g. "geen gegevens". */
  noDataLabel: string;
  /** The accessible name of the whole map (an SVG <title>). */
  title: string;
  /** A longer text alternative (an SVG <desc>), e.g. "the table below gives the same figures". */
  description?: string;
  /** Rendered width in px; the height follows. Default: the natural width of the drawing. */
  width?: number;
  /** Prefix of the element ids, unique per page when a page shows more than one map. Default "nl-map". */
  id?: string;
}

const ASSET = new URL('../../assets/cartomap-nl/gemeente_2025.topojson', import.meta.url);
const OBJECT = 'gemeente_2025';
const MAP_W = 500;
const PAD = 8;
const LEGEND_W = 190;
const ROW = 22;
const ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A stand-in for the page's own site: a relative link must resolve onto it. */
const SITE = new URL('http://site.invalid/');

interface Shape {
  cbs: string;
  name: string;
  d: string;
}
interface Drawing {
  shapes: readonly Shape[];
  byCode: ReadonlyMap<string, Shape>;
  height: number;
}
let drawing: Drawing | undefined;

/** The projected outlines, computed once per process: the projection is fixed and the SVG scales by its viewBox. */
function load(): Drawing {
  if (drawing) return drawing;
  const topo = JSON.parse(readFileSync(ASSET, 'utf8')) as Topology<{
    [OBJECT]: GeometryCollection<{ statcode: string; statnaam: string }>;
  }>;
  const all = feature(topo, topo.objects[OBJECT]);
  // Mercator is conformal, so shapes look as on every web map; across the Netherlands its scale grows only 6% from
  // south to north (13% in area), which a choropleth coloured by value, not by size, can bear.
  const projection = geoMercator().fitWidth(MAP_W, all);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PAD, ty + PAD]);
  const path = geoPath(projection).digits(1);
  const shapes = all.features
    .map((f) => ({ cbs: f.properties.statcode, name: f.properties.statnaam, d: path(f) ?? '' }))
    .sort((a, b) => (a.cbs < b.cbs ? -1 : a.cbs > b.cbs ? 1 : 0));
  const [, [, bottom]] = path.bounds(all);
  drawing = { shapes, byCode: new Map(shapes.map((s) => [s.cbs, s])), height: Math.ceil(bottom) + PAD };
  return drawing;
}

/** The 342 gemeenten of the boundary file, by CBS code, with their official CBS names. Throws if the asset is absent. */
export function mapAreas(): { cbs: string; name: string }[] {
  return load().shapes.map(({ cbs, name }) => ({ cbs, name }));
}

/** The CBS codes among `areas` that the boundary file does not have (normalised, once each, in input order). */
export function unmatchedCodes(areas: readonly { cbs: string }[]): string[] {
  const { byCode } = load();
  return [...new Set(areas.map((a) => normCode(a.cbs)))].filter((c) => !byCode.has(c));
}

function normCode(cbs: string): string {
  return cbs.trim().toUpperCase();
}

/**
 * A link target fit for an href: an absolute http(s) URL (normalised), or a relative reference that stays on the
 * page's own site; null for javascript:, data:, protocol-relative //host and the like. Control characters, tabs
 * and line breaks are removed BEFORE the check (as esc() and the URL parser would), so what is checked is exactly
 * what the browser will parse.
 */
export function mapHref(href: string | undefined): string | null {
  if (!href) return null;
  const text = stripControls(href)
    .replace(/[\t\n\r]/g, '')
    .trim();
  if (!text) return null;
  // canParse before parsing: a thrown error per relative link would cost more than the rest of the map.
  if (URL.canParse(text)) return httpUrl(text); // absolute: http(s) or nothing
  if (!URL.canParse(text, SITE.href)) return null;
  return new URL(text, SITE).origin === SITE.origin ? text : null;
}

/** The index of the class of `value`; clamped to the first or last class outside their range. */
function classOf(value: number, classes: readonly MapClass[]): number {
  const i = classes.findIndex(
    (c, k) => value >= c.from && (value < c.to || (k === classes.length - 1 && value <= c.to)),
  );
  if (i >= 0) return i;
  return value < classes[0]!.from ? 0 : classes.length - 1;
}

function checkOptions(o: MapOptions, id: string): void {
  if (!ID.test(id)) throw new RangeError(`map id must be a letter followed by letters, digits, - or _: ${id}`);
  o.classes.forEach((c, k) => {
    const prev = o.classes[k - 1];
    if (!(c.from <= c.to) || (prev && c.from < prev.from)) throw new RangeError('map classes must ascend');
  });
}

function legend(o: MapOptions, colours: readonly string[], noData: string): string {
  const x = PAD * 2 + MAP_W;
  const rows = [
    ...o.classes.map((c, i) => ({ fill: colours[i]!, label: c.label })),
    { fill: noData, label: o.noDataLabel },
  ];
  const items = rows
    .map((r, i) => {
      const y = PAD + 28 + i * ROW;
      const swatch = `<rect x="${x}" y="${y}" width="18" height="14" fill="${r.fill}" stroke="#666" stroke-width="0.5"/>`;
      return `${swatch}<text x="${x + 26}" y="${y + 11}">${esc(r.label)}</text>`;
    })
    .join('');
  return `<g class="map-legend" font-size="12"><text x="${x}" y="${PAD + 14}" font-size="13" font-weight="bold">${esc(o.legendTitle)}</text>${items}</g>`;
}

/** One gemeente: a <path> with its fill and name, inside an <a> (named by its own <title>) when it links. */
function area(s: Shape, a: MapArea | undefined, fill: string, noDataLabel: string): string {
  const label = esc(oneLine(a?.label.trim() || `${s.name}: ${noDataLabel}`));
  const attrs = `data-cbs="${esc(s.cbs)}" d="${s.d}" fill="${fill}"`;
  const href = mapHref(a?.href);
  if (href) return `<a href="${esc(href)}"><title>${label}</title><path ${attrs}/></a>`;
  return `<path ${attrs}><title>${label}</title></path>`;
}

/**
 * The choropleth as one <svg> element (a string to put inline in HTML): one <path data-cbs> per gemeente of the
 * boundary file, coloured by class, no-data hatched, a legend, role="group" named by its <title>. Codes not in the
 * file are ignored (see unmatchedCodes); of repeated codes the first counts. Throws on 0 or more than 5 classes,
 * classes that do not ascend, a bad id, or a missing boundary file.
 */
export function renderMap(o: MapOptions): string {
  const { shapes, height: mapH } = load();
  const id = o.id ?? 'nl-map';
  checkOptions(o, id);
  const colours = classColours(o.classes.length);
  const given = new Map<string, MapArea>();
  for (const a of o.areas) if (!given.has(normCode(a.cbs))) given.set(normCode(a.cbs), a);

  const noData = `url(#${id}-nodata)`;
  const paths = shapes
    .map((s) => {
      const a = given.get(s.cbs);
      const v = a?.value;
      const fill = v === null || v === undefined || !Number.isFinite(v) ? noData : colours[classOf(v, o.classes)]!;
      return area(s, a, fill, o.noDataLabel);
    })
    .join('');

  const w = PAD * 3 + MAP_W + LEGEND_W;
  const h = Math.max(mapH, PAD * 2 + 28 + (o.classes.length + 1) * ROW);
  const width = o.width && Number.isFinite(o.width) && o.width > 0 ? o.width : w;
  const size = `viewBox="0 0 ${w} ${h}" width="${Math.round(width)}" height="${Math.round((width * h) / w)}"`;
  const desc = o.description ? `<desc id="${id}-desc">${esc(o.description)}</desc>` : '';
  const aria = `role="group" aria-labelledby="${id}-title"${desc ? ` aria-describedby="${id}-desc"` : ''}`;
  const pattern =
    `<defs><pattern id="${id}-nodata" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${NO_DATA.background}"/>` +
    `<line x1="0" y1="0" x2="0" y2="6" stroke="${NO_DATA.hatch}" stroke-width="2"/></pattern></defs>`;
  const map = `<g class="map-areas" stroke="${BORDER}" stroke-width="0.5" stroke-linejoin="round">${paths}</g>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" ${size} ${aria} font-family="sans-serif">` +
    `<title id="${id}-title">${esc(o.title)}</title>${desc}${pattern}${legend(o, colours, noData)}${map}</svg>`
  );
}
