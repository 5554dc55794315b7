import { z } from 'zod';
import { PLATFORMS, type Platform } from '../model/index.js';

// Handle rules per platform; a leading '@' is accepted and dropped.
const RULES: Record<Platform, { re: RegExp; says: string }> = {
  x: { re: /^[A-Za-z0-9_]{1,15}$/, says: 'handle must be 1-15 letters, digits or _' },
  facebook: { re: /^[A-Za-z0-9.-]{1,80}$/, says: 'page must be a page username or numeric page id' },
  mastodon: { re: /^[A-Za-z0-9_]+(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?$/, says: 'handle must look like name@server.tld' },
  bluesky: { re: /^(did:plc:[a-z2-7]{24}|did:web:[a-z0-9.-]+|([a-z0-9-]+\.)+[a-z]{2,})$/i, says: 'handle must be a domain handle (name.bsky.social) or a DID' },
};

function handle(platform: Platform) {
  const { re, says } = RULES[platform];
  return z
    .string()
    .transform((s) => s.trim().replace(/^@/, ''))
    .refine((s) => re.test(s), says);
}

/** One handle or a list of handles (main + webcare account), normalised to a list. */
function handles(platform: Platform) {
  return z.union([handle(platform), z.array(handle(platform)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
}

/** `accounts:` of an organisation; an unknown platform key is an error naming the key. */
export const accountsSchema = z.strictObject(
  { x: handles('x').optional(), facebook: handles('facebook').optional(), mastodon: handles('mastodon').optional(), bluesky: handles('bluesky').optional() },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown platform (expected ${PLATFORMS.join(', ')})` : undefined) },
);
