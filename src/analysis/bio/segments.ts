/** A bio split into parts that each say one thing ("Vragen? Bel 14 038. | Webcare ma-vr 9-17"). */
export interface Segment {
  original: string;
  text: string; // lowercased, spaces collapsed
}

/**
 * Splits a bio at line breaks, bars and bullets, and at sentence ends followed by a capital,
 * '@', '#' or '(' (so "ma. t/m vr." and "8.30" stay whole).
 */
export function splitSegments(bio: string): Segment[] {
  return bio
    .normalize('NFC')
    .replace(/&amp;/g, '&')
    .split(/\s*[\n|•·]\s*|\s+[-–]\s+(?=\p{Lu})|(?<=[.!?])\s+(?=[\p{Lu}@#(☎])/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((original) => ({ original, text: original.toLowerCase().replace(/\s+/g, ' ') }));
}
