import { BIO_PARSER_VERSION, parseBio } from '../analysis/bio/parse-bio.js';
import type { Context } from '../context.js';
import { DAY_MS } from '../model/index.js';
import type { CursorState, PlatformAdapter, PollInput } from '../platforms/adapter.js';
import { setPlatformUserId } from '../storage/accounts.js';
import { insertBioIfChanged } from '../storage/bios.js';
import { setCursor } from '../storage/cursors.js';
import type { Store } from '../storage/db.js';
import type { PlatformResult } from './poll.js';
import type { pipelineDeps } from './setup.js';

/**
 * Reads the bios of the polled accounts that are due (once a day) and stores the changed ones:
 * the first step of a platform's poll, since bios also teach the index the accounts' platform ids.
 */
export async function refreshBiosIfDue(
  ctx: Context,
  store: Store,
  adapter: PlatformAdapter,
  input: PollInput,
  cursors: Map<string, CursorState>,
  result: PlatformResult,
  deps: Awaited<ReturnType<typeof pipelineDeps>>,
  perAccount: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  const stale = (c: CursorState | undefined) => !c || now.getTime() - Date.parse(c.value) >= DAY_MS;
  // One daemon reads every bio of a platform once a day; workers each read the bios of the accounts
  // they claimed, each account once a day (its own cursor), so none is left out.
  const accounts = perAccount
    ? input.accounts.filter((a) => stale(cursors.get(`account:${a.id}|bios`)))
    : stale(cursors.get('platform|bios'))
      ? input.accounts
      : [];
  if (!accounts.length) return;
  const { bios, requests, usersRead } = await adapter.fetchBios({ ...input, accounts });
  result.requestsMade += requests;
  result.usersRead += usersRead;
  const book = ctx.phrases();
  await store.db.transaction().execute(async (trx) => {
    for (const b of bios) {
      const account = accounts.find((a) => a.handle.toLowerCase() === b.handle.toLowerCase());
      if (!account) continue;
      if (b.platformUserId) {
        await setPlatformUserId(trx, account.id, b.platformUserId);
        deps.index.learnUserId(adapter.platform, account.handle, b.platformUserId);
        account.platformUserId = b.platformUserId;
      }
      await insertBioIfChanged(trx, {
        accountId: account.id,
        fetchedAt: now.toISOString(),
        text: b.text,
        parsed: parseBio(b.text, book, account.handle),
        parserVersion: BIO_PARSER_VERSION,
      });
    }
    const at = now.toISOString();
    if (!perAccount) await setCursor(trx, adapter.platform, 'platform', 'bios', at, at);
    else for (const a of accounts) await setCursor(trx, adapter.platform, `account:${a.id}`, 'bios', at, at);
  });
}
