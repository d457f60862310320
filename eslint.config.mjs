// Lint enforces the layering the folders promise (STYLE.md §1): each zone says what it may import and why.
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.native/**', '.tmp/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }]
    }
  },
  {
    // Fakes of Electron's API in tests and declaration files for the .mjs scripts may be loosely typed.
    files: ['test/**/*.ts', '**/*.d.mts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    files: ['bin/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: restrict([
      { group: ['node:*', 'electron', 'better-sqlite3', 'ws'], message: 'main/contract is shared with the renderer: types, zod and pure code only.' },
      { group: ['**/core/**', '**/server/**', '**/electron/**'], message: 'main/contract must not depend on an implementation.' }
    ])
  },
  {
    files: ['main/core/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'main/core runs in plain Node (tests, headless mode): only main/electron may import electron.' },
      { group: ['**/electron/**', '**/server/**', '**/renderer/**'], message: 'main/core is used by the transports, never the other way round.' }
    ])
  },
  {
    files: ['main/server/**/*.ts', 'main/cli.ts', 'main/cli/**/*.ts'],
    rules: restrict([
      { group: ['electron', '**/electron/**'], message: 'The headless server and CLI run without Electron.' },
      { group: ['**/renderer/**'], message: 'The server serves the built UI; it does not import it.' }
    ])
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict([
      { group: ['**/core/**', '**/server/**', '**/renderer/**', 'node:*'], message: 'The sandboxed preload may import only electron and main/contract.' }
    ])
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...restrict([
        { group: ['node:*', 'electron', 'better-sqlite3', 'ws'], message: 'The renderer is a web page: it reaches the app only through the contract client.' },
        { group: ['**/main/core/**', '**/main/server/**', '**/main/electron/**'], message: 'The renderer may import only main/contract (through renderer/api/contract.ts).' }
      ])
    }
  }
)
