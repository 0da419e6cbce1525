// Lint rules, including the architecture's import boundaries (docs/architecture.md):
//   hall/domain   pure: no I/O, no Node built-ins, no other hall layer
//   drivers/      no Electron, no React, no hall internals
//   renderer/     browser only: no Node, no drivers, no hall code except the API contract (hall/api/dto.ts)
//   electron/     thin shell: may start the hall service, nothing from renderer
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/*', 'node:*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'events',
  'worker_threads', 'url', 'util', 'zlib', 'dgram', 'tls', 'readline',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '**/dist/**', 'data/**', 'release/**', 'renderer/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['hall/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'hall/domain is pure: no I/O or Node built-ins.' },
          { group: ['better-sqlite3', 'ws', 'serialport', 'node-hid', 'electron', 'react', 'react-dom'], message: 'hall/domain is pure: no I/O libraries.' },
          { group: ['../store/*', '../api/*', '../devices/*', '../runtime/*', '../config/*', '../sync/*', '../../drivers/*', '../../renderer/*'], message: 'hall/domain depends on nothing else in the project.' },
        ],
      }],
      // Time is injected: formatting a given instant is fine, reading the clock is not.
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'hall/domain takes `now` from its caller.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'hall/domain takes `now` from its caller.' }],
    },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'react', 'react-dom'], message: 'drivers/ import no Electron or React.' },
          { group: ['../../hall/*', '../../../hall/*', '../../renderer/*'], message: 'drivers/ do not reach into the hall or renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
          { group: ['better-sqlite3', 'ws', 'serialport', 'node-hid', 'electron', 'escpos'], message: 'renderer/ talks to the hall API only.' },
          { group: ['**/drivers/**', '**/hall/domain/**', '**/hall/store/**', '**/hall/runtime/**', '**/hall/devices/**', '**/hall/config/**', '**/central/**'], message: 'renderer/ may import only the API contract (hall/api/dto.ts).' },
          { group: ['**/hall/api/*', '!**/hall/api/dto'], message: 'renderer/ may import only the API contract (hall/api/dto.ts).' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom'], message: 'electron/ is a thin shell: it loads renderer pages by URL, never imports them.' }],
      }],
    },
  },
);
