import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { toRegistryEntry } from '../config/registry.js';
import type { Organisation, Platform } from '../model/index.js';
import type { DiscoverResult } from './discover.js';

/**
 * The discovered accounts as a registry file (the format of config/organisations/*.yaml, loadable
 * with `registry:`), with per account where it was found, the evidence, the confidence and when.
 * Active accounts come before dormant ones; at most two per platform (a main and a webcare account).
 */
export function discoveredRegistry(result: DiscoverResult): Record<string, unknown>[] {
  return result.organisations.map(({ org, found }) => {
    const accounts: Partial<Record<Platform, string[]>> = {};
    for (const [p, list] of Object.entries(found) as [Platform, NonNullable<(typeof found)[Platform]>][]) {
      const best = [...list]
        .sort((a, b) => Number(a.dormant) - Number(b.dormant) || b.confidence - a.confidence)
        .slice(0, 2);
      if (best.length) accounts[p] = best.map((f) => f.handle);
    }
    return { ...toRegistryEntry(org, accounts), ...(Object.keys(found).length ? { discovery: found } : {}) };
  });
}

/** Writes the reviewable registry file; the platforms that were really checked are recorded for `accounts diff`. */
export function writeDiscovered(file: string, result: DiscoverResult, checked: readonly Platform[], now: Date): void {
  const head = [
    `# Accounts found by webcare accounts discover on ${now.toISOString()}: review before use.`,
    `# platforms checked: ${checked.join(', ')}`,
    '# Load it next to (or instead of) the shipped registry with `registry:` in your config; handles you',
    '# configured yourself under `organisations:` always win. See docs/accounts.md.',
    ...result.notes.map((n) => `# note: ${n}`),
    '',
  ].join('\n');
  writeFileSync(file, head + stringify(discoveredRegistry(result), { lineWidth: 0 }));
}

export interface DiffRow {
  org: string;
  platform: Platform;
  change: 'new' | 'gone' | 'renamed' | 'dormant';
  configured: string;
  discovered: string;
}

interface DiscoveredEntry {
  id: string;
  accounts: Partial<Record<Platform, string[]>>;
  discovery?: Partial<Record<Platform, { handle: string; dormant: boolean }[]>>;
}

/**
 * What a discovered registry changes against the current one: new, gone, renamed and dormant
 * accounts, on the platforms that discovery really checked (a platform skipped for want of
 * credentials says nothing about the accounts configured on it).
 */
export function diffRegistries(
  current: readonly Organisation[],
  discovered: readonly DiscoveredEntry[],
  checked: readonly Platform[],
): DiffRow[] {
  const rows: DiffRow[] = [];
  const byId = new Map(current.map((o) => [o.id, o]));
  for (const d of discovered) {
    const cur = byId.get(d.id);
    for (const platform of checked) {
      const have = (cur?.accounts[platform] ?? []).map((h) => h.toLowerCase());
      const found = (d.accounts[platform] ?? []).map((h) => h.toLowerCase());
      const added = found.filter((h) => !have.includes(h));
      const missing = have.filter((h) => !found.includes(h));
      if (added.length === 1 && missing.length === 1)
        rows.push({ org: d.id, platform, change: 'renamed', configured: missing[0]!, discovered: added[0]! });
      else {
        for (const h of added) rows.push({ org: d.id, platform, change: 'new', configured: '', discovered: h });
        for (const h of missing) rows.push({ org: d.id, platform, change: 'gone', configured: h, discovered: '' });
      }
      for (const f of d.discovery?.[platform] ?? [])
        if (f.dormant)
          rows.push({
            org: d.id,
            platform,
            change: 'dormant',
            configured: have.includes(f.handle.toLowerCase()) ? f.handle : '',
            discovered: f.handle,
          });
    }
  }
  return rows;
}
