// The dependency rules of the architecture (docs/architecture.md), written into the build:
// each folder of src/ lists the folders it must never import, so the clean module graph stays clean.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FOLDERS = [
  'analysis',
  'archive',
  'cli',
  'config',
  'discover',
  'jobs',
  'model',
  'platforms',
  'poller',
  'reports',
  'sim',
  'storage',
  'web',
];
const NODE_IO = ['fs', 'fs/promises', 'net', 'http', 'https', 'child_process', 'dgram', 'dns', 'tls', 'worker_threads'];

/** What each folder may import from src/ (besides itself); everything else is refused. */
const ALLOWED = {
  model: [],
  analysis: ['model'],
  storage: ['model'],
  config: ['model', 'analysis', 'logger'],
  platforms: ['model', 'config', 'logger'],
  poller: ['model', 'config', 'analysis', 'platforms', 'storage', 'context', 'logger'],
  archive: ['model', 'config', 'analysis', 'platforms', 'poller', 'storage', 'logger'],
  discover: ['model', 'config', 'platforms', 'logger'],
  reports: ['model', 'config', 'analysis', 'storage', 'context', 'logger'],
  jobs: ['model', 'config', 'platforms', 'poller', 'storage', 'reports', 'context', 'logger'],
  web: ['model', 'config', 'analysis', 'storage', 'reports', 'context', 'logger'],
  sim: ['model', 'config', 'analysis', 'platforms', 'poller', 'storage', 'reports', 'jobs', 'context', 'logger'],
  cli: FOLDERS.filter((f) => f !== 'cli').concat(['context', 'logger']),
};

function layerRule(folder) {
  const allowed = new Set([folder, ...ALLOWED[folder]]);
  const refused = [...FOLDERS, 'context', 'logger', 'main'].filter((f) => !allowed.has(f));
  const patterns = [
    {
      group: refused.flatMap((f) => [
        `../${f}`,
        `../${f}/**`,
        `../${f}.js`,
        `../../${f}`,
        `../../${f}/**`,
        `../../${f}.js`,
      ]),
      message: `${folder}/ must not import this layer (docs/architecture.md)`,
    },
  ];
  if (folder !== 'storage') {
    patterns.push({ group: ['better-sqlite3', 'pg'], message: 'SQL lives in src/storage/ only' });
    patterns.push({
      group: ['**/storage/db.js'],
      importNames: ['rawConnection'],
      message: 'the raw connection is private to src/storage/',
    });
    patterns.push({
      group: ['kysely'],
      allowTypeImports: true,
      message: 'SQL lives in src/storage/ only (type imports are fine)',
    });
  }
  if (folder === 'analysis' || folder === 'model') {
    patterns.push({ group: NODE_IO.flatMap((m) => [`node:${m}`, m]), message: `${folder}/ is pure: no I/O` });
  }
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

const SQL_CALLS = 'selectFrom|insertInto|updateTable|deleteFrom|prepare|pragma';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...Object.keys(ALLOWED).map(layerRule),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name=/^(${SQL_CALLS})$/]`,
          message: 'SQL lives in src/storage/ only: call a storage function',
        },
      ],
    },
  },
  {
    files: ['src/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./web/**', './sim/**'], message: 'only cli/ wires these' }] },
      ],
    },
  },
);
