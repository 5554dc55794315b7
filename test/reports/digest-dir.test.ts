import { existsSync, readdirSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { digestJob } from '../../src/reports/digest-job.js';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { FIXTURE_CONFIG, seedFixtureWeek } from '../helpers/fixture-week.js';

// #17: a worker on PostgreSQL has no directory beside its database; digest_dir (WEBCARE_DIGEST_DIR)
// says where the weekly digest goes, for the daemon's job and for `webcare digest` alike.
const t = testContext(FIXTURE_CONFIG, '2026-11-16T06:00:00.000Z');
afterAll(() => t.close());

it('the daemon and webcare digest write to digest_dir, not beside the database', async () => {
  const dir = `${t.tmp.dir}/published`;
  const config = t.tmp.file('with-dir.yaml', `${FIXTURE_CONFIG}digest_dir: ${dir}\n`);
  const ctx = testContext(`${FIXTURE_CONFIG}digest_dir: ${dir}\n`, '2026-11-16T06:00:00.000Z');
  try {
    const store = await ctx.ctx.store();
    await seedFixtureWeek(ctx.ctx, store);
    await digestJob(ctx.ctx, store, createLogger({ level: 'silent' }));
    expect(readdirSync(dir).sort()).toEqual(['2026-W45.csv', '2026-W45.html', '2026-W45.json', '2026-W45.md']);
    expect(existsSync(`${ctx.tmp.dir}/digests`)).toBe(false);
    const db = `${ctx.tmp.dir}/w.db`;
    await ctx.ctx.destroy();
    const r = await cli(
      ['digest', '--db', db, '--config', config, '--week', '2026-W44'],
      '',
      '2026-11-16T06:00:00.000Z',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toContain('2026-W44.md');
  } finally {
    await ctx.close();
  }
});
