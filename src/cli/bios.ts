import type { Command } from 'commander';
import { UsageError } from '../config/errors.js';
import { formatOption, render, type Format } from './format.js';
import { latestBios } from '../reports/load.js';
import { parseInstant } from '../reports/period.js';
import { statedHoursText } from '../reports/fmt.js';
import { withContext, type Io } from './command.js';
import { readStore } from './query-options.js';

/** `webcare bios`: the latest bio of every account with its parsed fields; filters and history. */
export function registerBios(program: Command, io: Io): void {
  program
    .command('bios')
    .description('account bios: deflection, not monitored, stated hours; --history shows every version')
    .addOption(formatOption())
    .option('--deflecting', 'only bios that send people elsewhere')
    .option('--not-monitored', 'only bios that say the account is not monitored')
    .option('--changed-since <when>', 'only bios that changed since (7d, 2026-11-01)')
    .option('--history <org>', 'every stored version of this organisation\'s bios')
    .action(async (opts: { format: Format; deflecting?: boolean; notMonitored?: boolean; changedSince?: string; history?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const store = await readStore(ctx);
        if (opts.history) {
          if (!ctx.settings.organisations.some((o) => o.id === opts.history)) throw new UsageError(`--history ${opts.history}: no such organisation`);
          const rows = await store.db
            .selectFrom('bios as b')
            .innerJoin('accounts as a', 'a.id', 'b.account_id')
            .select(['a.platform', 'a.handle', 'b.fetched_at', 'b.text', 'b.parsed'])
            .where('a.org_id', '=', opts.history)
            .orderBy('a.platform')
            .orderBy('b.fetched_at')
            .execute();
          const out = rows.map((r) => ({ platform: r.platform, handle: r.handle, fetched_at: r.fetched_at, text: r.text, ...JSON.parse(r.parsed) }));
          io.out(opts.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : render(opts.format, out, ['platform', 'handle', 'fetched_at', 'deflects', 'notMonitored', 'text']));
          return;
        }
        const since = opts.changedSince ? parseInstant('--changed-since', opts.changedSince, ctx.clock.now(), ctx.settings.config.timezone).toISOString() : undefined;
        const bios = (await latestBios(store.db)).filter(
          (b) => (!opts.deflecting || b.fields.deflects) && (!opts.notMonitored || b.fields.notMonitored) && (!since || (b.fetchedAt >= since && b.previousText !== null)),
        );
        if (opts.format === 'json') {
          io.out(JSON.stringify(bios.map((b) => ({ org: b.orgId, platform: b.platform, handle: b.handle, fetched_at: b.fetchedAt, text: b.text, previous_text: b.previousText, ...b.fields })), null, 2) + '\n');
          return;
        }
        const rows = bios.map((b) => ({ org: b.orgId, platform: b.platform, handle: b.handle, deflects: b.fields.deflects ? 'yes' : '', channels: b.fields.channels.join(','), not_monitored: b.fields.notMonitored ? 'yes' : '', hours: statedHoursText(b.fields.hours), text: opts.format === 'table' ? b.text.slice(0, 60) : b.text }));
        io.out(rows.length ? render(opts.format, rows, ['org', 'platform', 'handle', 'deflects', 'channels', 'not_monitored', 'hours', 'text']) : 'no bios in this selection\n');
      });
    });
}
