import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { tableCounts } from '../helpers/db-counts.js';
import { hasRealdata, noteSkipped, REALDATA } from '../helpers/realdata.js';
import { openStore, rawConnection } from '../../src/storage/db.js';

noteSkipped('interop: twarc2 archives');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe.skipIf(!hasRealdata)('interop: every twarc-csv file', () => {
  const dir = join(REALDATA, 'twarc-csv');
  const files = hasRealdata
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => join(dir, f))
    : [];

  it('stores every tweet of the data arrays with its reply link, rejects the truncated line, and a re-run adds nothing', async () => {
    // The ids a reader would find by hand: every tweet object in `data` (list or single stream object).
    const expected = new Set<string>();
    const replies = new Set<string>();
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        let doc: { data?: unknown };
        try {
          doc = JSON.parse(line);
        } catch {
          continue;
        }
        const data = Array.isArray(doc?.data) ? doc.data : doc?.data ? [doc.data] : [];
        for (const t of data as {
          id: string;
          text?: string;
          in_reply_to_user_id?: string;
          referenced_tweets?: { type: string }[];
        }[]) {
          if (typeof t.text !== 'string') continue;
          expected.add(t.id);
          if (t.in_reply_to_user_id || t.referenced_tweets?.some((r) => r.type === 'replied_to')) replies.add(t.id);
        }
      }
    }
    expect(expected.size).toBe(1109);
    expect(replies.size).toBe(206);

    const db = `${tmp.dir}/twarc.db`;
    const r = await cli(['import', '--from', 'twarc', ...files, '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ files: files.length, posts: 1109, replies: 206 });
    expect(summary.rejected).toContainEqual({
      file: join(dir, 'streaming_output_with_error.jsonl'),
      line: 8,
      reason: expect.stringMatching(/^not JSON/),
    });

    const store = openStore(db, { readonly: true });
    const stored = new Set(
      rawConnection(store).prepare('select id from posts where referenced_only = 0').pluck().all() as string[],
    );
    const linked = rawConnection(store)
      .prepare(
        'select id from posts where referenced_only = 0 and (reply_to_id is not null or reply_to_user_id is not null)',
      )
      .pluck()
      .all() as string[];
    await store.close();
    expect(stored).toEqual(expected);
    expect(new Set(linked)).toEqual(replies);

    const before = await tableCounts(db);
    const again = await cli(['import', '--from', 'twarc', ...files, '--db', db, '--format', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ posts: 0, referenced: 0, replies: 0, requests: 0 });
    expect(await tableCounts(db)).toEqual(before);
  });
});
