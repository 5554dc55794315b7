import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = fileURLToPath(new URL('../fixtures/x/thread-answered.jsonl', import.meta.url));
const phrases = fileURLToPath(new URL('../../config/phrases', import.meta.url));

describe('webcare classify --as response', () => {
  it('prints kind redirect with its reasons and channels for a friendly "mail ons"', async () => {
    const text = "Wil je dit even mailen naar info@voorbeeld.nl? Dan helpen onze collega's je verder.";
    const r = await cli(['classify', '--as', 'response', '--format', 'json'], text + '\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'redirect',
      reasons: ['redirect:mailen naar', 'courtesy:then:dan helpen'],
      channels: ['email'],
    });
  });

  it('uses the citizen post given with --request', async () => {
    const reply = 'Dat kan via de app MijnGemeente';
    const asked = await cli([
      'classify',
      '--as',
      'response',
      '--request',
      'Waar kan ik dat melden?',
      '--format',
      'json',
      reply,
    ]);
    const told = await cli([
      'classify',
      '--as',
      'response',
      '--request',
      'Lamp kapot bij nr 3',
      '--format',
      'json',
      reply,
    ]);
    expect(JSON.parse(asked.stdout).kind).toBe('answer');
    expect(JSON.parse(told.stdout).kind).toBe('redirect');
  });
});

describe('bad usage', () => {
  it('refuses --request without --as response, and reclassify on a missing database (exit 2, nothing created)', async () => {
    const r = await cli(['classify', '--request', 'Waar kan ik dat melden?', 'Dat kan via de app']);
    expect(r).toMatchObject({
      code: 2,
      stderr: 'webcare: --request: only with --as response (it gives the citizen post a reply answers)\n',
    });
    const missing = `${tmp.dir}/typo.db`;
    const m = await cli(['reclassify', '--db', missing]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('typo.db: no database yet');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('webcare reclassify', () => {
  it('changes nothing when nothing changed, and reports the outcomes a changed phrase list moves', async () => {
    const db = `${tmp.dir}/r.db`;
    expect((await cli(['import', '--from', 'twarc', fixture, '--account', 'x:GemVoorbeeld', '--db', db])).code).toBe(0);
    const same = await cli(['reclassify', '--db', db, '--format', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ threads: 1, added: 0, removed: 0, outcomes_changed: 0 });

    // A user tunes the phrase lists: replies that name the Dorpsstraat now count as redirects.
    cpSync(phrases, `${tmp.dir}/phrases`, { recursive: true });
    const nl = `${tmp.dir}/phrases/nl.yaml`;
    writeFileSync(nl, readFileSync(nl, 'utf8').replace('  redirect: [', '  redirect: [in de dorpsstraat, '));
    const config = tmp.file('tuned.yaml', `phrases_dir: ${tmp.dir}/phrases\n`);
    const tuned = await cli(['reclassify', '--db', db, '--config', config]);
    expect(tuned.code).toBe(0);
    expect(tuned.stdout).toContain(
      '1 threads re-read; requests: 0 new, 0 no longer requests; 1 outcomes changed (answer window 30 days',
    );
    expect(tuned.stdout).toMatch(/answered->redirected\s+1/);
    const listed = await cli(['requests', '--db', db, '--config', config, '--format', 'json']);
    expect(JSON.parse(listed.stdout).requests[0]).toMatchObject({ outcome: 'redirected' });
  });
});
