// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of DESIGN.md, stated as lint rules (the per-layer tsconfig files enforce the
 * same fences in the compiler). Each message says the rule and the fix.
 */
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const NODE_BUILTINS = {
  regex: '^(node:.*|fs|path|os|child_process|http|https|net|crypto|url|stream|worker_threads)$',
  message: 'shared/ is pure TypeScript and runs everywhere: move Node code to electron/node/ and pass data in.',
};
const ELECTRON = (where) => ({
  regex: '^electron(/.*)?$',
  message: `${where} must run without Electron: only electron/main/ and electron/preload/ may import electron.`,
});
const REACT = {
  regex: '^(react|react-dom|@xyflow/react|zustand)(/.*)?$',
  message: 'shared/ has no UI: put React code in renderer/ and keep shared/ to pure data and functions.',
};
// Relative paths only: a bare `electron` import is the package, handled by ELECTRON above.
const upTo = (folder, why) => ({
  group: [`./**/${folder}`, `./**/${folder}/**`, `../**/${folder}`, `../**/${folder}/**`],
  message: why,
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['shared/**/*.ts'],
    [
      NODE_BUILTINS,
      ELECTRON('shared/'),
      REACT,
      upTo('electron', 'shared/ must not depend on electron/: the dependency points the other way.'),
      upTo('renderer', 'shared/ must not depend on renderer/: the dependency points the other way.'),
    ],
  ),
  layer(
    ['renderer/**/*.{ts,tsx}'],
    [
      {
        regex: NODE_BUILTINS.regex,
        message: 'renderer/ runs in the browser engine: ask main through renderer/bridge.ts instead of using Node.',
      },
      ELECTRON('renderer/'),
      upTo('electron', 'renderer/ must not import electron/: go through renderer/bridge.ts and the preload API.'),
    ],
  ),
  layer(
    ['electron/node/**/*.ts', 'electron/cli/**/*.ts'],
    [
      ELECTRON('electron/node/ and electron/cli/ (the CLI runs on plain node)'),
      upTo('renderer', 'Node code must not import renderer/.'),
    ],
  ),
  layer(
    ['electron/main/**/*.ts'],
    [upTo('renderer', 'electron/main/ must not import renderer/: talk to it over IPC.')],
  ),
  layer(
    ['electron/preload/**/*.ts'],
    [
      NODE_BUILTINS,
      upTo('node', 'the sandboxed preload may import only electron and shared/ipc types.'),
      upTo('renderer', 'the sandboxed preload may import only electron and shared/ipc types.'),
      {
        // The contract is all the preload needs; anything else of shared/ would be bundled into it.
        group: ['../../shared/*', '!../../shared/ipc', '../../shared/*/**', '!../../shared/ipc/**'],
        message: 'the sandboxed preload may import only electron and shared/ipc types.',
      },
    ],
  ),
);
