import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { describeFsError, UsageError } from '../config/errors.js';

// Codes that mean the path the user gave is wrong (usage, exit 2), not that the machine failed.
const USAGE_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS']);

/** The option of `cmd` (or of a command above it) whose value is `path` or a folder that holds it. */
function optionOf(cmd: Command, path: string): { flag: string; value: string } | undefined {
  const target = resolve(path);
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options) {
      const value: unknown = c.getOptionValue(o.attributeName());
      if (typeof value !== 'string' || !value) continue;
      const v = resolve(value);
      if (target === v || target.startsWith(v.endsWith(sep) ? v : v + sep)) return { flag: o.long ?? o.flags, value };
    }
  }
  return undefined;
}

/**
 * A Node file-system error (EEXIST from mkdir, EISDIR, EACCES ...) as one line that names the file,
 * and the option that gave it when there is one: `--out data/x: exists and is not a directory`
 * (a UsageError, exit 2). Other errors are returned unchanged.
 */
export function explainFileError(err: unknown, cmd: Command): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (!(e instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return err;
  if (typeof e.path !== 'string') return err;
  const reason = describeFsError(e);
  const option = optionOf(cmd, e.path);
  if (option && USAGE_CODES.has(e.code)) {
    const where = resolve(e.path) === resolve(option.value) ? '' : ` (${e.path})`;
    return new UsageError(`${option.flag} ${option.value}: ${reason}${where}`);
  }
  return new Error(`${e.path}: ${reason}`);
}
