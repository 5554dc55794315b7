import { z } from 'zod';
import type { Organisation, Platform } from '../model/index.js';
import { ConfigError } from './errors.js';
import { organisationSchema, type OrganisationInput } from './schema.js';
import { issueToError, readYamlFile, type YamlSource } from './yaml-source.js';

/** Reads and validates one registry file (a YAML list of organisations); throws ConfigError naming file and key. */
export function readRegistryFile(file: string): OrganisationInput[] {
  const src = readYamlFile(file, 'registry file');
  if (!Array.isArray(src.data)) throw new ConfigError(`${file}: a registry must be a YAML list of organisations`);
  const parsed = z.array(organisationSchema).safeParse(src.data, { reportInput: true });
  if (!parsed.success) throw issueToError(src, parsed.error.issues[0]!);
  assertUnique(src, parsed.data, []);
  return parsed.data;
}

/**
 * Merges registries and the config's own organisations by id: later entries extend earlier ones,
 * and an account list given later replaces that platform's list. Returns model organisations.
 */
export function mergeOrganisations(layers: OrganisationInput[][]): Organisation[] {
  const byId = new Map<string, OrganisationInput>();
  for (const layer of layers) {
    for (const org of layer) {
      const prev = byId.get(org.id);
      byId.set(org.id, prev ? { ...prev, ...org, accounts: { ...prev.accounts, ...org.accounts } } : org);
    }
  }
  const orgs = [...byId.values()].map(toModel);
  assertAccountsUnique(orgs);
  return orgs;
}

/** Throws when two entries of one file share an id or a CBS code. */
export function assertUnique(src: YamlSource, orgs: OrganisationInput[], prefix: PropertyKey[]): void {
  const seen = new Map<string, number>();
  orgs.forEach((o, i) => {
    for (const key of [`id:${o.id}`, o.cbs ? `cbs:${o.cbs}` : '']) {
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        const [field, value] = key.split(/:(.*)/);
        const line = src.lineOf([...prefix, i, field!]);
        throw new ConfigError(`${src.file}: ${prefix.join('.')}[${i}].${field}: ${value} is already used by [${first}]${line ? ` (line ${line})` : ''}`);
      }
      seen.set(key, i);
    }
  });
}

function assertAccountsUnique(orgs: Organisation[]): void {
  const owner = new Map<string, string>();
  for (const org of orgs) {
    for (const [platform, handles] of Object.entries(org.accounts) as [Platform, string[]][]) {
      for (const h of handles) {
        const key = `${platform}:${h.toLowerCase()}`;
        const other = owner.get(key);
        if (other && other !== org.id) throw new ConfigError(`organisations: account ${key} belongs to both ${other} and ${org.id}`);
        owner.set(key, org.id);
      }
    }
  }
}

function toModel(o: OrganisationInput): Organisation {
  return {
    id: o.id,
    name: o.name,
    ...(o.official_name ? { officialName: o.official_name } : {}),
    ...(o.cbs ? { cbs: o.cbs } : {}),
    ...(o.province ? { province: o.province } : {}),
    ...(o.population !== undefined ? { population: o.population } : {}),
    accounts: Object.fromEntries(Object.entries(o.accounts).filter(([, v]) => v && v.length > 0)),
    ...(o.hours ? { hours: o.hours } : {}),
    ...(o.account_hours
      ? {
          accountHours: Object.fromEntries(
            Object.entries(o.account_hours).map(([k, v]) => [k.toLowerCase(), v]),
          ),
        }
      : {}),
  };
}

/** An organisation as a registry entry (the YAML form), with its accounts. */
export function toRegistryEntry(o: Organisation, accounts: Organisation['accounts'] = o.accounts): Record<string, unknown> {
  return {
    id: o.id,
    name: o.name,
    ...(o.officialName ? { official_name: o.officialName } : {}),
    ...(o.cbs ? { cbs: o.cbs } : {}),
    ...(o.province ? { province: o.province } : {}),
    ...(o.population !== undefined ? { population: o.population } : {}),
    accounts,
  };
}
