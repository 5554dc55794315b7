import { createInterface } from 'node:readline';
import type { Io } from './command.js';

/** The texts a command works on: its arguments, or else one text per line of standard input. */
export async function* textsFrom(args: readonly string[], io: Io): AsyncGenerator<string> {
  if (args.length) {
    yield* args;
    return;
  }
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield line;
}
