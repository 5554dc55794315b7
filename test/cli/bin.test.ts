import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/spawn.js';

// npm ci builds dist/ through `prepare`; the bin must then run as `npx webcare` without a manual step.
describe('the built webcare command', () => {
  it('is executable and answers --version and --help', () => {
    const bin = `${ROOT}/dist/main.js`;
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe('0.1.0');
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('digest [options]');
  });
});
