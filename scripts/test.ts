/**
 * `npm test`: the one gate. Typecheck, lint, generated-file checks, unit, database (pgTAP),
 * contract and e2e tests on PGlite; the database and contract passes again on the PostgreSQL
 * server in DATABASE_URL when it is set. Prints one closing line: `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recreateDatabase } from './lib/scratch-db.ts';

interface StepResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  seconds: number;
}

const results: StepResult[] = [];
const only = process.argv.slice(2);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'duizhao-test-'));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => forward(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => forward(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function step(name: string, fn: () => Promise<{ ok: boolean; passed?: number; failed?: number }>) {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  console.log(`\n=== ${name} ===`);
  const t0 = performance.now();
  const r = await fn();
  const res = { name, ok: r.ok, passed: r.passed ?? (r.ok ? 1 : 0), failed: r.failed ?? (r.ok ? 0 : 1), seconds: (performance.now() - t0) / 1000 };
  if (!r.ok && res.failed === 0) res.failed = 1;
  results.push(res);
  console.log(`=== ${name}: ${r.ok ? 'ok' : 'FAILED'} (${res.passed} passed, ${res.failed} failed, ${res.seconds.toFixed(1)} s) ===`);
}

async function command(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { code } = await run(cmd, args, env);
  return { ok: code === 0 };
}

async function vitest(project: string, env: NodeJS.ProcessEnv = {}) {
  const out = path.join(tmp, `vitest-${project}-${results.length}.json`);
  const { code } = await run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!existsSync(out)) return { ok: false };
  const report = JSON.parse(await readFile(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
  return { ok: code === 0 && report.numTotalTests > 0, passed: report.numPassedTests, failed: report.numFailedTests };
}

async function pgtap(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { code, output } = await run('npx', ['tsx', 'scripts/pgtap.ts', ...args], env);
  const m = /^(\d+) passed, (\d+) failed/m.exec(output);
  return { ok: code === 0 && !!m && Number(m[1]) > 0, passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0) };
}

async function e2e() {
  const out = path.join(tmp, 'playwright.json');
  const { code } = await run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (!existsSync(out)) return { ok: false };
  const report = JSON.parse(await readFile(out, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { ok: code === 0 && report.stats.expected > 0, passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

const pgUrl = process.env.DATABASE_URL || undefined;
const pgliteOnly = { DATABASE_URL: '' };

await step('system packages', () => command('bash', ['scripts/ensure-system.sh']));
await step('typecheck', () => command('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
await step('lint', () => command('npx', ['eslint', '.', '--max-warnings=0']));
await step('generated files', () => command('npx', ['tsx', 'scripts/check-generated.ts'], pgliteOnly));
await step('unit', () => vitest('unit', pgliteOnly));
await step('data layer', () => vitest('data', pgliteOnly));
await step('database (pgTAP)', () => pgtap(['--pglite-only'], pgliteOnly));
if (pgUrl) await step('database (pgTAP, PostgreSQL)', () => pgtap(['--postgres-only'], { DATABASE_URL: pgUrl }));
await step('contract', () => vitest('contract', pgliteOnly));
if (pgUrl) {
  await step('contract (PostgreSQL)', async () => vitest('contract', { DATABASE_URL: await recreateDatabase(pgUrl, 'duizhao_contract') }));
}
await step('e2e', () => e2e());

await rm(tmp, { recursive: true, force: true });
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(32)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${r.seconds.toFixed(1).padStart(7)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
