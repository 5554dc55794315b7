import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import { setCliClock } from '../../src/cli/command.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a webcare command line in-process, capturing stdout and stderr; `stdin` feeds standard
 * input; `now` fixes the clock of the command (figures of dated fixtures), else the real one.
 */
export async function cli(argv: string[], stdin = '', now?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  setCliClock(now ? { now: () => new Date(now) } : undefined);
  try {
    const code = await runCli(argv, {
      out: (t) => void (stdout += t),
      err: (t) => void (stderr += t),
      stdin: Readable.from([stdin]),
      isTTY: false,
    });
    return { code, stdout, stderr };
  } finally {
    setCliClock(undefined);
  }
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; file(name: string, text?: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-test-'));
  return {
    dir,
    file(name, text) {
      const p = join(dir, name);
      if (text !== undefined) writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
