import type { Organisation, Platform } from '../model/index.js';
import { DAY_MS } from '../model/index.js';

/** What a platform tells about a candidate account. */
export interface Profile {
  platform: Platform;
  handle: string;
  name?: string;
  bio: string;
  url?: string;
  lastPostAt?: string | null;
}

export interface Verdict {
  accepted: boolean;
  confidence: number;
  evidence: string[];
  dormant: boolean;
}

// Accounts that name the gemeente but are not it: parties, media, fans, businesses.
const NOT_THE_GEMEENTE =
  /\b(fans?|fanpage|pvda|vvd|cda|d66|groenlinks|sp|christenunie|sgp|pvv|bbb|volt|partij|fractie|nieuwsblad|nieuwssite|krant|dagblad|courant|omroep|rtv|radio|tv|fm|bibliotheek|voetbal|vv|hockey|ondernemers|winkels|makelaar|kerk|politie|brandweer)\b/i;
const OFFICIAL = /\b(gemeente|gem\.|officieel|officiële|official|municipality)\b/i;
const NO_LONGER =
  /\b(niet meer (gebruikt|actief)|wordt niet meer|no longer (used|active)|verhuisd naar|we zijn verhuisd)\b/i;

function variants(o: Organisation): string[] {
  const names = [o.name, o.officialName ?? ''].filter(Boolean);
  const out = new Set<string>();
  for (const n of names) {
    const plain = n
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    out.add(plain);
    out.add(plain.replace(/\s*\((nh|l|zh|o|z)\.?\)\s*$/, '')); // "Bergen (NH.)" -> "bergen"
    out.add(plain.replace(/^'s-/, 's-').replace(/^'s /, 's '));
    out.add(plain.replace(/[^a-z0-9]/g, ''));
  }
  if (o.id === 'den-haag') out.add("'s-gravenhage").add('the hague');
  return [...out].filter((v) => v.length >= 3);
}

/**
 * Decides whether a profile is the gemeente's official account: it must name the gemeente (name or
 * a known spelling) and say it is the gemeente or official, and not look like a party, a medium or a
 * fan account. Dormant accounts (no post for 90 days, or a bio saying so) are kept and flagged.
 */
export function verifyProfile(o: Organisation, p: Profile, now: Date): Verdict {
  const text = `${p.name ?? ''} ${p.bio} ${p.handle}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const compact = text.replace(/[^a-z0-9]/g, '');
  const evidence: string[] = [];
  const named = variants(o).find(
    (v) => text.includes(v) || (v.length >= 5 && compact.includes(v.replace(/[^a-z0-9]/g, ''))),
  );
  if (named) evidence.push(`names "${named}"`);
  const official = text.match(OFFICIAL)?.[0];
  if (official) evidence.push(`says "${official}"`);
  const against = `${p.name ?? ''} ${p.bio}`.match(NOT_THE_GEMEENTE)?.[0];
  if (against) evidence.push(`looks like "${against}", not the gemeente`);
  const last = p.lastPostAt ? Date.parse(p.lastPostAt) : NaN;
  const dormant = (Number.isFinite(last) && now.getTime() - last > 90 * DAY_MS) || NO_LONGER.test(p.bio);
  if (dormant) evidence.push(NO_LONGER.test(p.bio) ? 'bio says it is no longer used' : 'no post for 90 days');
  const accepted = Boolean(named && official && !against);
  const confidence = accepted
    ? Math.min(
        1,
        0.6 +
          (/\bgemeente\b/.test(text) ? 0.2 : 0) +
          (/officie/.test(text) ? 0.1 : 0) +
          (compact.includes(`gemeente${o.name.toLowerCase().replace(/[^a-z0-9]/g, '')}`) ? 0.1 : 0),
      )
    : named
      ? 0.2
      : 0;
  return { accepted, confidence: Math.round(confidence * 100) / 100, evidence, dormant };
}
