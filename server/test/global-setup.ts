import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startStack, type RunningStack } from '../src/stack.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    mailUrl: string;
    siteUrl: string;
    databaseKind: 'pglite' | 'postgres';
  }
}

let stack: RunningStack | undefined;

/**
 * Starts one local stack for the contract suite: a throwaway PGlite (or the PostgreSQL server in
 * DATABASE_URL, which the test script recreates empty), the app's migrations and seed, and the
 * contract fixture schemas from server/test/fixtures/*.sql (applied in name order).
 */
export async function setup(project: TestProject) {
  stack = await startStack({
    port: 0,
    dataDir: 'memory://',
    dbSchemas: ['public', 'graphql_public', 'contract'],
    // The suite signs in thousands of times from one address; the limits have their own tests.
    auth: {
      rateLimit: {
        tokenRefresh: 10_000,
        signInSignUps: 10_000,
        tokenVerifications: 10_000,
        anonymousUsers: 10_000,
        mfaChallengeAndVerify: 10_000,
        burst: 10_000,
        signInFailuresPerAccount: 10_000,
      },
    },
  });
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) await stack.db.exec(await readFile(path.join(FIXTURES, f), 'utf8'));
  await stack.reloadSchema();
  project.provide('apiUrl', stack.url);
  project.provide('mailUrl', stack.mail.url);
  project.provide('siteUrl', stack.config.auth.siteUrl);
  project.provide('databaseKind', stack.db.kind);
}

export async function teardown() {
  await stack?.stop();
}
