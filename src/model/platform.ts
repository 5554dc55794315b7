/** The platforms webcare-monitor reads. Order is the display order everywhere. */
export const PLATFORMS = ['x', 'facebook', 'mastodon', 'bluesky'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Returns true when `s` names a supported platform. */
export function isPlatform(s: string): s is Platform {
  return (PLATFORMS as readonly string[]).includes(s);
}
