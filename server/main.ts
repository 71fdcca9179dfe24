import { startStack } from './src/stack.ts';

const stack = await startStack({}, (line) => console.log(`[db] ${line}`));
console.log(`API: ${stack.url}`);
console.log(`Database: ${stack.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${stack.config.dataDir}`}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.stop().then(() => process.exit(0));
  });
}
