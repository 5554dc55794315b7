/** Returns a stable lowercase ASCII slug ("'s-Hertogenbosch" -> "s-hertogenbosch", "Bergen (NH)" -> "bergen-nh"). */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
