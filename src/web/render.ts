import { Eta } from 'eta';
import { pageText } from '../reports/safe-text.js';
import type { Messages } from './i18n/index.js';
import { ERROR } from './templates/error.js';
import { FILTERS } from './templates/filters.js';
import { LAYOUT } from './templates/layout.js';
import { NATIONAL } from './templates/national.js';
import { ORG } from './templates/org.js';
import { TABLE } from './templates/table.js';
import type { LayoutView } from './views/types.js';

// Templates are TypeScript modules (src/web/templates/*.ts), so `tsc` carries them into dist/ and the
// built CLI, tsx and the Docker image (which has dist/ only) all find them.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every interpolation: control characters removed (as everywhere text from posts is shown), then XML-escaped. */
function escapeHtml(v: unknown): string {
  return pageText(String(v ?? '')).replace(/[&<>"']/g, (c) => ESC[c]!);
}

const eta = new Eta({ autoEscape: true, escapeFunction: escapeHtml, cache: true, autoTrim: false });
for (const [name, text] of Object.entries({ LAYOUT, TABLE, FILTERS, NATIONAL, ORG, ERROR }))
  eta.loadTemplate(`@${name.toLowerCase()}`, text);

export type PageName = 'national' | 'org' | 'error';

/** Renders a page inside the layout; every text of `page` is escaped by the template engine. */
export function renderPage(name: PageName, t: Messages, layout: LayoutView, page: unknown): string {
  return eta.render(`@${name}`, { t, layout, page });
}
