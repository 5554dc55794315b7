import { Option, type Command } from 'commander';
import { classify } from '../analysis/classify.js';
import { UsageError } from '../config/errors.js';
import type { PhraseBook } from '../analysis/phrases.js';
import { readResponse } from '../analysis/response/read-response.js';
import { withContext, type Io } from './command.js';
import { formatOption, render, type Format } from './format.js';
import { textsFrom } from './input.js';

interface ClassifyOptions {
  format: Format;
  as: 'request' | 'response';
  request?: string;
}

/**
 * `webcare classify [TEXT...]`: citizen posts as question / report / other (score, language,
 * reasons), or with `--as response` organisation replies as answer / redirect / acknowledge
 * (reasons, channels), optionally given the citizen post they answer (`--request`).
 */
export function registerClassify(program: Command, io: Io): void {
  program
    .command('classify')
    .description('classify posts as question, report or other, or replies as answer, redirect or acknowledge')
    .argument('[text...]', 'texts to classify (else one text per stdin line)')
    .addOption(new Option('--as <what>', 'what the texts are').choices(['request', 'response']).default('request'))
    .option('--request <text>', 'with --as response: the citizen post the replies answer')
    .addOption(formatOption())
    .action(async (texts: string[], opts: ClassifyOptions, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        if (opts.request !== undefined && opts.as !== 'response') {
          throw new UsageError('--request: only with --as response (it gives the citizen post a reply answers)');
        }
        const book = ctx.phrases();
        const rows: Record<string, unknown>[] = [];
        for await (const text of textsFrom(texts, io)) {
          const row = opts.as === 'response' ? responseRow(text, book, opts.request) : requestRow(text, book);
          // json streams one object per input line, in input order (jsonl).
          if (opts.format === 'json') io.out(JSON.stringify(row.json) + '\n');
          else rows.push(row.table);
        }
        const columns =
          opts.as === 'response'
            ? ['kind', 'channels', 'reasons', 'text']
            : ['kind', 'score', 'lang', 'reasons', 'text'];
        if (opts.format !== 'json') io.out(render(opts.format, rows, columns));
      });
    });
}

function requestRow(text: string, book: PhraseBook): { json: unknown; table: Record<string, unknown> } {
  const c = classify(text, book);
  return {
    json: c,
    table: { kind: c.kind, score: c.score.toFixed(2), lang: c.lang, reasons: c.reasons.join(', '), text },
  };
}

function responseRow(
  text: string,
  book: PhraseBook,
  request?: string,
): { json: unknown; table: Record<string, unknown> } {
  const r = readResponse(text, book, { request });
  return {
    json: r,
    table: { kind: r.kind, channels: r.channels.join(', '), reasons: r.reasons.join(', '), text },
  };
}
