// Lint: typescript-eslint's recommended rules, React hooks rules, and the process lines (core has no Electron,
// the renderer has no Node, Electron or core runtime imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'main/core and the core host run under plain Node: no Electron here.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
            { group: ['electron', 'better-sqlite3', 'ws'], message: 'The renderer talks to the core only through src/api.ts.' },
            {
              // gitignore semantics: a file under an excluded folder cannot be re-included, so exclude main/'s entries one level
              // at a time and re-include the shared folder itself.
              group: ['**/main/*', '**/main/*/**', '!**/main/shared', '!**/main/shared/**'],
              allowTypeImports: true,
              message: 'Only types may come from main/ (runtime code shared with the core lives in main/shared/).',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared layer runs in the core and in the browser: pure TypeScript, no Node, no DOM, no Electron, no core.
    files: ['main/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'main/shared is pure: no Node modules.' },
            { group: ['electron', 'better-sqlite3', 'ws', 'react', 'react-dom'], message: 'main/shared is pure.' },
            { group: ['**/core/**', '**/renderer/**'], message: 'main/shared imports nothing from the core or the UI.' },
          ],
        },
      ],
    },
  },
);
