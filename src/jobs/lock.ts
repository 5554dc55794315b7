import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../config/errors.js';
import type { Logger } from '../logger.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return 0; // gone meanwhile
  }
}

/**
 * The command line of a process, from /proc/<pid>/cmdline (Linux): its arguments, or undefined
 * when it cannot be read (other systems, /proc mounted with hidepid, the process just ended).
 */
export function commandLine(pid: number, platform: NodeJS.Platform = process.platform): string[] | undefined {
  if (platform !== 'linux') return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Whether a command line looks like a webcare process: node (or tsx) running a script whose path
 * says webcare or is the CLI's entry point (`dist/main.js`, `src/main.ts`), or an executable named
 * webcare. Errs towards yes: a wrong yes only keeps the lock, a wrong no would let two daemons in.
 */
export function looksLikeWebcare(argv: string[]): boolean {
  const [exe, ...args] = argv;
  if (!exe) return false; // a zombie or kernel thread: no command line
  const name = basename(exe).toLowerCase();
  if (name.includes('webcare')) return true;
  if (!/^(node|nodejs|tsx)([\d.-]*)(\.exe)?$/.test(name)) return false;
  return args.some((a) => /webcare/i.test(a) || /(^|[/\\])main\.[cm]?[jt]s$/.test(a));
}

export interface LockOptions {
  /** Told, in one line, when a lock is taken over from a live process that is not webcare. */
  log?: Logger;
  /** The system whose /proc is read (tests); default process.platform. */
  platform?: NodeJS.Platform;
}

/**
 * Takes the one-daemon-per-database lock (`<db>.lock` holding the pid). A lock left by a dead
 * process is taken over; so is one whose pid now belongs to a live process that is not webcare
 * (Linux, from /proc/<pid>/cmdline; logged once). Throws UsageError (exit 2) naming the pid when
 * another daemon holds it. Returns the release function.
 */
export function acquireLock(dbPath: string, opts: LockOptions = {}): () => void {
  const file = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock: never one another daemon took over meanwhile.
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = readPid(file);
      if (pid && pid !== process.pid && alive(pid)) {
        const argv = commandLine(pid, opts.platform);
        if (argv === undefined || looksLikeWebcare(argv))
          throw new UsageError(`${dbPath} is in use by another webcare run (pid ${pid}); stop it first`);
        const cmd = argv.join(' ').slice(0, 200);
        opts.log?.warn(
          { lock: file, holder_pid: pid, cmdline: cmd },
          `${file}: pid ${pid} is alive but is not webcare (${JSON.stringify(cmd)}): treating the lock as stale`,
        );
      }
      rmSync(file, { force: true }); // stale: its process is gone, or is something else now
    }
  }
  throw new UsageError(`${dbPath}: cannot take the lock ${file}`);
}
