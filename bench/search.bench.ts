/**
 * Search, translation memory and library at corpus scale, on PGlite and (with DATABASE_URL) on
 * PostgreSQL.
 *
 *   npx tsx bench/search.bench.ts [--backend pglite|postgres] [--documents N] [--reuse] [--keep] [--plans FILE] [--name DB]
 *
 * For each backend: generates the synthetic corpus (bench/search/corpus.ts) as export files,
 * imports the folder with `npm run import` into a local stack (throughput, and the peak memory of
 * the importing process and of the server's), writes the English of about 60 % of the rows (their
 * memory entries and counters come from the triggers, as in use), then times through supabase-js,
 * signed in as a translator: search for 1-, 2- and 4-character Chinese strings and English words
 * drawn from the corpus, concordances, memory suggestions for rows, and the library's first page
 * (by date, title and progress, and filtered, also by the Chinese of the text). Each figure is
 * given as wall-clock time and as the CPU time the request took (see Timing). Defaults: 1,000
 * documents (about 100,000 paragraphs) on PGlite, 10,000 (about 1,000,000) on PostgreSQL, in
 * database duizhao_bench_search (DUIZHAO_SCRATCH_SUFFIX appended; --name another), dropped at the
 * end unless --keep (PGlite's then stays in the temporary directory under that name); --reuse
 * skips the import when that database already holds the corpus. With --plans FILE, PostgreSQL's plans of every
 * statement the search, memory and library requests run (auto_explain) go to FILE.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { startStack, type RunningStack } from '../server/src/stack.ts';
import { scratchName } from '../scripts/lib/scratch-db.ts';
import { isMain, percentile } from './lib.ts';
import { Corpus, random, toExport } from './search/corpus.ts';
import { BENCH_PASSWORD, BENCH_PROJECT, BENCH_USERS, createBenchProject, loadTranslations } from './search/load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const DB_NAME = scratchName('duizhao_bench_search');
const PARAGRAPHS_PER_DOCUMENT = 100;
const RUNS = 30;

export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /**
   * CPU time a request took, in ms: this process (supabase-js, the HTTP server and, on PGlite, the
   * database) plus PostgreSQL's backends of the bench database. On a machine shared with other
   * work the wall-clock figures above include waiting for a core; these do not.
   */
  cpuP50Ms: number;
  cpuP95Ms: number;
}

export interface SearchBenchFigures {
  backend: 'pglite' | 'postgres';
  documents: number;
  paragraphs: number;
  import?: {
    files: number;
    seconds: number;
    filesPerSecond: number;
    paragraphsPerSecond: number;
    cliPeakRssMb: number;
    serverPeakRssMb: number;
    failed: number;
  };
  translations?: { rows: number; seconds: number; rowsPerSecond: number };
  databaseMb: number;
  /** Search through supabase-js (HTTP, JWT, the search function), by query kind: median total, and how many totals were "more than 1,000". */
  search: Record<string, Timing & { medianHits: number; lowerBound: number }>;
  concordance: Timing;
  tmSuggestions: Timing & { withSuggestions: number };
  library: Record<string, Timing>;
  loadAverage: number[];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function timing({ times, cpu }: { times: number[]; cpu: number[] }): Timing {
  return {
    runs: times.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(Math.max(...times)),
    cpuP50Ms: round(percentile(cpu, 50)),
    cpuP95Ms: round(percentile(cpu, 95)),
  };
}

/** CPU time in ns of a process, from the scheduler's own account (/proc/PID/schedstat); 0 once it is gone. */
async function schedNs(pid: number): Promise<number> {
  try {
    return Number((await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ')[0]);
  } catch {
    return 0;
  }
}

/**
 * A clock of the CPU time spent on requests: this process's and, on PostgreSQL, that of the
 * backends connected to the bench database (parallel query is off there, so no work escapes to
 * short-lived workers).
 */
type CpuClock = () => Promise<number>;
function cpuClock(db: RunningStack['db'] | null): CpuClock {
  return async () => {
    const own = process.cpuUsage();
    let ns = (own.user + own.system) * 1000;
    if (db) {
      // Every backend of the database, this one too: the request may run on the connection that asked.
      const pids = (await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows;
      for (const { pid } of pids) ns += await schedNs(pid);
    }
    return ns;
  };
}

/** Queries drawn from the corpus: substrings of random paragraphs (no punctuation) and English words. */
export function queries(corpus: Corpus, documents: number, seed: number) {
  const rand = random(seed);
  const paragraph = () => {
    const d = corpus.documentAt(Math.floor(rand() * documents));
    return d.paragraphs[Math.floor(rand() * d.paragraphs.length)]!;
  };
  const chinese = (length: number) => {
    for (;;) {
      const chars = Array.from(paragraph().text);
      if (chars.length < length + 2) continue;
      const at = Math.floor(rand() * (chars.length - length));
      const s = chars.slice(at, at + length).join('');
      if (!/[，。、：；（）《》“”！？\s\u3000]/.test(s)) return s;
    }
  };
  const english = () => {
    for (;;) {
      const words = paragraph().english.split(/[^A-Za-z]+/).filter((w) => w.length >= 4);
      if (words.length) return words[Math.floor(rand() * words.length)]!.toLowerCase();
    }
  };
  const list = <T>(f: () => T) => Array.from({ length: RUNS }, f);
  return {
    'zh 1 character': list(() => chinese(1)),
    'zh 2 characters': list(() => chinese(2)),
    'zh 4 characters': list(() => chinese(4)),
    'en word': list(english),
  };
}

/** Peak resident memory (VmHWM) of a live process, in bytes; 0 once it is gone. */
async function peakRss(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function importFolder(stack: RunningStack, dir: string): Promise<{ seconds: number; cliPeak: number; serverPeak: number; summary: string; failed: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--project', BENCH_PROJECT.name, '--jobs', '4', dir], {
    cwd: ROOT,
    env: { ...process.env, SUPABASE_URL: stack.url, SUPABASE_SERVICE_ROLE_KEY: stack.config.serviceRoleKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let cliPeak = 0;
  let serverPeak = 0;
  const sample = setInterval(() => {
    void peakRss(child.pid!).then((v) => (cliPeak = Math.max(cliPeak, v)));
    serverPeak = Math.max(serverPeak, process.memoryUsage().rss);
  }, 200);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(sample);
  const summary = stdout.split('\n').find((l) => l.startsWith('Imported ')) ?? '';
  if (!summary) throw new Error(`import failed (exit ${code}): ${stderr.slice(-2000)}`);
  const failed = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  return { seconds: (performance.now() - started) / 1000, cliPeak, serverPeak, summary, failed };
}

/** Runs `op` on each input after three warm-up calls (plans, dictionaries, connections); wall-clock and CPU times and results of the measured calls. */
async function timed<T, R>(clock: CpuClock, inputs: readonly T[], op: (x: T) => Promise<R>): Promise<{ times: number[]; cpu: number[]; results: R[] }> {
  for (const x of inputs.slice(0, 3)) await op(x);
  const times: number[] = [];
  const cpu: number[] = [];
  const results: R[] = [];
  for (const x of inputs) {
    const c = await clock();
    const t = performance.now();
    results.push(await op(x));
    times.push(performance.now() - t);
    cpu.push(((await clock()) - c) / 1e6);
  }
  return { times, cpu, results };
}

async function signIn(stack: RunningStack): Promise<SupabaseClient> {
  const client = createClient(stack.url, stack.config.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });
  const { error } = await client.auth.signInWithPassword({ email: BENCH_USERS.translator.email, password: BENCH_PASSWORD });
  if (error) throw error;
  return client;
}

/** Runs the requests the app makes and captures auto_explain's plans of every statement they run. */
async function capturePlans(databaseUrl: string, corpusQueries: ReturnType<typeof queries>, paragraphId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const out: string[] = [];
  client.on('notice', (n) => out.push(n.message ?? ''));
  try {
    await client.query(`load 'auto_explain'`);
    await client.query('set auto_explain.log_min_duration = 0');
    await client.query('set auto_explain.log_analyze = on');
    await client.query('set auto_explain.log_buffers = on');
    await client.query('set auto_explain.log_nested_statements = on');
    await client.query('set client_min_messages = log');
    const asTranslator = `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '${JSON.stringify({ sub: BENCH_USERS.translator.id, role: 'authenticated' })}', true)`;
    const cases: [string, string, unknown[]][] = [
      ...Object.entries(corpusQueries).map(([kind, qs]): [string, string, unknown[]] => [`search, ${kind}: ${qs[0]}`, 'select public.search_project($1, $2)', [BENCH_PROJECT.id, qs[0]]]),
      ['translation memory for a row', 'select public.tm_suggestions($1)', [paragraphId]],
      ['library, first page by date', `select * from public.library_documents where project_id = $1 order by published_on desc nulls last, title limit 50`, [BENCH_PROJECT.id]],
      ['library, first page by progress', `select * from public.library_documents where project_id = $1 order by progress desc, title limit 50`, [BENCH_PROJECT.id]],
      ['library, count', `select count(*) from public.library_documents where project_id = $1`, [BENCH_PROJECT.id]],
    ];
    for (const [label, sql, params] of cases) {
      out.push(`\n### ${label}\n`);
      await client.query('begin');
      await client.query(asTranslator);
      await client.query(sql, params);
      await client.query('rollback');
    }
  } finally {
    await client.end();
  }
  return out.join('\n');
}

async function databaseUrlFor(base: string, name: string, reuse: boolean): Promise<{ url: string; existed: boolean }> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!(reuse && exists)) {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
    }
    // Serial plans: the CPU clock then sees all the work (a parallel worker is gone before it is read).
    await admin.query(`alter database "${name}" set max_parallel_workers_per_gather = 0`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return { url: url.toString(), existed: reuse && exists };
  } finally {
    await admin.end();
  }
}

async function dropDatabase(base: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

export interface BackendOptions {
  backend: 'pglite' | 'postgres';
  documents: number;
  reuse?: boolean;
  keep?: boolean;
  plansFile?: string;
  /** The PostgreSQL database (default duizhao_bench_search with the scratch suffix); the PGlite data directory's name. */
  name?: string;
  log?: (line: string) => void;
}

export async function benchBackend(options: BackendOptions): Promise<SearchBenchFigures> {
  const log = options.log ?? ((line: string) => console.error(line));
  const corpus = new Corpus({ documents: options.documents, paragraphsPerDocument: PARAGRAPHS_PER_DOCUMENT });
  const baseUrl = process.env.DATABASE_URL;
  if (options.backend === 'postgres' && !baseUrl) throw new Error('the PostgreSQL pass needs DATABASE_URL');
  const work = await mkdtemp(path.join(os.tmpdir(), 'duizhao-bench-search-'));
  const name = options.name ?? DB_NAME;
  const target = options.backend === 'postgres' ? await databaseUrlFor(baseUrl!, name, options.reuse ?? false) : undefined;
  // PGlite's data kept between runs (--keep, --reuse) lives beside the work directory.
  const pgliteDir = options.keep || options.reuse ? path.join(os.tmpdir(), name) : path.join(work, 'pglite');
  const stack = await startStack({
    port: 0,
    databaseUrl: target?.url,
    dataDir: pgliteDir,
    seedFile: undefined,
    durableCommits: true,
  });
  const figures: Partial<SearchBenchFigures> = { backend: options.backend, documents: options.documents };
  try {
    await createBenchProject(stack.db);
    await stack.reloadSchema();
    const stored = Number((await stack.db.query<{ n: string }>('select count(*)::text as n from public.documents where project_id = $1', [BENCH_PROJECT.id])).rows[0]!.n);
    if (stored !== options.documents) {
      if (stored !== 0) throw new Error(`the bench database holds ${stored} documents, not ${options.documents}; run without --reuse`);
      const dir = path.join(work, 'exports');
      log(`generating ${options.documents} export files…`);
      await mkdir(dir);
      for (let i = 0; i < options.documents; i++) await writeFile(path.join(dir, `${String(i).padStart(5, '0')}.txt`), toExport(corpus.documentAt(i), i));
      log(`importing them with npm run import…`);
      const imported = await importFolder(stack, dir);
      log(imported.summary);
      await rm(dir, { recursive: true, force: true });
      const paragraphs = Number((await stack.db.query<{ n: string }>('select count(*)::text as n from public.paragraphs')).rows[0]!.n);
      figures.import = {
        files: options.documents,
        seconds: round(imported.seconds),
        filesPerSecond: round(options.documents / imported.seconds),
        paragraphsPerSecond: Math.round(paragraphs / imported.seconds),
        cliPeakRssMb: round(imported.cliPeak / MB),
        serverPeakRssMb: round(imported.serverPeak / MB),
        failed: imported.failed,
      };
      log('writing the English of the translated rows…');
      const t = performance.now();
      const rows = await loadTranslations(stack.db, corpus, { from: 0, to: options.documents }, (n) => {
        if (n % 500 === 0) log(`  ${n} documents`);
      });
      const seconds = (performance.now() - t) / 1000;
      figures.translations = { rows, seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds) };
    }
    // A reused database was analysed after its import.
    if (figures.import) await stack.db.exec('vacuum analyze');
    figures.paragraphs = Number((await stack.db.query<{ n: string }>('select count(*)::text as n from public.paragraphs')).rows[0]!.n);
    figures.databaseMb = round(Number((await stack.db.query<{ n: string }>('select pg_database_size(current_database())::text as n')).rows[0]!.n) / MB);

    const clock = cpuClock(options.backend === 'postgres' ? stack.db : null);
    const client = await signIn(stack);
    const corpusQueries = queries(corpus, options.documents, 20261204);
    figures.search = {};
    for (const [kind, list] of Object.entries(corpusQueries)) {
      const measured = await timed(clock, list, async (q) => {
        const { data, error } = await client.rpc('search_project', { p_project_id: BENCH_PROJECT.id, p_query: q });
        if (error) throw new Error(`search "${q}": ${error.message}`);
        return data as { total: number; total_is_lower_bound: boolean };
      });
      figures.search[kind] = {
        ...timing(measured),
        medianHits: percentile(measured.results.map((r) => r.total), 50),
        lowerBound: measured.results.filter((r) => r.total_is_lower_bound).length,
      };
      log(`search ${kind}: p50 ${figures.search[kind].p50Ms} ms, p95 ${figures.search[kind].p95Ms} ms`);
    }
    figures.concordance = timing(
      await timed(clock, corpusQueries['zh 2 characters'], async (q) => {
        const { error } = await client.rpc('concordance', { p_project_id: BENCH_PROJECT.id, p_text: q, p_limit: 200 });
        if (error) throw new Error(`concordance "${q}": ${error.message}`);
      }),
    );

    const rows = (
      await stack.db.query<{ id: string }>(
        `select p.id from public.paragraphs p join public.documents d on d.id = p.document_id
         where d.project_id = $1 and p.kind = 'body' order by md5(p.id::text) limit $2`,
        [BENCH_PROJECT.id, RUNS + 3],
      )
    ).rows.map((r) => r.id);
    const tm = await timed(clock, rows.slice(3), async (id) => {
      const { data, error } = await client.rpc('tm_suggestions', { p_paragraph_id: id });
      if (error) throw new Error(`tm_suggestions: ${error.message}`);
      return (data as { suggestions: unknown[] }).suggestions.length;
    });
    figures.tmSuggestions = { ...timing(tm), withSuggestions: tm.results.filter((n) => n > 0).length };
    log(`memory suggestions: p50 ${figures.tmSuggestions.p50Ms} ms, p95 ${figures.tmSuggestions.p95Ms} ms`);

    const columns = 'id,title,published_on,keywords,collection,paragraphs,translated,approved,notes_submitted,notes_approved,progress';
    const page = (build: (q: any) => any) => async () => {
      const { error, count } = await build(client.from('library_documents').select(columns, { count: 'exact' }).eq('project_id', BENCH_PROJECT.id)).range(0, 49);
      if (error || !count) throw new Error(`library: ${error?.message ?? 'no rows'}`);
    };
    const library: Record<string, () => Promise<void>> = {
      'first page by date': page((q) => q.order('published_on', { ascending: false, nullsFirst: false }).order('title')),
      'first page by title': page((q) => q.order('title')),
      'first page by progress': page((q) => q.order('progress', { ascending: false }).order('title')),
      'keyword and date range': page((q) => q.contains('keywords', ['合作']).gte('published_on', '2015-01-01').lte('published_on', '2018-12-31').order('published_on', { ascending: false })),
      'title text': page((q) => q.ilike('title', '%联合%').order('title')),
    };
    figures.library = {};
    for (const [name, op] of Object.entries(library)) figures.library[name] = timing(await timed(clock, Array.from({ length: RUNS }, () => 0), op));
    // Documents whose Chinese holds a 2-character string drawn from the corpus, first page by date.
    figures.library['chinese text filter'] = timing(
      await timed(clock, corpusQueries['zh 2 characters'], async (q) => {
        const { error, count } = await client
          .rpc('library_documents_containing', { p_project_id: BENCH_PROJECT.id, p_text: q }, { count: 'exact' })
          .select(columns)
          .order('published_on', { ascending: false, nullsFirst: false })
          .order('title')
          .range(0, 49);
        if (error || !count) throw new Error(`library text filter "${q}": ${error?.message ?? 'no rows'}`);
      }),
    );
    log(`library first page by date: p95 ${figures.library['first page by date']!.p95Ms} ms`);

    if (options.plansFile && target) {
      await writeFile(options.plansFile, await capturePlans(target.url, corpusQueries, rows[0]!));
      log(`plans written to ${options.plansFile}`);
    }
    figures.loadAverage = os.loadavg().map(round);
    return figures as SearchBenchFigures;
  } finally {
    await stack.stop();
    await rm(work, { recursive: true, force: true });
    if (target && !options.keep) await dropDatabase(baseUrl!, name);
  }
}

export async function run(): Promise<SearchBenchFigures[]> {
  const out = [await benchBackend({ backend: 'pglite', documents: 1000 })];
  if (process.env.DATABASE_URL) out.push(await benchBackend({ backend: 'postgres', documents: 10000 }));
  return out;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      documents: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      plans: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const backends = values.backend ? [values.backend as 'pglite' | 'postgres'] : ['pglite' as const, ...(process.env.DATABASE_URL ? ['postgres' as const] : [])];
  (async () => {
    for (const backend of backends) {
      const documents = values.documents ? Number(values.documents) : backend === 'postgres' ? 10000 : 1000;
      console.log(JSON.stringify(await benchBackend({ backend, documents, reuse: values.reuse, keep: values.keep, plansFile: values.plans, name: values.name }), null, 2));
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
