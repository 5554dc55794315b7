import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('webcare classify', () => {
  it('reads stdin and prints one JSON object per line with kind and reasons', async () => {
    const r = await cli(['classify', '--format', 'json'], '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'question',
      score: 0.9,
      lang: 'nl',
      reasons: ['question-mark', 'opens:wanneer'],
    });
  });

  it('keeps input order for several texts, from arguments', async () => {
    const r = await cli([
      'classify',
      '--format',
      'json',
      'Lantaarnpaal bij nr 230 is al twee weken kapot',
      'Wie bedenkt dit nou weer?',
      'kan ik mijn oude koelkast ergens kwijt',
    ]);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['report', 'other', 'question']);
  });

  it('prints a table by default and CSV on request', async () => {
    expect((await cli(['classify', 'Is het stadskantoor morgen open'])).stdout).toMatch(
      /^kind\s+score\s+lang\s+reasons\s+text\nquestion\s+0\.\d\d\s+nl/,
    );
    expect((await cli(['classify', '--format', 'csv', 'Bedankt!'])).stdout).toBe(
      'kind,score,lang,reasons,text\nother,0.90,nl,reaction:bedankt,Bedankt!\n',
    );
  });
});

describe('webcare bio', () => {
  it('prints the fields of METHOD.md 5 per input line, in order', async () => {
    const r = await cli(
      ['bio', '--format', 'json'],
      'Voor vragen: e-mail ons op info@zwolle.nl\nStel hier je vraag! Webcare ma t/m vr 8.30-17.00 uur\n',
    );
    const [a, b] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toEqual({
      deflects: true,
      channels: ['email'],
      notMonitored: false,
      invitesQuestions: false,
      hours: [],
      promise: null,
    });
    expect(b).toEqual({
      deflects: false,
      channels: [],
      notMonitored: false,
      invitesQuestions: true,
      hours: [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:00' }],
      promise: null,
    });
  });

  it('a broken phrase list in the config is a one-line error, exit 2', async () => {
    const { tempDir } = await import('../helpers/cli.js');
    const t = tempDir();
    t.file('nl.yaml', 'language: nl\nstopwords: oops\n');
    const cfg = t.file('c.yaml', `phrases_dir: ${t.dir}\n`);
    const r = await cli(['--config', cfg, 'bio', 'x']);
    t.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nl\.yaml: stopwords: must be an array \(line 2\)\n$/);
  });
});
