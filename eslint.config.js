// ESLint (flat config) with typescript-eslint's type information: run by `npm run lint` and `npm test`.
// Why type-aware: a discarded promise once let one request stop the collector (issue #11, defect 7);
// no-floating-promises and no-misused-promises make that a lint error, not a production incident.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Pure modules: the state machines, parsers and rules of DESIGN.md. A module is pure when it takes what
// it works on, the time included, as arguments and itself touches no file, database, network, serial
// port, clock or process, so its tests need no I/O. A list per folder, not a file-name suffix: the names
// stay the ones a technician uses, and a module goes on or off the list in a one-line change. A new pure
// module goes on its folder's line. Not listed because they do I/O too: technician/pinLockout.ts (its
// readLockout queries the journal), doctor/doctorReport.ts (reads the files it formats),
// technician/connectionTest.ts (falls back to fetch and timers), clock.ts and scheduler.ts (the real ones).
const PURE_MODULES = {
  'electron/core/rating': ['ratingSession', 'windowVisit'],
  'electron/core/serial': ['buttonProtocol', 'debounce', 'keymapFramer', 'lineFramer', 'reconnectPolicy'],
  'electron/core/sync': ['answer', 'batching', 'clockOffset', 'protocol', 'retention', 'retryPolicy'],
  'electron/core/tickets': ['aheadText', 'localTime', 'serviceAvailability', 'ticketNumbering'],
  'electron/core/technician': ['settings', 'tokenScope'],
  'electron/core/printer': ['escposStatus', 'ticketLayout'],
  'electron/core/office': ['sseParser'],
  'electron/collector': ['batchBody', 'exportPage', 'jsonNesting', 'refusal'],
  // The office queue's rules: the hub gives them its state, config and clock.
  'electron/hub/queue': ['*'],
  'electron/http': ['requestTarget'],
  'electron/simulators': ['escposText'],
  // What the office demo is made of, as data: officeDemo.ts starts it.
  'electron/cli': ['officeDemoPlan'],
  // All of shared/ but transport/httpKioskApi.ts, which is the page's network client.
  shared: ['*'],
  'shared/transport': ['sse'],
  // Numbers, letters and queue phrases as words for the speech engine (issue #15).
  'shared/speech': ['*'],
  // The speech service's sample arithmetic and its cache (the engines and the service do I/O).
  'electron/core/speech': ['wav', 'chime', 'byteLru', 'espeakProtocol', 'systemVoiceCommand'],
};
const pureFiles = (under) =>
  Object.entries(PURE_MODULES)
    .filter(([folder]) => folder.startsWith(under))
    .flatMap(([folder, modules]) => modules.map((module) => `${folder}/${module}.ts`));

// Groups of import restrictions. ESLint keeps only the options of the last block that sets a rule for a
// file, so each block below lists every group that applies to its files.
const ELECTRON_ONLY_IN_SHELL = {
  paths: [{ name: 'electron', message: 'Only electron/shell/ may import electron (DESIGN.md: the core never does).' }],
  patterns: [],
};
const PAGE = {
  paths: [],
  patterns: [
    { regex: '^node:', message: 'shared/ and the renderer run in the page too: no Node modules here.' },
    { regex: '(^|/)electron/', message: 'The page and shared/ talk to the core only through the request registry, never by import.' },
  ],
};
// node:crypto included: a random id is an input like the time, so a pure module is given it (the
// journal makes event ids; the rating session gets them), and its tests stay deterministic. uuid likewise.
// electron is kept out by ELECTRON_ONLY_IN_SHELL, which every pure block lists too.
const PURE_IO = 'A pure module (PURE_MODULES in eslint.config.js) does no I/O: take what this gives as an argument.';
const PURE = {
  paths: [
    ...builtinModules.filter((name) => !name.startsWith('node:')).map((name) => ({ name, message: PURE_IO })),
    ...['better-sqlite3', 'serialport', 'pino', 'uuid'].map((name) => ({ name, message: PURE_IO })),
  ],
  patterns: [
    { regex: '^node:', message: PURE_IO },
    { regex: '^@serialport/', message: PURE_IO },
    // The core's I/O: the journal, the log, the status file, the serial port, HTTP, the printer, the outbox.
    { regex: '(^|/)(store|logging|status)/', message: PURE_IO },
    { regex: '(^|/)(serialPort|httpTransport|receiptPrinter|outbox|syncReport|dataDir|dataDirLock|processAlive|version)\\.ts$', message: PURE_IO },
    // clock.ts and scheduler.ts also hold pure helpers (zonedParts, the Clock type); only the real ones are I/O.
    { regex: '(^|/)clock\\.ts$', importNames: ['systemClock'], message: 'A pure module takes the time as an argument.' },
    { regex: '(^|/)scheduler\\.ts$', importNames: ['systemScheduler'], message: 'A pure module takes the time as an argument.' },
  ],
};
const restrictImports = (...groups) => [
  'error',
  { paths: groups.flatMap((group) => group.paths), patterns: groups.flatMap((group) => group.patterns) },
];

// What a pure module could reach without an import: the process, timers, the network, randomness, the console.
const PURE_GLOBALS = ['process', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'crypto', 'console', 'globalThis'];
const pureRules = (...importGroups) => ({
  'no-restricted-imports': restrictImports(...importGroups, PURE),
  'no-restricted-globals': ['error', ...PURE_GLOBALS.map((name) => ({ name, message: PURE_IO }))],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'A pure module takes the time as an argument.' },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'A pure module takes the time as an argument.' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'A pure module takes randomness as an argument.' },
  ],
});

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
      'no-restricted-imports': restrictImports(ELECTRON_ONLY_IN_SHELL),
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrictImports(ELECTRON_ONLY_IN_SHELL, PAGE),
    },
  },
  {
    // Pure modules (PURE_MODULES above) keep the rules of their layer and do no I/O of their own.
    files: pureFiles('electron/'),
    rules: pureRules(ELECTRON_ONLY_IN_SHELL),
  },
  {
    files: pureFiles('shared'),
    rules: pureRules(ELECTRON_ONLY_IN_SHELL, PAGE),
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
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Buffer'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
