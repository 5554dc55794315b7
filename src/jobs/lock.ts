import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { UsageError } from '../config/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the one-daemon-per-database lock (`<db>.lock` holding the pid). A lock left by a dead
 * process is taken over. Throws UsageError (exit 2) naming the pid when another daemon holds it.
 * Returns the release function.
 */
export function acquireLock(dbPath: string): () => void {
  const file = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid))
        throw new UsageError(`${dbPath} is in use by another webcare run (pid ${pid}); stop it first`);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new UsageError(`${dbPath}: cannot take the lock ${file}`);
}
