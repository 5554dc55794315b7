import { describe, expect, it } from 'vitest';
import {
  isLocalStatusRef,
  localStatusRef,
  normalizeStatuses,
  statusAliases,
  statusTimeProblem,
} from '../../src/platforms/mastodon/normalize.js';
import type { MAccount, MStatus } from '../../src/platforms/mastodon/types.js';

const SERVER = 'social.overheid.nl';
const gemeente: MAccount = {
  id: '1',
  username: 'gemeentevoorbeeld',
  acct: 'gemeentevoorbeeld',
  url: 'https://social.overheid.nl/@gemeentevoorbeeld',
};
const kees: MAccount = { id: '2', username: 'kees', acct: 'kees', url: 'https://social.overheid.nl/@kees' };
const anna: MAccount = {
  id: '3',
  username: 'anna',
  acct: 'anna@mastodon.social',
  url: 'https://mastodon.social/@anna',
};

const status = (id: string, account: MAccount, replyTo?: [string, MAccount]): MStatus => ({
  id,
  uri: account.acct.includes('@')
    ? `https://mastodon.social/users/${account.username}/statuses/9${id}`
    : `https://${SERVER}/users/${account.username}/statuses/${id}`,
  created_at: '2026-11-03T08:15:00.000Z',
  in_reply_to_id: replyTo?.[0] ?? null,
  in_reply_to_account_id: replyTo?.[1].id ?? null,
  content: '<p>tekst</p>',
  account,
  mentions: [],
});

describe('Mastodon parents outside the payload', () => {
  it("a local author found anywhere in the payload gives the parent's canonical URI (and the thread root)", () => {
    // kees is not mentioned by the reply, but is the author of another status in the same payload.
    const [, reply] = normalizeStatuses([status('10', kees), status('21', gemeente, ['20', kees])], SERVER);
    expect(reply!.post).toMatchObject({
      replyToId: `https://${SERVER}/users/kees/statuses/20`,
      threadRootId: `https://${SERVER}/users/kees/statuses/20`,
    });
  });

  it('a remote author waits under the local placeholder of the server', () => {
    const [reply] = normalizeStatuses([status('21', gemeente, ['20', anna])], SERVER);
    expect(reply!.post.replyToId).toBe(localStatusRef(SERVER, '20'));
    expect(isLocalStatusRef(reply!.post.replyToId!)).toBe(true);
    expect(isLocalStatusRef(`https://${SERVER}/users/kees/statuses/20`)).toBe(false);
  });

  it("keeps every status's local id as an alias of its URI, reblogged statuses too", () => {
    const boost = { ...status('30', gemeente), reblog: status('29', anna) };
    expect(statusAliases([status('10', kees), boost], SERVER)).toEqual([
      { alias: `https://${SERVER}/api/v1/statuses/10`, uri: `https://${SERVER}/users/kees/statuses/10` },
      { alias: `https://${SERVER}/api/v1/statuses/30`, uri: `https://${SERVER}/users/gemeentevoorbeeld/statuses/30` },
      { alias: `https://${SERVER}/api/v1/statuses/29`, uri: 'https://mastodon.social/users/anna/statuses/929' },
    ]);
  });

  it.each([
    [undefined, 'created_at: missing'],
    [null, 'created_at: missing'],
    ['2026-11-03T25:00:00Z', 'created_at: not a valid time ("2026-11-03T25:00:00Z")'],
    ['1970-01-01T00:00:00Z', 'created_at: not a valid time ("1970-01-01T00:00:00Z")'],
    ['2026-11-03T08:15:00.000Z', undefined],
  ])('a status time %j: %s', (value, problem) => {
    expect(statusTimeProblem({ created_at: value })).toBe(problem);
  });
});
