import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

const FEATURES = ['align', 'auth', 'import', 'library', 'my-work', 'notifications', 'review', 'workspace'];

// Import boundaries: domain ← data/editor ← features ← app; features never import each other;
// supabase-js only in src/data; nothing in src imports the local server.
const boundaries = [
  {
    files: ['src/domain/**/*.{ts,tsx}'],
    // Tests and fixture loaders read from disk and spawn CLIs; the code under test stays browser-safe.
    ignores: ['src/domain/**/*.test.ts', 'src/domain/**/fixtures/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', '@tiptap/*', '@tanstack/*'], message: 'src/domain is pure TypeScript.' },
            { group: ['@supabase/*'], message: 'Only src/data talks to Supabase.' },
            { group: ['node:*', 'fs', 'path'], message: 'src/domain runs in the browser too.' },
            { group: ['**/data/**', '**/features/**', '**/app/**', '**/editor/**', '**/components/**', '**/server/**', '@duizhao/server', '@duizhao/server/**'], message: 'src/domain depends on nothing else in the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/data/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@supabase/*'], message: 'Only src/data talks to Supabase.' },
            { group: ['**/server/**', '@duizhao/server', '@duizhao/server/**'], message: 'The app never imports the local server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/**', '**/app/**', '**/server/**', '@duizhao/server', '@duizhao/server/**'], message: 'src/data sits below features and app.' }] },
      ],
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FEATURES.filter((f) => f !== feature).map((f) => `**/features/${f}/**`), message: 'Features do not import each other; move shared code to components/ or domain/.' },
            { group: ['**/app/**'], message: 'Features sit below app.' },
            { group: ['@supabase/*'], message: 'Only src/data talks to Supabase.' },
          ],
        },
      ],
    },
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.data/**', '.scratch/**', 'test-results/**', 'playwright-report/**', 'src/data/database.types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@tanstack/query/exhaustive-deps': 'error',
      '@tanstack/query/no-rest-destructuring': 'warn',
      '@tanstack/query/stable-query-client': 'error',
    },
  },
  ...boundaries,
);
