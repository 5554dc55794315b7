import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bioAccuracy, realCases } from '../eval/bio-eval.js';
import { hasRealdata, noteSkipped, REALDATA } from '../helpers/realdata.js';

noteSkipped('interop: real government bios');

describe.skipIf(!hasRealdata)('interop: real government bios (rmfaber-TK)', () => {
  it('parses the 91 real bios at the quality bar', () => {
    const labels = fileURLToPath(new URL('../eval/bios-real-labels.tsv', import.meta.url));
    const cases = realCases(join(REALDATA, 'rmfaber-TK/gov_deflection_bios.jsonl'), labels);
    expect(cases).toHaveLength(91);
    expect(cases.every((c) => c.text.length > 0)).toBe(true);
    const r = bioAccuracy(cases);
    expect(r.accuracy.deflects).toBeGreaterThanOrEqual(0.9);
    expect(r.accuracy.notMonitored).toBeGreaterThanOrEqual(0.95);
    expect(r.accuracy.hours).toBeGreaterThanOrEqual(0.85);
  });
});
