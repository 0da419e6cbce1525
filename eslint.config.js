// Lint rules, including the architecture's import boundaries (docs/architecture.md):
//   an ALLOW-list per top-level folder (boundaries/allowed-folders below): what
//   each may import from the others. protocol/ is the one package hall and
//   central share; central never imports hall/ and hall never imports central/.
//   hall/domain   pure: no I/O, no Node built-ins, no other hall layer
//   drivers/      no Electron, no React, no hall internals
//   renderer/     browser only: no Node, no drivers, no hall code except the API contract (hall/api/dto.ts, sync-dto.ts, protocol/central/phone.ts for central's phone pages,
//                 and the route table hall/api/contract.ts, which itself may import types only)
//   electron/     thin shell: may start the hall service, nothing from renderer
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/*', 'node:*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'events',
  'worker_threads', 'url', 'util', 'zlib', 'dgram', 'tls', 'readline',
];

/**
 * Top-level folder → the other top-level folders its files may import (relative imports).
 * `files` narrows a folder to some files of it (paths from the repository root, without extension).
 * Anything not listed is refused: a new dependency between folders is a decision, made here.
 */
const ALLOWED_FOLDERS = {
  protocol: [],
  drivers: [],
  central: ['protocol'],
  hall: ['protocol', 'drivers', { folder: 'agent', files: ['agent/launcher'] }],
  agent: ['protocol', 'drivers'],
  electron: ['hall', 'agent', 'drivers', 'protocol'],
  renderer: [{ folder: 'hall', files: ['hall/api/dto', 'hall/api/sync-dto', 'hall/api/contract'] }, { folder: 'agent', files: ['agent/technician/api-types'] }, { folder: 'protocol', files: ['protocol/central/phone', 'protocol/central/phone-rating', 'protocol/central/notifications', 'protocol/central/remote-tickets'] }],
};

/** Packages protocol/ may import besides Node built-ins: it is shared by every side, so it stays small. */
const PROTOCOL_PACKAGES = new Set(['zod', 'ws']);

const root = import.meta.dirname;
const boundaries = {
  rules: {
    'allowed-folders': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = path.relative(root, context.filename);
        const from = file.split(path.sep)[0];
        const allowed = ALLOWED_FOLDERS[from];
        if (!allowed) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          if (!spec.startsWith('.')) {
            const bare = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            if (from === 'protocol' && !spec.startsWith('node:') && !nodeBuiltins.includes(bare) && !PROTOCOL_PACKAGES.has(bare)) {
              context.report({ node, message: `protocol/ may import only zod, ws and Node built-ins, not "${spec}".` });
            }
            return;
          }
          const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
          const to = target.split('/')[0];
          if (to === from) return;
          const stem = target.replace(/\.(js|ts|tsx)$/, '');
          const ok = allowed.some((a) => (typeof a === 'string' ? a === to : a.folder === to && a.files.includes(stem)));
          if (!ok) context.report({ node, message: `${from}/ may not import ${target} (allowed: ${allowed.map((a) => (typeof a === 'string' ? `${a}/` : a.files.join(', '))).join('; ') || 'nothing outside it'}; eslint.config.js ALLOWED_FOLDERS).` });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};

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
    files: ['{protocol,drivers,central,hall,agent,electron,renderer}/**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: { 'boundaries/allowed-folders': 'error' },
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
        ],
      }],
    },
  },
  {
    // The route table is bundled into the pages: plain data and types, never zod or Node (docs/decisions/0007-typed-routes.md).
    files: ['hall/api/contract.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['*', '.*', '../*'], allowTypeImports: true, message: 'hall/api/contract.ts is loaded by the browser: type imports only.' }],
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
