// Lint: typescript-eslint's type-aware recommended rules (no floating or misused promises), React hooks rules, and the
// process lines (core has no Electron, the renderer has no Node, Electron or core runtime imports). Cycles: .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.tsbuild/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      // One TypeScript program per tsconfig.<part>.json, found through the solution tsconfig.json.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Doubles implement Promise-returning interfaces with synchronous bodies; `async` keeps their throws as rejections.
      '@typescript-eslint/require-await': 'off',
      // Vitest's asymmetric matchers (expect.stringContaining…) are typed `any`; they only ever sit inside expect().
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Channels implement Promise-returning interfaces; `async` on a body without await keeps a throw a rejection.
    files: ['main/core/channels/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Plain JavaScript (config files, tools/*.mjs) is not part of any TypeScript program.
    files: ['**/*.{js,mjs,cjs,mts}'],
    ...tseslint.configs.disableTypeChecked,
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
      // Store actions are closures over set/get; declared as properties, unbound-method knows `const { load } = store` is safe.
      '@typescript-eslint/method-signature-style': ['error', 'property'],
      // Node's globals reach the renderer's types through the core types it imports (better-sqlite3 → @types/node), so
      // TypeScript alone cannot refuse them here.
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
          name,
          message: 'The renderer runs in a browser: no Node globals.',
        })),
      ],
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
