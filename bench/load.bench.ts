/**
 * Load: 50 simulated users for 60 s against the API in its own process, on PGlite (on disk,
 * durable commits, as `npm start` runs it) and, when DATABASE_URL is set, on PostgreSQL (a
 * scratch database recreated on that server). 20 translators save their paragraphs (and reload
 * pages of the document), 20 researchers write, edit and submit notes (and reload them), 10
 * reviewers read the review queue and approve or reject. The load generator runs on the same
 * cores as the server.
 *
 *   npm run bench -- load
 *   LOAD_SECONDS=60 LOAD_USERS=50 LOAD_THINK_MS=250 npm run bench -- load
 *   LOAD_BACKENDS=postgres npm run bench -- load         # only one of pglite, postgres
 *   LOAD_PROFILE_DIR=/tmp/prof npm run bench -- load     # the server writes a V8 CPU profile there
 *
 * Prints throughput, latency percentiles per operation and overall, answers no user should see
 * (errors), version conflicts (expected: reviewers and translators race on the same rows), and
 * the audit: acknowledged writes missing from the database (lost) and rows nobody acknowledged
 * (unexplained). Targets: 0 errors, 0 lost, p95 < 300 ms on PostgreSQL, < 600 ms on PGlite.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../server/src/config.ts';
import { ApiProcess } from '../scripts/lib/api-process.ts';
import { recreateDatabase } from '../scripts/lib/scratch-db.ts';
import { Ledger, audit, setupWorkspace, startWorkload } from '../scripts/lib/workload.ts';
import { isMain, percentile } from './lib.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const USERS = Number(process.env.LOAD_USERS ?? 50);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 250);
const WARMUP_SECONDS = 5;

interface Latency {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface LoadFigures {
  backend: 'pglite' | 'postgres';
  users: number;
  seconds: number;
  thinkMs: number;
  requestsPerSecond: number;
  acknowledgedWritesPerSecond: number;
  /**
   * CPU the API process used per request (ms): how much work a request costs, which a machine
   * shared with other work does not distort as much as latency (PostgreSQL's own processes excluded).
   */
  serverCpuMsPerRequest: number | null;
  overall: Latency;
  writes: Latency;
  reads: Latency;
  byOperation: Record<string, Latency>;
  errors: number;
  errorSamples: Record<string, { count: number; sample: string }>;
  conflicts: number;
  acknowledged: number;
  lost: number;
  unexplained: number;
  lostSamples: string[];
  unexplainedSamples: string[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
function latency(values: number[]): Latency {
  return { requests: values.length, p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)), p99Ms: round(percentile(values, 99)) };
}

async function runOn(backend: LoadFigures['backend'], databaseUrl: string | undefined): Promise<LoadFigures> {
  const dataDir = databaseUrl ? undefined : await mkdtemp(path.join(os.tmpdir(), 'duizhao-load-'));
  const profileDir = process.env.LOAD_PROFILE_DIR;
  const api = await ApiProcess.start({
    databaseUrl,
    dataDir,
    env: { GOTRUE_RATE_LIMIT_TOKEN: '100000' },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    const target = { url: api.url, anonKey: DEMO_ANON_KEY, serviceRoleKey: DEMO_SERVICE_ROLE_KEY };
    const translators = Math.round(USERS * 0.4);
    const reviewers = Math.max(1, Math.round(USERS * 0.2));
    const ws = await setupWorkspace(target, { translator: translators, researcher: USERS - translators - reviewers, reviewer: reviewers, paragraphs: 200 });
    const ledger = new Ledger();

    await startWorkload(ws, ledger, { thinkMs: THINK_MS, durationMs: WARMUP_SECONDS * 1000 }).finished;
    const warm = { acknowledged: ledger.acknowledged, conflicts: ledger.conflicts };
    ledger.ops.clear();
    ledger.statuses.clear();
    ledger.errors.clear();

    const started = performance.now();
    const cpuBefore = await cpuSeconds(api.pid);
    await startWorkload(ws, ledger, { thinkMs: THINK_MS, durationMs: SECONDS * 1000 }).finished;
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await cpuSeconds(api.pid);
    const report = await audit(ws, ledger);

    const all: number[] = [];
    const writes: number[] = [];
    const reads: number[] = [];
    const byOperation: Record<string, Latency> = {};
    for (const [op, stats] of [...ledger.ops].sort(([a], [b]) => a.localeCompare(b))) {
      byOperation[op] = latency(stats.latencies);
      all.push(...stats.latencies);
      (op.startsWith('read') ? reads : writes).push(...stats.latencies);
    }
    return {
      backend,
      users: USERS,
      seconds: round(elapsed),
      thinkMs: THINK_MS,
      requestsPerSecond: round(all.length / elapsed),
      acknowledgedWritesPerSecond: round((ledger.acknowledged - warm.acknowledged) / elapsed),
      serverCpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && all.length ? round(((cpuAfter - cpuBefore) * 1000) / all.length) : null,
      overall: latency(all),
      writes: latency(writes),
      reads: latency(reads),
      byOperation,
      errors: [...ledger.errors.values()].reduce((n, e) => n + e.count, 0),
      errorSamples: Object.fromEntries(ledger.errors),
      conflicts: ledger.conflicts - warm.conflicts,
      acknowledged: report.acknowledged,
      lost: report.lost.length,
      unexplained: report.unexplained.length,
      lostSamples: report.lost.slice(0, 5),
      unexplainedSamples: report.unexplained.slice(0, 5),
    };
  } finally {
    await api.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<LoadFigures[]> {
  const backends = (process.env.LOAD_BACKENDS ?? 'pglite,postgres').split(',');
  const out: LoadFigures[] = [];
  if (backends.includes('pglite')) out.push(await runOn('pglite', undefined));
  if (backends.includes('postgres') && process.env.DATABASE_URL) {
    out.push(await runOn('postgres', await recreateDatabase(process.env.DATABASE_URL, 'duizhao_load')));
  }
  for (const f of out) {
    console.log(
      `[${f.backend}] ${f.users} users, ${f.seconds} s: ${f.requestsPerSecond} req/s (${f.acknowledgedWritesPerSecond} acknowledged writes/s, ${f.serverCpuMsPerRequest} ms API CPU per request); ` +
        `p50 ${f.overall.p50Ms} ms, p95 ${f.overall.p95Ms} ms, p99 ${f.overall.p99Ms} ms (writes p95 ${f.writes.p95Ms} ms, reads p95 ${f.reads.p95Ms} ms); ` +
        `${f.errors} errors, ${f.conflicts} version conflicts; audit of ${f.acknowledged} acknowledged writes: ${f.lost} lost, ${f.unexplained} unexplained`,
    );
  }
  return out;
}

if (isMain(import.meta.url)) {
  run()
    .then((figures) => {
      console.log(JSON.stringify(figures, null, 2));
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
