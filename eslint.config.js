// ESLint (flat config) with typescript-eslint's type information: run by `npm run lint` and `npm test`.
// Why type-aware: a discarded promise once let one request stop the collector (issue #11, defect 7);
// no-floating-promises and no-misused-promises make that a lint error, not a production incident.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'out/', 'node_modules/', 'test-results/', 'docs/firmware/', 'tests/unit/build/fixtures/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The renderer is type-checked by tsconfig.web.json (DOM, bundler resolution); the rest by tsconfig.json.
        project: ['./tsconfig.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Fakes and handlers implement async interfaces without awaiting anything: not a defect.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The layers of DESIGN.md, kept by the linter: only the shell touches Electron, so the core runs in
    // Node and in the browser host; the page and shared/ never reach into Node or the core.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/shell/ may import electron (DESIGN.md: the core never does).' }] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/shell/ may import electron.' }],
          patterns: [
            { regex: '^node:', message: 'shared/ and the renderer run in the page too: no Node modules here.' },
            { regex: '(^|/)electron/', message: 'The page and shared/ talk to the core only through the request registry, never by import.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers and mocks loosely on purpose (an assertion checks the shape right after);
    // the promise rules stay on: a test that forgets an await passes without checking anything.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Buffer'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
