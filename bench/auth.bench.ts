/**
 * Password guessing against one account while a member keeps reading: how much the attack slows
 * everyone else down, on the embedded PGlite and (when DATABASE_URL is set) on PostgreSQL.
 *
 *   npx tsx bench/auth.bench.ts
 *
 * 400 wrong passwords for one account from 40 client addresses (10 each, within the per-address
 * allowance; the addresses reach the server in X-Forwarded-For, configured as trusted), 40 at a
 * time, while a signed-in member reads the documents list one request after another. Figures:
 * the reader's p50/p95/max before and during the attack, and what the attack got back (400 after a
 * password check, 429 refused before one). Run twice: with the per-account limit (the default)
 * and with it lifted, which shows what the worker threads alone do.
 */
import { recreateDatabase } from '../scripts/lib/scratch-db.ts';
import type { ConfigOverrides } from '../server/src/config.ts';
import { startStack } from '../server/src/stack.ts';
import { isMain, percentile } from './lib.ts';

const ATTEMPTS = 400;
const ADDRESSES = 40;

interface Latency {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const summary = (ms: number[]): Latency => ({
  requests: ms.length,
  p50Ms: Math.round(percentile(ms, 50) * 10) / 10,
  p95Ms: Math.round(percentile(ms, 95) * 10) / 10,
  maxMs: Math.round(Math.max(0, ...ms) * 10) / 10,
});

async function scenario(databaseUrl: string | undefined, accountLimit: boolean) {
  const overrides: ConfigOverrides = {
    port: 0,
    dataDir: 'memory://',
    databaseUrl,
    auth: { clientAddressHeader: 'X-Forwarded-For', ...(accountLimit ? {} : { rateLimit: { signInFailuresPerAccount: 1_000_000 } }) },
  };
  const stack = await startStack(overrides);
  try {
    const auth = `${stack.url}/auth/v1`;
    const headers = { apikey: stack.config.anonKey, 'content-type': 'application/json' };
    const signIn = (email: string, password: string, from: string) =>
      fetch(`${auth}/token?grant_type=password`, { method: 'POST', headers: { ...headers, 'x-forwarded-for': from }, body: JSON.stringify({ email, password }) });
    const session = (await (await signIn('translator@example.com', 'duizhao-demo', '10.1.0.1')).json()) as { access_token: string };
    const read = async () => {
      const t = performance.now();
      const res = await fetch(`${stack.url}/rest/v1/documents?select=id,title`, { headers: { ...headers, authorization: `Bearer ${session.access_token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`read answered ${res.status}`);
      return performance.now() - t;
    };
    const reads = async (until: () => boolean, into: number[]) => {
      while (!until()) into.push(await read());
    };

    const quiet: number[] = [];
    let n = 0;
    await reads(() => n++ >= 100, quiet);

    const statuses: Record<number, number> = {};
    let next = 0;
    let done = false;
    const during: number[] = [];
    const started = performance.now();
    const reader = reads(() => done, during);
    await Promise.all(
      Array.from({ length: ADDRESSES }, async () => {
        for (;;) {
          const i = next++;
          if (i >= ATTEMPTS) return;
          const res = await signIn('reviewer@example.com', `wrong-password-${i}`, `10.2.0.${i % ADDRESSES}`);
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const attackMs = Math.round(performance.now() - started);
    done = true;
    await reader;
    return { accountLimit, attackMs, attackStatuses: statuses, readerQuiet: summary(quiet), readerDuringAttack: summary(during) };
  } finally {
    await stack.stop();
  }
}

export async function run() {
  const figures: Record<string, unknown>[] = [];
  for (const accountLimit of [true, false]) figures.push({ backend: 'pglite', ...(await scenario(undefined, accountLimit)) });
  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl) {
    for (const accountLimit of [true, false]) {
      figures.push({ backend: 'postgres', ...(await scenario(await recreateDatabase(pgUrl, 'duizhao_bench_auth'), accountLimit)) });
    }
  }
  return figures;
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await run(), null, 2));
