import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/config/load.js';
import { readRegistryFile } from '../../src/config/registry.js';

describe('the shipped registry of Dutch gemeenten', () => {
  const orgs = readRegistryFile(DEFAULT_REGISTRY);

  it('has all 342 gemeenten with unique ids and CBS codes', () => {
    expect(orgs).toHaveLength(342);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(342);
    expect(new Set(orgs.map((o) => o.cbs)).size).toBe(342);
    for (const o of orgs) expect(o.cbs).toMatch(/^GM\d{4}$/);
  });

  it('covers the 12 provinces', () => {
    expect(new Set(orgs.map((o) => o.province)).size).toBe(12);
  });

  it.each([
    ['amsterdam', 'GM0363', 'Noord-Holland'],
    ['den-haag', 'GM0518', 'Zuid-Holland'],
    ['s-hertogenbosch', 'GM0796', 'Noord-Brabant'],
    ['sudwest-fryslan', 'GM1900', 'Friesland'],
    ['bergen-nh', 'GM0373', 'Noord-Holland'],
    ['bergen-l', 'GM0893', 'Limburg'],
  ])('%s is %s in %s', (id, cbs, province) => {
    const o = orgs.find((x) => x.id === id);
    expect(o).toMatchObject({ cbs, province });
    expect(o!.population).toBeGreaterThan(0);
  });

  it('has a population for every gemeente that adds up to the Dutch population', () => {
    const total = orgs.reduce((s, o) => s + (o.population ?? 0), 0);
    expect(total).toBeGreaterThan(17_000_000);
    expect(total).toBeLessThan(19_000_000);
  });
});
