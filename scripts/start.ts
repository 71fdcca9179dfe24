/**
 * `npm start`: the local Supabase-compatible stack (auth, REST) on an embedded Postgres with
 * migrations and seed applied, plus the built app. `npm run dev` serves the app with Vite HMR.
 *
 * Options: --dev, --api-port N, --app-port N, --data-dir DIR, --memory (throwaway database),
 * --out-dir DIR (where the production build goes).
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { build, createServer, preview } from 'vite';
import { startStack } from '../server/src/stack.ts';
import { PROJECT_ROOT } from '../server/src/config.ts';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'api-port': { type: 'string' },
    'app-port': { type: 'string' },
    'data-dir': { type: 'string' },
    memory: { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const DEMO_ACCOUNTS: [string, string][] = [
  ['owner@example.com', 'owner'],
  ['translator@example.com', 'translator'],
  ['researcher@example.com', 'researcher'],
  ['reviewer@example.com', 'reviewer'],
];

const apiPort = Number(values['api-port'] ?? process.env.DUIZHAO_API_PORT ?? 54321);
const appPort = Number(values['app-port'] ?? process.env.DUIZHAO_APP_PORT ?? (values.dev ? 5173 : 4173));
const dataDir = values.memory ? 'memory://' : values['data-dir'] ? path.resolve(values['data-dir']) : undefined;

const stack = await startStack(
  { port: apiPort, ...(dataDir ? { dataDir } : {}) },
  values.quiet ? undefined : (line) => console.log(`[db] ${line}`),
);
process.env.VITE_SUPABASE_URL ??= stack.url;
process.env.VITE_SUPABASE_ANON_KEY ??= stack.config.anonKey;

let appUrl: string;
let closeApp: () => Promise<void>;
if (values.dev) {
  const server = await createServer({ root: PROJECT_ROOT, server: { port: appPort, strictPort: true, host: '127.0.0.1' } });
  await server.listen();
  appUrl = `http://127.0.0.1:${appPort}`;
  closeApp = () => server.close();
} else {
  const outDir = path.resolve(PROJECT_ROOT, values['out-dir'] ?? 'dist');
  await build({ root: PROJECT_ROOT, logLevel: values.quiet ? 'warn' : 'info', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: PROJECT_ROOT, build: { outDir }, preview: { port: appPort, strictPort: true, host: '127.0.0.1' } });
  appUrl = `http://127.0.0.1:${appPort}`;
  closeApp = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

console.log('');
console.log(`App: ${appUrl}`);
console.log(`API: ${stack.url}`);
console.log(`Mail: ${stack.mail.url}`);
console.log(`Database: ${stack.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${stack.config.dataDir})`}`);
console.log('Demo accounts (password duizhao-demo):');
for (const [email, role] of DEMO_ACCOUNTS) console.log(`  ${email.padEnd(24)} ${role}`);
console.log('');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([closeApp(), stack.stop()]).then(() => process.exit(0));
  });
}
