import { dirname, join } from 'node:path';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/db.js';
import { buildDigest } from './digest-data.js';
import { DIGEST_FORMATS, writeDigest } from './digest-write.js';
import { lastFinalWeek } from './period.js';
import { isPostgresUrl } from '../model/index.js';

/**
 * Where digests go by default: `digest_dir` (WEBCARE_DIGEST_DIR) when set, else `digests/` beside
 * the database (data/digests for data/webcare.db), or in the working directory for a PostgreSQL
 * database, which has no directory of its own.
 */
export function defaultDigestDir(database: string, configured?: string): string {
  if (configured) return configured;
  return isPostgresUrl(database) ? 'digests' : join(dirname(database), 'digests');
}

/**
 * The daemon's weekly job (default Monday 07:00): the digest of the last week whose figures are
 * final (the week before last), all four formats, with last week's figures added as provisional.
 */
export async function digestJob(ctx: Context, store: Store, log: Logger): Promise<void> {
  const c = ctx.settings.config;
  const week = lastFinalWeek(ctx.clock.now(), c.timezone, c.method.score_horizon_days);
  const data = await buildDigest(store.db, ctx.settings, week, ctx.clock.now());
  const files = writeDigest(data, defaultDigestDir(ctx.settings.database, c.digest_dir), DIGEST_FORMATS);
  log.info({ week: week.label, files, requests: data.national.requests }, 'digest written');
}
