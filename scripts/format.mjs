// `npm run format` rewrites the code in the house style (prettier); `npm run format -- --check`
// only checks it (CI), exiting 1 when a file would change.
import { spawnSync } from 'node:child_process';

const PATHS = ['src', 'test', 'bench', 'scripts', 'eslint.config.js', 'vitest.config.ts'];
const check = process.argv.includes('--check');
const res = spawnSync('prettier', [check ? '--check' : '--write', '--log-level', check ? 'warn' : 'log', ...PATHS], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(res.status ?? 1);
