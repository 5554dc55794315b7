import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/jobs/lock.js';
import { tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('one daemon per database', () => {
  it('refuses when a live process holds the lock, naming its pid', () => {
    const db = `${tmp.dir}/a.db`;
    writeFileSync(`${db}.lock`, String(process.ppid));
    expect(() => acquireLock(db)).toThrow(`is in use by another webcare run (pid ${process.ppid})`);
  });

  it('takes over a lock left by a dead process, and releases it', () => {
    const db = `${tmp.dir}/b.db`;
    writeFileSync(`${db}.lock`, '2147483646');
    const release = acquireLock(db);
    expect(existsSync(`${db}.lock`)).toBe(true);
    release();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });
});
