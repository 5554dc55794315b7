import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Streams a file's lines with 1-based line numbers, in constant memory. `bytes` is how much of the
 * file has been read so far (up to one 64 KiB chunk ahead of the line): enough for progress and an ETA.
 */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string; bytes: number }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) yield { line: ++line, text, bytes: input.bytesRead };
}
