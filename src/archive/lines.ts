import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Streams a file's lines with 1-based line numbers, in constant memory. */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) yield { line: ++line, text };
}
