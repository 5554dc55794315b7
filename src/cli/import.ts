import { statSync } from 'node:fs';
import { assertRegularFile } from './input.js';
import { Option, type Command } from 'commander';
import { importArchives, type ArchiveFormat } from '../archive/import.js';
import { UsageError } from '../config/errors.js';
import { accountsSchema } from '../config/handles.js';
import { slugify } from '../config/slug.js';
import { isPlatform, type Organisation, type Platform } from '../model/index.js';
import { pipelineDeps } from '../poller/setup.js';
import type { Store } from '../storage/db.js';
import { storedOrganisations } from '../storage/organisations.js';
import { setCacheMb } from '../storage/db.js';
import { expirePending } from '../poller/expire.js';
import { keepSettledWeeks, PART_FOR_GOOD } from '../poller/request-weeks.js';
import { reclaimer } from '../archive/reclaim.js';
import { withContext, type Io } from './command.js';
import { render, type Format } from './format.js';
import { progress } from './progress.js';

const FORMATS = ['twarc', 'x-v2', 'mastodon', 'bluesky', 'facebook'] as const;
const PLATFORM_OF = {
  twarc: 'x',
  'x-v2': 'x',
  mastodon: 'mastodon',
  bluesky: 'bluesky',
  facebook: 'facebook',
} as const;

/**
 * Accounts of this platform that earlier imports added with --account (stored, not in the config).
 * They stay monitored when a later import leaves --account out; the caller says so.
 */
async function accountsKeptFromEarlierImports(
  db: Store['db'],
  configured: readonly Organisation[],
  platform: Platform,
): Promise<string[]> {
  const inConfig = new Set(configured.map((o) => o.id));
  return (await storedOrganisations(db))
    .filter((o) => !inConfig.has(o.id))
    .flatMap((o) => (o.accounts[platform] ?? []).map((h) => `${platform}:${h}`));
}

/** `--account x:handle` flags as organisations, unless the registry already has that account. */
function extraOrganisations(flags: string[], known: readonly Organisation[]): Organisation[] {
  const extra: Organisation[] = [];
  for (const flag of flags) {
    const [platform, handle] = flag.split(/:(.*)/) as [string, string | undefined];
    if (!handle || !isPlatform(platform))
      throw new UsageError(`--account "${flag}": expected PLATFORM:HANDLE, e.g. x:gemeenteutrecht`);
    const parsed = accountsSchema.safeParse({ [platform]: handle });
    if (!parsed.success) throw new UsageError(`--account "${flag}": ${parsed.error.issues[0]!.message}`);
    const h = parsed.data[platform]![0]!;
    if (known.some((o) => o.accounts[platform]?.some((x) => x.toLowerCase() === h.toLowerCase()))) continue;
    extra.push({ id: slugify(`${platform}-${h}`), name: `@${h}`, accounts: { [platform]: [h] } });
  }
  return extra;
}

/** `webcare import --from FORMAT FILE...`: archives through the polling pipeline. */
export function registerImport(program: Command, io: Io): void {
  program
    .command('import')
    .description(
      'import archives (twarc2 JSONL, X API v2, Mastodon, Bluesky or Graph API JSON) through the same pipeline as polling',
    )
    .addOption(new Option('--from <format>', 'archive format').choices([...FORMATS]).makeOptionMandatory())
    .argument('<file...>', 'archive files')
    .option(
      '--account <platform:handle>',
      'also monitor this account (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--quiet', 'no progress line on stderr (errors and the summary still print)')
    .action(
      async (
        files: string[],
        opts: { from: (typeof FORMATS)[number]; account: string[]; format: Format; quiet?: boolean },
        cmd: Command,
      ) => {
        // A missing file, a directory, a FIFO or a device: refused with exit 2 before anything is read.
        for (const f of files) assertRegularFile(f);
        await withContext(cmd, async (ctx) => {
          const extra = extraOrganisations(opts.account, ctx.settings.organisations);
          const store = await ctx.store();
          // An import writes mostly new pages: a 16 MB page cache keeps its memory flat (docs/benchmarks.md).
          setCacheMb(store, 16);
          if (!opts.account.length) {
            const kept = await accountsKeptFromEarlierImports(
              store.db,
              ctx.settings.organisations,
              PLATFORM_OF[opts.from],
            );
            if (kept.length)
              io.err(
                `webcare: warning: importing without --account; still monitoring ${kept.join(', ')} ` +
                  "(added by an earlier import: its posts stay the organisation's)\n",
              );
          }
          const deps = await pipelineDeps(ctx, store, extra);
          // How far the import is: bytes read of all the files' bytes (lines and posts have no known total).
          const sizes = files.map((f) => statSync(f).size);
          const allBytes = sizes.reduce((a, b) => a + b, 0);
          const shown = progress(io, 'import', { unit: 'new posts', quiet: opts.quiet });
          const started = Date.now();
          let summary;
          try {
            summary = await importArchives(deps, opts.from as ArchiveFormat, files, (p) => {
              const before = sizes.slice(0, p.files - 1).reduce((a, b) => a + b, 0);
              const fraction = allBytes ? (before + p.bytes) / allBytes : undefined;
              shown.tick(p.posts, { fraction });
            });
          } finally {
            shown.done();
          }
          const { answer_window_days: windowDays } = ctx.settings.config.method;
          await expirePending(store.db, ctx.clock.now(), windowDays, ctx.settings.config.timezone);
          // Reports over the imported history add up its weeks from now on (#16); collecting between
          // weeks keeps the memory of a long history's first keeping flat, as between batches.
          const reclaim = reclaimer();
          const weeks = keepSettledWeeks(
            store.db,
            ctx.clock.now(),
            windowDays,
            ctx.settings.config.timezone,
            reclaim,
            PART_FOR_GOOD,
          );
          if (weeks.busy)
            ctx.logger.info('settled weeks not all kept (another writer is busy); the next upkeep keeps them');
          ctx.logger.info(
            { ...summary, rejected: summary.rejected.length, duration_ms: Date.now() - started },
            'import done',
          );
          if (opts.format === 'json') {
            io.out(JSON.stringify(summary, null, 2) + '\n');
            return;
          }
          const rows = ['files', 'lines', 'posts', 'referenced', 'replies', 'requests', 'skipped'].map((k) => ({
            what: k,
            count: summary[k as 'files'],
          }));
          rows.push(
            { what: 'rejected', count: summary.rejected.length },
            { what: 'unavailable', count: summary.unavailable.length },
            { what: 'anonymous', count: summary.anonymous },
          );
          io.out(render('table', rows, ['what', 'count']));
          for (const r of summary.rejected) io.out(`rejected ${r.file}:${r.line}: ${r.reason}\n`);
          for (const u of summary.unavailable) io.out(`unavailable ${u.file}: ${u.reason} ${u.uri}\n`);
        });
      },
    );
}
