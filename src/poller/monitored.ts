import type { Organisation, Platform } from '../model/index.js';

/** Who is a monitored account: by platform and handle, and by platform user id once learned. */
export interface MonitoredIndex {
  orgOfHandle(platform: Platform, handle: string): string | undefined;
  orgOfUserId(platform: Platform, userId: string): string | undefined;
  /** Records a platform user id seen for a monitored handle; returns true when it was new. */
  learnUserId(platform: Platform, handle: string, userId: string): boolean;
  handlesOf(orgId: string, platform: Platform): ReadonlySet<string>;
  accountId(platform: Platform, handle: string): number | undefined;
}

export interface AccountRow {
  id: number;
  org_id: string;
  platform: string;
  handle: string;
  platform_user_id: string | null;
}

/** Builds the index from the configured organisations and the accounts table (ids, known user ids). */
export function buildMonitoredIndex(orgs: readonly Organisation[], accounts: readonly AccountRow[]): MonitoredIndex {
  const byHandle = new Map<string, string>();
  const byUserId = new Map<string, string>();
  const handles = new Map<string, Set<string>>();
  const accountIds = new Map<string, number>();
  for (const o of orgs) {
    for (const [platform, hs] of Object.entries(o.accounts) as [Platform, string[]][]) {
      for (const h of hs) {
        const handle = h.toLowerCase();
        byHandle.set(`${platform}:${handle}`, o.id);
        const key = `${o.id}:${platform}`;
        if (!handles.has(key)) handles.set(key, new Set());
        handles.get(key)!.add(handle);
      }
    }
  }
  for (const a of accounts) {
    accountIds.set(`${a.platform}:${a.handle.toLowerCase()}`, a.id);
    if (a.platform_user_id && byHandle.has(`${a.platform}:${a.handle.toLowerCase()}`))
      byUserId.set(`${a.platform}:${a.platform_user_id}`, a.org_id);
  }
  return {
    orgOfHandle: (platform, handle) => byHandle.get(`${platform}:${handle.toLowerCase()}`),
    orgOfUserId: (platform, userId) => byUserId.get(`${platform}:${userId}`),
    learnUserId(platform, handle, userId) {
      const org = byHandle.get(`${platform}:${handle.toLowerCase()}`);
      if (!org || byUserId.get(`${platform}:${userId}`) === org) return false;
      byUserId.set(`${platform}:${userId}`, org);
      return true;
    },
    handlesOf: (orgId, platform) => handles.get(`${orgId}:${platform}`) ?? new Set(),
    accountId: (platform, handle) => accountIds.get(`${platform}:${handle.toLowerCase()}`),
  };
}
