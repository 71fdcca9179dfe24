/**
 * Runs the pgTAP suites in supabase/tests/database/*.sql (name order) against a fresh PGlite with
 * the migrations applied (no seed), and, when DATABASE_URL is set, again against a scratch
 * database `duizhao_pgtap` on that PostgreSQL server. Prints per-file results and
 * `N passed, N failed`; exits non-zero on any failure, error or plan mismatch.
 *
 *   npx tsx scripts/pgtap.ts [--pglite-only | --postgres-only] [file-name-filter]
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { openDatabase, prepareDatabase } from '../server/src/db/open.ts';
import type { PgliteDatabase } from '../server/src/db/pglite.ts';
import { PROJECT_ROOT } from '../server/src/config.ts';
import { scratchName } from './lib/scratch-db.ts';

const TESTS_DIR = path.join(PROJECT_ROOT, 'supabase', 'tests', 'database');
const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'supabase', 'migrations');
const SCRATCH_DB = scratchName('duizhao_pgtap');
// Supabase's postgres role searches extensions too, which is where pgTAP lives there.
const SEARCH_PATH = 'set search_path to "$user", public, extensions';

export interface FileResult {
  file: string;
  planned: number | undefined;
  passed: number;
  failed: string[];
  ran: number;
  error: string | undefined;
}

/** Runs one file's statements and returns every text value of every result row. */
type RunSql = (sql: string) => Promise<string[]>;

const TAP_LINE = /^(ok \d+|not ok \d+|1\.\.\d+|#)/;

/** Reads TAP from the values pgTAP functions return; other rows (uuids, voids) are ignored. */
export function parseTap(file: string, values: string[]): FileResult {
  const result: FileResult = { file, planned: undefined, passed: 0, failed: [], ran: 0, error: undefined };
  for (const value of values) {
    const lines = value.split('\n');
    if (!TAP_LINE.test(lines[0] ?? '')) continue;
    for (const line of lines) {
      const plan = /^1\.\.(\d+)/.exec(line);
      if (plan) {
        result.planned = Number(plan[1]);
      } else if (/^ok \d+/.test(line)) {
        result.ran += 1;
        result.passed += 1;
      } else if (/^not ok \d+/.test(line)) {
        result.ran += 1;
        result.failed.push(line);
      } else if (line.startsWith('#') && result.failed.length > 0 && !/Looks like/.test(line)) {
        result.failed[result.failed.length - 1] += `\n    ${line}`;
      }
    }
  }
  return result;
}

function textValues(rows: unknown[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    for (const v of Object.values(row as Record<string, unknown>)) if (typeof v === 'string') out.push(v);
  }
  return out;
}

async function runFiles(label: string, files: string[], run: RunSql, rollback: () => Promise<void>): Promise<FileResult[]> {
  console.log(`\n${label}`);
  const results: FileResult[] = [];
  for (const file of files) {
    const sql = await readFile(path.join(TESTS_DIR, file), 'utf8');
    const started = Date.now();
    let result: FileResult;
    try {
      result = parseTap(file, await run(sql));
    } catch (e) {
      await rollback().catch(() => undefined);
      result = { file, planned: undefined, passed: 0, failed: [], ran: 0, error: e instanceof Error ? e.message : String(e) };
    }
    const ms = Date.now() - started;
    const planOk = result.planned !== undefined && result.planned === result.ran;
    if (!result.error && result.failed.length === 0 && planOk) {
      console.log(`  ok    ${file} (${result.passed} tests, ${ms} ms)`);
    } else {
      console.log(`  FAIL  ${file} (${result.passed}/${result.planned ?? '?'} passed, ${ms} ms)`);
      if (result.error) console.log(`    error: ${result.error}`);
      if (!result.error && !planOk) console.log(`    planned ${result.planned ?? 'nothing'} but ran ${result.ran}`);
      for (const f of result.failed) console.log(`    ${f}`);
    }
    results.push(result);
  }
  return results;
}

async function onPglite(files: string[]): Promise<FileResult[]> {
  const db = (await openDatabase({ dataDir: 'memory://', extensions: { pgtap } })) as PgliteDatabase;
  try {
    await prepareDatabase(db, { migrationsDir: MIGRATIONS_DIR });
    await db.exec('create extension if not exists pgtap with schema extensions');
    await db.exec(SEARCH_PATH);
    return await runFiles(
      'PGlite (in memory)',
      files,
      async (sql) => (await db.pg.exec(sql)).flatMap((r) => textValues(r.rows)),
      async () => {
        await db.pg.exec('rollback');
      },
    );
  } finally {
    await db.close();
  }
}

async function onPostgres(databaseUrl: string, files: string[]): Promise<FileResult[]> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
    await admin.query(`create database ${SCRATCH_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${SCRATCH_DB}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  try {
    await prepareDatabase(db, { migrationsDir: MIGRATIONS_DIR });
    await db.exec('create extension if not exists pgtap with schema extensions');
  } finally {
    await db.close();
  }
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.query(SEARCH_PATH);
    return await runFiles(
      `PostgreSQL ${rows[0]?.server_version ?? ''} (${SCRATCH_DB})`,
      files,
      async (sql) => {
        const res = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(res) ? res : [res]).flatMap((r) => textValues(r.rows ?? []));
      },
      async () => {
        await client.query('rollback');
      },
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pgliteOnly = args.includes('--pglite-only');
  const postgresOnly = args.includes('--postgres-only');
  const filter = args.find((a) => !a.startsWith('--'));
  const files = (await readdir(TESTS_DIR))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    // the helpers file always runs: the others depend on it
    .filter((f) => !filter || f.startsWith('000') || f.includes(filter));
  if (files.length === 0) {
    console.error(`no test files in ${TESTS_DIR}`);
    return 1;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (postgresOnly && !databaseUrl) {
    console.error('--postgres-only needs DATABASE_URL');
    return 1;
  }
  const results = postgresOnly ? [] : await onPglite(files);
  if (databaseUrl && !pgliteOnly) results.push(...(await onPostgres(databaseUrl, files)));

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed.length, 0);
  const broken = results.filter((r) => r.error || r.planned === undefined || r.planned !== r.ran).length;
  console.log(`\n${passed} passed, ${failed} failed${broken ? ` (${broken} file(s) errored or missed their plan)` : ''}`);
  return failed > 0 || broken > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
