import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/realdata beside the repository (present in CI), or undefined with a one-line note. */
export const REALDATA = fileURLToPath(new URL('../../../shared/realdata', import.meta.url));
export const hasRealdata = existsSync(REALDATA);

/** Says once, in one line, why the interop suite does not run on this clone. */
export function noteSkipped(suite: string): void {
  if (!hasRealdata)
    console.warn(`${suite}: skipped, ${REALDATA} is not present (real API payloads are not part of the repository)`);
}
