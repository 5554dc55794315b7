import { dirname } from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { UsageError } from '../config/errors.js';
import { isPostgresUrl, shownDatabase } from '../model/index.js';
import { createLogger } from '../logger.js';
import { measureGroups } from '../reports/groups.js';
import { dur, num, pct } from '../reports/fmt.js';
import { metaFooter, reportMeta } from '../reports/meta.js';
import { rankWithTies, type Ranked, topWithTies } from '../reports/rank.js';
import { withContext, type Io } from './command.js';
import { progress, type Progress } from './progress.js';
import { aggregateContext } from './query-options.js';

interface DemoFlags {
  days: string;
  seed: string;
  out: string;
  tick: string;
  start: string;
  quiet?: boolean;
}

function int(name: string, v: string, lo: number, hi: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw new UsageError(`--${name} ${v}: expected a whole number from ${lo} to ${hi}`);
  return n;
}

/** `webcare demo`: the whole product on a simulated world of the configured organisations, offline. */
export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('run the whole pipeline offline on a simulated world of all organisations (SIMULATED data)')
    .option('--days <n>', 'simulated days', '28')
    .option('--seed <n>', 'seed of the world (same seed, same world)', '42')
    .option('--out <dir>', 'where the digest goes', 'data/demo-digests')
    .option('--tick <hours>', 'hours of simulated time between poll ticks', '8')
    .option('--start <date>', 'first simulated day (a Monday is best)', '2026-10-26')
    .option('--quiet', 'no progress line on stderr (errors and the summary still print)')
    .action(async (f: DemoFlags, cmd: Command) => {
      const days = int('days', f.days, 7, 365);
      const seed = int('seed', f.seed, 0, 2 ** 31);
      const tickHours = int('tick', f.tick, 1, 24);
      const start = DateTime.fromISO(f.start, { zone: 'Europe/Amsterdam' });
      if (!start.isValid) throw new UsageError(`--start ${f.start}: expected a date like 2026-10-26`);
      // The demo has a database of its own (replaced on every run): --db, or data/demo.db.
      const db = cmd.optsWithGlobals<{ db?: string }>().db ?? 'data/demo.db';
      // On PostgreSQL (an empty database) the demo's config goes beside the digests (data/ by default).
      const onPg = isPostgresUrl(db);
      const shownDb = shownDatabase(db);
      await withContext(cmd, async (base) => {
        io.out(
          `webcare demo: SIMULATED data (seed ${seed}) for ${base.settings.organisations.length} organisations, ${days} days; no network is used.\n`,
        );
        const t0 = Date.now();
        // One poll tick of simulated time after another: the total is known from the start.
        let shown: Progress | undefined;
        // Loaded when the command runs: the other commands do not pay for its libraries in start-up time and memory.
        const { runDemo } = await import('../sim/demo.js');
        const r = await runDemo({
          organisations: base.settings.organisations,
          seed,
          days,
          start: start.toJSDate(),
          tickHours,
          db,
          ...(onPg ? { configDir: dirname(f.out) } : {}),
          out: f.out,
          windowDays: 7,
          logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
          onProgress: (done, total) => {
            shown ??= progress(io, 'demo', { unit: 'poll ticks', total, quiet: f.quiet });
            shown.tick(done);
          },
        }).finally(() => shown?.done());
        try {
          const asOf = r.ctx.clock.now();
          const actx = await aggregateContext(r.ctx, r.store, undefined, asOf);
          const nat = (await measureGroups(r.store.db, r.ctx.settings, {}, asOf, 'all', actx))[0]!;
          const byOrg = await measureGroups(r.store.db, r.ctx.settings, {}, asOf, 'org', actx);
          const { ranked: orgs, unranked } = rankWithTies(byOrg, 'score', false);
          const worst = rankWithTies(byOrg, 'score', true).ranked;
          const line = ({ group: g, rank: position }: Ranked) =>
            `  ${String(position).padStart(3)}. ${g.label.padEnd(24)} score ${num(g.score)}  responded ${pct(g.metrics.responseRate).padStart(4)}  median ${dur(g.metrics.wallHours.median)}`;
          const m = nat.metrics;
          io.out(
            [
              `Simulated ${r.world.posts.length} posts (${r.world.truth.length} requests) on ${r.world.accounts.length} accounts; polled in ${r.ticks} ticks with ${Object.values(r.counters.requests).reduce((a, b) => a + b, 0)} API requests, in ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
              '',
              `National (${DateTime.fromMillis(r.world.start, { zone: 'Europe/Amsterdam' }).toISODate()} to ${DateTime.fromMillis(r.world.end, { zone: 'Europe/Amsterdam' }).minus({ days: 1 }).toISODate()}; answer window 7 days in the demo):`,
              `  requests ${m.requests}, responded ${pct(m.responseRate)}, substance ${pct(m.substance)}, median ${dur(m.wallHours.median)} (p90 ${dur(m.wallHours.p90)}), within the norm ${pct(m.withinNorm)}, mean score ${num(nat.score)} (${nat.scored} scored)`,
              `  outcomes: answered ${m.byOutcome.answered}, redirected ${m.byOutcome.redirected}, acknowledged ${m.byOutcome.acknowledged}, unanswered ${m.byOutcome.unanswered}, pending ${m.byOutcome.pending}`,
              `  rates over the ${m.due} requests due (past the ${r.ctx.settings.config.method.score_horizon_days}-day horizon, or responded within it); ${m.notYetDue} not yet due`,
              ...metaFooter(reportMeta(r.ctx.settings, asOf, [nat]))
                .trimEnd()
                .split('\n')
                .map((l) => `  ${l}`),
              '',
              'Top 5 (with every organisation sharing the 5th rank):',
              ...topWithTies(orgs, 5).map(line),
              'Bottom 5 (worst first, with every organisation sharing the 5th rank):',
              ...topWithTies(worst, 5).map(line),
              `  (equal scores share a rank; ${unranked.length} gemeenten without a score: too few requests)`,
              '',
              r.digest?.final
                ? `Digest of ${r.digest.week.label} (the last week whose figures are final):`
                : `Digest of ${r.digest?.week.label} (PROVISIONAL: final from ${r.digest?.finalAt}; the world is too short for a final week):`,
              ...r.files.map((p) => `  ${p}`),
              '',
              'Try next:',
              `  npx webcare stats --db ${shownDb} --config ${r.ctx.settings.configFile} --by platform`,
              `  npx webcare top --db ${shownDb} --config ${r.ctx.settings.configFile} --worst`,
              `  npx webcare requests --db ${shownDb} --config ${r.ctx.settings.configFile} --outcome unanswered --limit 10`,
              `  npx webcare serve --db ${shownDb} --config ${r.ctx.settings.configFile}   # the dashboard: http://127.0.0.1:8080/`,
              '',
            ].join('\n'),
          );
        } finally {
          await r.ctx.destroy();
        }
      });
    });
}
