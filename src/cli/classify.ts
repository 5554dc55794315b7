import type { Command } from 'commander';
import { classify } from '../analysis/classify.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';
import { textsFrom } from './input.js';

/** `webcare classify [TEXT...]`: question / report / other, with score, language and reasons. */
export function registerClassify(program: Command, io: Io): void {
  program
    .command('classify')
    .description('classify posts as question, report or other (arguments, or one text per stdin line)')
    .argument('[text...]', 'texts to classify')
    .addOption(formatOption())
    .action(async (texts: string[], opts: { format: Format }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const book = ctx.phrases();
        const rows: Record<string, unknown>[] = [];
        for await (const text of textsFrom(texts, io)) {
          const c = classify(text, book);
          // json streams one object per input line, in input order (jsonl).
          if (opts.format === 'json') io.out(JSON.stringify(c) + '\n');
          else rows.push({ kind: c.kind, score: c.score.toFixed(2), lang: c.lang, reasons: c.reasons.join(', '), text });
        }
        if (opts.format !== 'json') io.out(render(opts.format, rows, ['kind', 'score', 'lang', 'reasons', 'text']));
      });
    });
}
