/**
 * Regenerates config/organisations/nl-gemeenten.yaml from public facts (name, CBS code,
 * province, population) in ../shared/realdata, cross-checking the two sources. Run by hand
 * when the municipal map changes (herindeling): `npx tsx scripts/build-registry.ts`.
 * It writes facts only, in our own format; the source files are never copied.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { slugify } from '../src/config/slug.js';

const realdata = process.argv[2] ?? '../shared/realdata';
type Gemeentle = Record<string, { code: string; provincie: string; inwoners: number }>;
const gemeentle = JSON.parse(readFileSync(`${realdata}/gemeentle/gemeenten.json`, 'utf8')) as Gemeentle;

function csvRows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = splitCsv(head ?? '');
  return lines.map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [cols[i] ?? `c${i}`, v])));
}
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const cbs = new Map(csvRows(`${realdata}/derived/gemeenten_2025.csv`).map((r) => [r.gm_code, r]));
const xSeen = new Map(csvRows(`${realdata}/derived/municipal_x_accounts_seen_2018.csv`).map((r) => [r.gm_code, r]));

const orgs = Object.entries(gemeentle).map(([display, g]) => {
  const code = g.code.toUpperCase();
  const check = cbs.get(code);
  if (!check || check.provincie !== g.provincie || Number(check.inwoners) !== g.inwoners) {
    throw new Error(`sources disagree on ${code} ${display}`);
  }
  // gemeentle drops the apostrophe of 's-Hertogenbosch; CBS keeps it.
  const name = display.startsWith('s-') ? `'${display}` : display;
  const official = check.cbs_naam && check.cbs_naam !== name ? check.cbs_naam : undefined;
  const x = xSeen.get(code)?.x_screen_name;
  return {
    id: slugify(name),
    name,
    ...(official ? { official_name: official } : {}),
    cbs: code,
    province: g.provincie,
    population: g.inwoners,
    ...(x ? { accounts: { x } } : {}),
  };
});
orgs.sort((a, b) => a.cbs.localeCompare(b.cbs));
const ids = new Set(orgs.map((o) => o.id));
if (ids.size !== orgs.length) throw new Error('slug collision');

const header = [
  '# The 342 Dutch gemeenten (municipal map of 1 January 2025): slug id, name, CBS code,',
  '# province, population. Facts from public sources, cross-checked (see docs/registry.md).',
  '# X handles are only those confirmed as the official account (seen in 2018 user objects);',
  '# add or correct accounts in your own config (organisations:), which wins over this file.',
  '',
].join('\n');
writeFileSync('config/organisations/nl-gemeenten.yaml', header + stringify(orgs, { lineWidth: 0 }));
console.log(`wrote ${orgs.length} organisations`);
