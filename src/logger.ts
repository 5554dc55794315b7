import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

// Any secret that reaches a log object by mistake is censored by key name.
const REDACT_PATHS = [
  'token',
  '*.token',
  'bearer_token',
  '*.bearer_token',
  '*.*.bearer_token',
  'access_token',
  '*.access_token',
  '*.*.access_token',
  'app_password',
  '*.app_password',
  '*.*.app_password',
  'password',
  '*.password',
  'hash_key',
  '*.hash_key',
  '*.*.hash_key',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Returns the root logger: JSON lines on stderr, or pretty lines when stderr is a TTY.
 * Level from LOG_LEVEL (default info). stdout stays free for command output.
 */
export function createLogger(
  opts: { level?: string; pretty?: boolean; destination?: NodeJS.WritableStream } = {},
): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const base = { level, redact: { paths: REDACT_PATHS, censor: '<redacted>' }, base: { pid: process.pid } };
  const usePretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  if (opts.destination) return pino(base, opts.destination);
  if (usePretty) {
    return pino(base, pretty({ destination: 2, sync: true, colorize: !process.env.NO_COLOR, ignore: 'pid,hostname' }));
  }
  return pino(base, pino.destination({ dest: 2, sync: true }));
}

/** A child logger for one subsystem (poller, storage, x, jobs, ...). */
export function subsystem(root: Logger, name: string): Logger {
  return root.child({ subsystem: name });
}
