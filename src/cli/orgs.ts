import type { Command } from 'commander';
import type { Organisation, Platform } from '../model/index.js';
import { PLATFORMS } from '../model/index.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';

function accountList(o: Organisation): string[] {
  return PLATFORMS.flatMap((p: Platform) => (o.accounts[p] ?? []).map((h) => `${p}:${h}`));
}

/** `webcare orgs`: lists the configured organisations with their accounts. */
export function registerOrgs(program: Command, io: Io): void {
  program
    .command('orgs')
    .description('list organisations (registry + config) with their accounts')
    .addOption(formatOption())
    .option('--province <name>', 'only this province')
    .option('--with-accounts', 'only organisations that have at least one account')
    .action(async (opts: { format: Format; province?: string; withAccounts?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const orgs = ctx.settings.organisations.filter(
          (o) =>
            (!opts.province || o.province?.toLowerCase() === opts.province.toLowerCase()) &&
            (!opts.withAccounts || accountList(o).length > 0),
        );
        const rows = orgs.map((o) => ({
          id: o.id,
          name: o.name,
          cbs: o.cbs,
          province: o.province,
          population: o.population,
          accounts: accountList(o),
        }));
        const json = orgs.map((o) => ({
          id: o.id,
          name: o.name,
          official_name: o.officialName ?? null,
          cbs: o.cbs ?? null,
          province: o.province ?? null,
          population: o.population ?? null,
          accounts: o.accounts,
        }));
        io.out(render(opts.format, rows, ['id', 'name', 'cbs', 'province', 'population', 'accounts'], json));
      });
    });
}
