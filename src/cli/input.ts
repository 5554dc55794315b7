import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describeFsError, InputError, UsageError } from '../config/errors.js';
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

/** "a FIFO", "a character device" ...: what a path is when it is not a file or a directory. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** The stats of `path`, or undefined when nothing is there (or, with `walking`, a file is further up). */
function statOf(path: string, label: string, walking = false): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || (walking && code === 'ENOTDIR')) return undefined;
    throw new InputError(`${label}: ${describeFsError(err)}`);
  }
}

/**
 * Throws InputError (exit 2) naming the path (and the option or command that gave it, e.g.
 * `--config` or `import`) unless it is a regular file: a missing path, a directory, a FIFO or a
 * device is refused before anything reads it (a FIFO or /dev/zero would block or never end).
 */
export function assertRegularFile(path: string, option = ''): void {
  const label = option ? `${option} ${path}` : path;
  const st = statOf(path, label);
  if (!st) throw new InputError(`${label}: file not found`);
  if (st.isDirectory()) throw new InputError(`${label}: is a directory, expected a file`);
  if (!st.isFile()) throw new InputError(`${label}: is ${kindOf(st)}, expected a regular file`);
}

/**
 * Throws UsageError (exit 2) naming the option and path unless `path` is a directory or can be
 * made one: a file where a directory is expected (`--out report.md`), or a file further up the
 * path, is refused before anything is written.
 */
export function assertDirectory(path: string, option = ''): void {
  const label = option ? `${option} ${path}` : path;
  for (let p = resolve(path); ; p = dirname(p)) {
    const st = statOf(p, label, true);
    if (st) {
      if (st.isDirectory()) return;
      const what = st.isFile() ? 'a file' : kindOf(st);
      throw new UsageError(
        p === resolve(path)
          ? `${label}: is ${what}, expected a directory`
          : `${label}: ${p} is ${what}, not a directory`,
      );
    }
    if (dirname(p) === p) return;
  }
}
