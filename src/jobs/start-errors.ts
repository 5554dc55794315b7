import { UserError } from '../config/errors.js';

// How `webcare run` says why it could not start: one line naming the setting or the file, exit 2.

/** A failure of `webcare run` at start: exit 2 with its one line. */
export class StartError extends UserError {}

/** The one line for a listen error: which setting, and what is wrong with it. */
export function listenError(err: unknown, host: string, port: number): Error {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EADDRINUSE':
      return new StartError(`http.port ${port}: address already in use`);
    case 'EACCES':
      return new StartError(`http.port ${port}: permission denied (ports below 1024 need privileges)`);
    case 'EADDRNOTAVAIL':
      return new StartError(`http.host ${host}: address not available on this machine`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartError(`http.host ${host}: cannot resolve this name`);
    default:
      return new StartError(`http ${host}:${port}: ${firstLine(err)}`);
  }
}

/** Any start failure as a UserError: kept when it already is one, else named after what failed. */
export function startError(err: unknown, database: string): Error {
  if (err instanceof UserError) return err;
  const line = firstLine(err);
  if (line.startsWith(`${database}:`)) return new StartError(line); // the store's own errors name the file
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return new StartError(`${database}: ${line}`);
  return new StartError(`cannot start: ${line}`);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
