/**
 * Errors that mean "the user gave us something wrong": bad usage, bad config, bad input.
 * main.ts maps them to exit code 2 and prints only their one-line message.
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class ConfigError extends UserError {}
export class UsageError extends UserError {}
export class InputError extends UserError {}

/**
 * A command that did its work but part of it failed (a platform of `poll --once`): exit code 1,
 * with this one-line message on stderr after the command's normal output.
 */
export class CommandFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

// What the file-system error codes mean to someone who gave us a path.
const FS_REASONS: Record<string, string> = {
  ENOENT: 'not found',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a part of the path is a file, expected a directory',
  EEXIST: 'exists and is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
};

/** Says in words what went wrong with a file, from a Node file-system error ("is a directory, expected a file"). */
export function describeFsError(err: unknown): string {
  const { code, syscall } = (err ?? {}) as { code?: unknown; syscall?: unknown };
  if (code === 'EEXIST' && syscall !== 'mkdir') return 'already exists';
  if (typeof code === 'string' && FS_REASONS[code]) return FS_REASONS[code];
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
