// Lint, including the layer rules of the architecture guide (§2). A test plants violations and proves each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const noNode = [{ regex: '^node:', message: 'This layer runs without Node: no node:* imports (ARCHITECTURE §2).' }];
const noNodeBare = nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node (ARCHITECTURE §2).' }));
const noElectron = (who) => [
  {
    regex: '^electron($|/)',
    message: `${who} must not import electron (ARCHITECTURE §2): keep it in electron/main/platform.`,
  },
  { regex: '^electron-log', message: `${who} must not import electron-log (it loads electron).` },
];
const rule = (patterns, paths = []) => ['error', { patterns, paths }];
const rendererPatterns = [
  ...noNode,
  ...noElectron('renderer'),
  { regex: '(^|/)electron/', message: 'renderer must not import anything under electron/ (ARCHITECTURE §2).' },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'tests/artifacts/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // shared/: the contract. Nothing of the project, no Node, no Electron, no DOM.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        [
          ...noNode,
          ...noElectron('shared/'),
          {
            regex: '(^|/)(electron|renderer|tests)/',
            message: 'shared/ imports nothing of the project outside shared/.',
          },
        ],
        noNodeBare,
      ),
    },
  },
  // electron/main/core/: plain Node. Never electron, never the platform layer.
  {
    files: ['electron/main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule([
        ...noElectron('core'),
        { regex: '(^|/)platform(/|$)', message: 'core must not import the platform layer (ARCHITECTURE §2).' },
        { regex: '(^|/)(renderer|preload)/', message: 'core must not import renderer or preload code.' },
        { regex: '(^|/)listen(/|$)', message: 'core is a library: it must not import its hosts (electron/listen).' },
      ]),
    },
  },
  // electron/listen/: the headless listener, a host of core like the app. Core through its index, shared, Node.
  {
    files: ['electron/listen/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule([
        ...noElectron('the listener'),
        { regex: '(^|/)platform(/|$)', message: 'the listener runs without Electron: no platform layer.' },
        { regex: '(^|/)(renderer|preload)/', message: 'the listener must not import renderer or preload code.' },
        {
          regex: '(^|/)main/core/',
          message: 'the listener imports core through its public index (electron/main/core), as the app does.',
        },
      ]),
    },
  },
  // electron/main/platform/: Electron adapters; may use core and shared, never the renderer.
  {
    files: ['electron/main/platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule([
        { regex: '(^|/)(renderer|preload)/', message: 'platform must not import renderer or preload code.' },
      ]),
    },
  },
  // electron/preload/: shared channel names and types, electron. Never core, never zod schemas.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule([
        { regex: '(^|/)main/', message: 'preload must not import main-process code (ARCHITECTURE §2).' },
        { regex: '(^|/)renderer/', message: 'preload must not import renderer code.' },
        { regex: '^zod', message: 'validation is main’s job: preload must not import zod.' },
        {
          regex: '(^|/)ipc/(schemas|validation)$',
          allowTypeImports: true,
          message: 'preload may import the schemas’ types only; validation is main’s job.',
        },
      ]),
    },
  },
  // renderer/: browser code. No electron, no node, nothing under electron/.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': rule(rendererPatterns, noNodeBare),
    },
  },
  // The renderer reaches main one way: components, hooks and helpers call the store's actions; only the store
  // and sync.ts talk to the bridge (ARCHITECTURE §4.6).
  {
    files: ['renderer/src/{components,hooks,lib,i18n}/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        [
          ...rendererPatterns,
          { regex: '(^|/)bridge$', message: 'Call a store action: only the store and sync.ts talk to the bridge.' },
        ],
        noNodeBare,
      ),
    },
  },
);
