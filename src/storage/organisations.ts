import type { Kysely } from 'kysely';
import { serialisedAll } from './dialect.js';
import type { Organisation, Platform, WeeklyHours } from '../model/index.js';
import type { Database } from './schema/index.js';

export interface SyncResult {
  organisations: number;
  accountsAdded: number;
  accountsRetired: number;
  accountsRevived: number;
}

/**
 * Makes organisations and accounts in the database match the configured registry, in one transaction:
 * upserts organisations, adds new accounts (due now), retires accounts gone from config (kept for
 * history, no longer polled) and revives retired ones that came back. Idempotent.
 */
export async function syncOrganisations(
  db: Kysely<Database>,
  orgs: readonly Organisation[],
  now: string,
): Promise<SyncResult> {
  return db.transaction().execute(async (trx) => {
    // Workers starting together on PostgreSQL (#17) would each add the same accounts: one at a time.
    await serialisedAll(trx, ['sync organisations']);
    const result: SyncResult = { organisations: orgs.length, accountsAdded: 0, accountsRetired: 0, accountsRevived: 0 };
    for (const o of orgs) {
      const row = {
        id: o.id,
        name: o.name,
        official_name: o.officialName ?? null,
        cbs: o.cbs ?? null,
        province: o.province ?? null,
        population: o.population ?? null,
        hours: o.hours ? JSON.stringify(o.hours) : null,
        updated_at: now,
      };
      const { id: _id, ...changes } = row;
      await trx
        .insertInto('organisations')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
    }
    const existing = await trx
      .selectFrom('accounts')
      .select(['id', 'org_id', 'platform', 'handle', 'retired_at', 'hours'])
      .execute();
    const byKey = new Map(existing.map((a) => [`${a.platform}:${a.handle.toLowerCase()}`, a]));
    const wanted = new Set<string>();
    for (const o of orgs) {
      for (const [platform, handles] of Object.entries(o.accounts) as [Platform, string[]][]) {
        for (const handle of handles) {
          const key = `${platform}:${handle.toLowerCase()}`;
          wanted.add(key);
          const have = byKey.get(key);
          const hours = o.accountHours?.[key] ? JSON.stringify(o.accountHours[key]) : null;
          if (!have) {
            await trx
              .insertInto('accounts')
              .values({ org_id: o.id, platform, handle, created_at: now, next_check_at: now, hours })
              .execute();
            result.accountsAdded++;
          } else if (have.retired_at !== null || have.org_id !== o.id || have.hours !== hours) {
            if (have.retired_at !== null) result.accountsRevived++;
            await trx
              .updateTable('accounts')
              .set({
                org_id: o.id,
                retired_at: null,
                hours,
                ...(have.retired_at !== null || have.org_id !== o.id ? { next_check_at: now } : {}),
              })
              .where('id', '=', have.id)
              .execute();
          }
        }
      }
    }
    for (const a of existing) {
      if (a.retired_at === null && !wanted.has(`${a.platform}:${a.handle.toLowerCase()}`)) {
        await trx.updateTable('accounts').set({ retired_at: now }).where('id', '=', a.id).execute();
        result.accountsRetired++;
      }
    }
    return result;
  });
}

/** Returns true when the organisation is in the database. */
export async function organisationExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst());
}

/**
 * The organisations stored in the database with their active accounts, as model objects: those a
 * config does not list (added by `import --account`) still need to be known when stored threads are
 * read again, or their replies would look like citizens' posts.
 */
export async function storedOrganisations(db: Kysely<Database>): Promise<Organisation[]> {
  const orgs = await db.selectFrom('organisations').selectAll().orderBy('id').execute();
  const accounts = await db
    .selectFrom('accounts')
    .select(['org_id', 'platform', 'handle', 'hours'])
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  return orgs.map((o) => {
    const mine: Partial<Record<Platform, string[]>> = {};
    const accountHours: Record<string, WeeklyHours> = {};
    for (const a of accounts.filter((x) => x.org_id === o.id)) {
      (mine[a.platform] ??= []).push(a.handle);
      if (a.hours) accountHours[`${a.platform}:${a.handle.toLowerCase()}`] = JSON.parse(a.hours) as WeeklyHours;
    }
    return {
      id: o.id,
      name: o.name,
      ...(o.official_name ? { officialName: o.official_name } : {}),
      ...(o.cbs ? { cbs: o.cbs } : {}),
      ...(o.province ? { province: o.province } : {}),
      ...(o.population !== null ? { population: o.population } : {}),
      ...(o.hours ? { hours: JSON.parse(o.hours) as WeeklyHours } : {}),
      accounts: mine,
      ...(Object.keys(accountHours).length ? { accountHours } : {}),
    };
  });
}
