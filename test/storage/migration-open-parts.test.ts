import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openStore, rawConnection } from '../../src/storage/db.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';

// Migration 0016 (#16): parts kept by the earlier rule (settled requests only) are not what a report
// now expects of a part (open requests too, an end), so they are dropped and kept again by the next
// upkeep; whole kept weeks stay, as they were counted the same way.
describe('migration 0016-open-parts', () => {
  it('drops the parts of the earlier rule with their rows, keeps whole weeks, and adds the new columns', async () => {
    const store = openStore(':memory:');
    const sqlite = rawConnection(store);
    const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo('0015-data-version');
    expect(error).toBeUndefined();
    const week = (start: number, cut: number | null) => {
      sqlite
        .prepare(
          'insert into request_week_sets (start_ms, end_ms, settled_ms, window_ms, kept_at, cut_ms) values (?, ?, ?, ?, ?, ?)',
        )
        .run(start, start + 7, start, 30, 'x', cut);
      const counts = Array.from({ length: 25 }, () => 0);
      sqlite
        .prepare(
          `insert into request_weeks (start_ms, end_ms, org_id, platform, kind, requests, questions, reports, answered,
            redirected, acknowledged, unanswered, pending, community, other_org, final_at, provisional,
            in_horizon_hit, in_horizon_base, answered_in_horizon, within1h_hit, within1h_base, within24h_hit,
            within24h_base, within_norm_hit, within_norm_base, timed, out_of_hours, answers, censored_at_window)
           values (?, ?, 'aa', '', '', ${counts.map(() => '?').join(', ')})`,
        )
        .run(start, start + 7, ...counts);
    };
    week(0, null);
    week(7, 100);
    expect(await migrateToLatest(store.db)).toEqual(['0016-open-parts']);
    expect(sqlite.prepare('select start_ms, cut_ms, until_ms from request_week_sets').all()).toEqual([
      { start_ms: 0, cut_ms: null, until_ms: null },
    ]);
    expect(sqlite.prepare('select start_ms, censored from request_weeks').all()).toEqual([
      { start_ms: 0, censored: null },
    ]);
    await store.close();
  });
});
