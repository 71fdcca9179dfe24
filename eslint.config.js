import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

const ROOT = import.meta.dirname;
const subfolders = (dir) =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
const FEATURES = subfolders('src/features');
const DOMAIN_MODULES = subfolders('src/domain');

// Layers, by the folders each may import from inside src/ (itself always included):
//   domain ← i18n, data, editor, workers ← components ← features ← app.
// Zones are matched on resolved file paths, so `../sibling` imports are caught as surely as long ones.
const MAY_IMPORT = {
  domain: [],
  i18n: ['domain'],
  data: ['domain'],
  editor: ['domain'],
  workers: ['domain'],
  components: ['domain', 'i18n', 'editor'],
};
const layerZones = [
  ...Object.entries(MAY_IMPORT).map(([layer, allowed]) => ({
    target: `src/${layer}`,
    from: 'src',
    except: [layer, ...allowed].map((f) => `./${f}`),
    message: allowed.length ? `src/${layer} may import only ${allowed.map((f) => `src/${f}`).join(', ')}.` : `src/${layer} depends on nothing else in the app.`,
  })),
  ...FEATURES.map((feature) => ({
    target: `src/features/${feature}`,
    from: 'src',
    except: [`./features/${feature}`, './domain', './data', './editor', './workers', './components', './i18n'],
    message: 'Features import neither each other nor app; move shared code to components/, data/ or domain/.',
  })),
  { target: 'src', from: 'server', message: 'The app never imports the local server (it is a separate Node runtime).' },
  // A domain module's public surface is its index.ts; fixtures are for tests, benchmarks and scripts.
  ...DOMAIN_MODULES.map((mod) => ({
    target: ['src/!(domain)/**', 'src/*.{ts,tsx}', `src/domain/!(${mod})/**`, 'scripts/**', 'bench/**', 'e2e/**'],
    from: `src/domain/${mod}`,
    except: ['./index.ts', './fixtures'],
    message: `Use src/domain/${mod} through its index.ts.`,
  })),
];

const pure = { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tiptap/*', '@tanstack/*'], message: 'src/domain and src/workers are pure TypeScript.' };
const supabaseOnlyInData = { group: ['@supabase/*'], message: 'Only src/data talks to Supabase.' };
// The server is also an npm workspace package; its name resolves to the same files the zones guard.
const noServer = { group: ['@duizhao/server', '@duizhao/server/*'], message: 'The app never imports the local server.' };

// Globals that browsers, Web Workers and Node share; every other browser global is DOM and has no
// place in src/domain, which also runs in workers and in Node scripts.
const SHARED_WEB_GLOBALS = [
  'AbortController', 'AbortSignal', 'DOMException', 'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams',
  'atob', 'btoa', 'clearInterval', 'clearTimeout', 'console', 'crypto', 'performance', 'queueMicrotask',
  'setInterval', 'setTimeout', 'structuredClone',
];
const DOM_GLOBALS = Object.keys(globals.browser).filter((name) => !SHARED_WEB_GLOBALS.includes(name));
const domainCode = ['src/domain/**/*.{ts,tsx}'];
const domainTests = ['src/domain/**/*.test.ts', 'src/domain/**/fixtures/**'];

const boundaries = [
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: {
      // An import the resolver cannot follow would slip past the zones below.
      'import-x/no-unresolved': ['error', { ignore: ['\\?(raw|url|worker)$'] }],
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: layerZones }],
    },
  },
  // Package bans, one block per disjoint set of files (a later block would replace an earlier one).
  {
    files: domainCode,
    ignores: domainTests,
    languageOptions: { globals: Object.fromEntries(SHARED_WEB_GLOBALS.map((name) => [name, 'readonly'])) },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pure, supabaseOnlyInData, noServer, { group: ['node:*', 'fs', 'path'], message: 'src/domain runs in the browser too.' }] },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'src/domain is DOM-free: it runs in workers and Node too.' }))],
    },
  },
  {
    // Tests and fixture loaders read from disk and spawn CLIs; the code under test stays browser-safe.
    files: [...domainTests, 'src/workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [pure, supabaseOnlyInData, noServer] }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/data/**', 'src/domain/**', 'src/workers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [supabaseOnlyInData, noServer] }] },
  },
  {
    files: ['src/data/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer] }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.data/**', '.scratch/**', 'test-results/**', 'playwright-report/**', 'src/data/database.types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { ecmaVersion: 2023, sourceType: 'module' } },
  // src/domain gets only the language's globals (and the shared web ones below): no DOM.
  { ignores: domainCode, languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
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
