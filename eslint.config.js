import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const NODE_BUILTINS = { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'resources/human/**', '.station-data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Rules that need types: a forgotten promise or a switch that misses a case is a bug, not a style.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Import boundaries: the domain services stay pure Node; the renderer stays a web page; shared belongs to neither side.
  {
    files: ['electron/services/**/*.ts', 'electron/preview-host/**/*.ts'],
    ignores: ['electron/preview-host/browser-bridge.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/preview-host/browser-bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY],
          patterns: [NODE_BUILTINS, { group: ['**/electron/**'], message: 'The renderer reaches main only through shared/ and window.station.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY],
          patterns: [NODE_BUILTINS, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is imported by both sides and imports neither.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
