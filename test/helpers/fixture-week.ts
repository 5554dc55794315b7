import { BIO_PARSER_VERSION, parseBio } from '../../src/analysis/bio/parse-bio.js';
import type { Context } from '../../src/context.js';
import type { Post } from '../../src/model/index.js';
import type { NormalizedPost } from '../../src/platforms/x/normalize.js';
import { ingest } from '../../src/poller/pipeline.js';
import { pipelineDeps } from '../../src/poller/setup.js';
import { insertBioIfChanged } from '../../src/storage/bios.js';
import type { Store } from '../../src/storage/db.js';

export const FIXTURE_CONFIG = `registry: []
organisations:
  - { id: utrecht, name: Utrecht, cbs: GM0344, province: Utrecht, accounts: { x: gemeenteutrecht, mastodon: utrecht@social.overheid.nl } }
  - { id: zwolle, name: Zwolle, cbs: GM0193, province: Overijssel, accounts: { x: gemeentezwolle } }
  - { id: ede, name: Ede, cbs: GM0228, province: Gelderland, accounts: { x: gemeente_ede } }
  - { id: texel, name: Texel, cbs: GM0448, province: Noord-Holland, accounts: { x: gemeentetxl } }
`;

let seq = 0;
const id = () => String(1_860_000_000_000_000_000n + BigInt(seq++));
const H = 3_600_000;

/** A question to `handle` at `at` (UTC) and, when `after` hours is given, the organisation's reply. */
export function thread(
  platform: 'x' | 'mastodon',
  handle: string,
  orgUserId: string,
  at: string,
  reply?: { after: number; text: string },
  question = 'Wanneer wordt het grofvuil opgehaald?',
): NormalizedPost[] {
  const q: Post = {
    platform,
    id: id(),
    authorId: `citizen-${seq}`,
    createdAt: at,
    text: `@${handle} ${question}`,
    kind: 'post',
    mentions: [handle.toLowerCase()],
  };
  q.threadRootId = q.id;
  q.url = platform === 'x' ? `https://x.com/i/status/${q.id}` : `https://social.overheid.nl/@citizen/${q.id}`;
  const out: NormalizedPost[] = [{ post: q, raw: { fixture: true } }];
  if (reply) {
    const a: Post = {
      platform,
      id: id(),
      authorId: orgUserId,
      authorHandle: handle,
      createdAt: new Date(Date.parse(at) + reply.after * H).toISOString(),
      text: reply.text,
      kind: 'reply',
      mentions: [],
      replyToId: q.id,
      replyToUserId: q.authorId,
      threadRootId: q.id,
    };
    out.push({ post: a, raw: { fixture: true } });
  }
  return out;
}

/**
 * Week 2026-W45 (Mon 2 - Sun 8 Nov 2026) with known answers, seen on 15 Dec 2026 (all W45 windows closed):
 * - Utrecht (x): 6 questions on Wednesday 10:00 local, answered after 0.5, 1, 2, 3, 4 h; one redirected after 1 h.
 * - Utrecht (mastodon): 1 question, answered after 2 h.
 * - Zwolle: 5 questions, answered after 24 h and 48 h, 3 never (unanswered).
 * - Ede: 1 question acknowledged after 1 h, 1 unanswered.
 * - Texel: nothing.
 * Plus 2 questions to Zwolle in W50 (7-13 Dec) still pending on 15 Dec, and 3 in W44 for week-over-week.
 */
export async function seedFixtureWeek(ctx: Context, store: Store): Promise<void> {
  const deps = await pipelineDeps(ctx, store);
  const wed = '2026-11-04T09:00:00.000Z'; // 10:00 in Amsterdam
  const posts: NormalizedPost[] = [
    ...[0.5, 1, 2, 3, 4].flatMap((h) =>
      thread('x', 'gemeenteutrecht', '100', wed, { after: h, text: 'Op dinsdag, vanaf 7.30 uur.' }),
    ),
    ...thread('x', 'gemeenteutrecht', '100', wed, { after: 1, text: 'Mail ons op info@utrecht.nl' }),
    ...thread('mastodon', 'utrecht@social.overheid.nl', '200', wed, { after: 2, text: 'Op dinsdag.' }),
    ...thread('x', 'gemeentezwolle', '300', wed, { after: 24, text: 'Op maandag.' }),
    ...thread('x', 'gemeentezwolle', '300', wed, { after: 48, text: 'Op maandag.' }),
    ...[1, 2, 3].flatMap(() => thread('x', 'gemeentezwolle', '300', wed)),
    ...thread('x', 'gemeente_ede', '400', wed, { after: 1, text: 'Dank voor je vraag, we zoeken het uit.' }),
    ...thread('x', 'gemeente_ede', '400', wed),
    ...[1, 2].flatMap(() => thread('x', 'gemeentezwolle', '300', '2026-12-09T10:00:00.000Z')),
    ...[1, 2, 3].flatMap(() =>
      thread('x', 'gemeenteutrecht', '100', '2026-10-28T10:00:00.000Z', { after: 1, text: 'Op dinsdag.' }),
    ),
  ];
  await ingest(deps, {
    posts,
    provenance: { source: 'fixture', fetchedAt: '2026-12-15T12:00:00.000Z', adapterVersion: 'fixture-1' },
  });
  const accounts = await store.db.selectFrom('accounts').select(['id', 'handle']).execute();
  const bios: Record<string, [string, string][]> = {
    gemeenteutrecht: [
      ['2026-10-01T06:30:00.000Z', 'Nieuws van de gemeente Utrecht.'],
      ['2026-11-05T06:30:00.000Z', 'Stel hier je vraag! Webcare ma-vr 9-17 uur.'],
    ],
    gemeentezwolle: [['2026-10-01T06:30:00.000Z', 'Voor vragen: e-mail ons op info@zwolle.nl']],
    gemeente_ede: [['2026-10-01T06:30:00.000Z', 'Dit account wordt niet gemonitord.']],
  };
  for (const a of accounts) {
    for (const [at, text] of bios[a.handle] ?? []) {
      await insertBioIfChanged(store.db, {
        accountId: a.id,
        fetchedAt: at,
        text,
        parsed: parseBio(text, ctx.phrases(), a.handle),
        parserVersion: BIO_PARSER_VERSION,
      });
    }
  }
}
