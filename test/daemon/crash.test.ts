import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, rawConnection } from '../../src/storage/db.js';
import { tempDir } from '../helpers/cli.js';
import { runScript } from '../helpers/spawn.js';
import { twarcLines } from '../helpers/twarc-gen.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const CHILD = 'test/helpers/crash-child.ts';

/** Everything the pipeline writes, in a stable order. */
async function dump(db: string): Promise<Record<string, unknown[]>> {
  const store = openStore(db, { readonly: true });
  try {
    const q = (sql: string) => rawConnection(store).prepare(sql).all();
    return {
      posts: q(
        'select platform, id, author_id, author_is_org, org_id, kind, text, created_at, reply_to_id, reply_to_user_id, thread_root_id, referenced_only from posts order by platform, id',
      ),
      requests: q('select * from requests order by platform, post_id'),
      accounts: q('select org_id, platform, handle, platform_user_id from accounts order by id'),
    };
  } finally {
    await store.close();
  }
}

describe('crash consistency: SIGKILL inside the pipeline transaction', () => {
  const file = `${tmp.dir}/5000.jsonl`;
  writeFileSync(file, twarcLines(5000).join('\n') + '\n');
  const config = tmp.file(
    'crash.yaml',
    'registry: []\norganisations:\n  - { id: test, name: Test, accounts: { x: GemTest } }\n',
  );

  it('an uninterrupted run stores 5000 posts in 3 batches', async () => {
    const r = await runScript(CHILD, [config, `${tmp.dir}/clean.db`, file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ posts: 5000 });
  });

  it.each([1, 2, 3])(
    'killed in batch %i, then restarted: the same database as a run that was never killed',
    async (killAt) => {
      const db = `${tmp.dir}/killed-${killAt}.db`;
      const killed = await runScript(CHILD, [config, db, file], { KILL_AT: String(killAt) });
      expect(killed.signal).toBe('SIGKILL');
      const store = openStore(db, { readonly: true });
      const partial = Number(rawConnection(store).prepare('select count(*) from posts').pluck().get());
      await store.close();
      expect(partial).toBe((killAt - 1) * 2000); // the killed batch left nothing behind
      const restarted = await runScript(CHILD, [config, db, file]);
      expect(restarted.code).toBe(0);
      expect(await dump(db)).toEqual(await dump(`${tmp.dir}/clean.db`));
    },
  );
});
