/**
 * The Chinese substring index, measured against the alternative: pg_trgm's GIN index over the same
 * folded text, on PGlite and (with DATABASE_URL) on PostgreSQL.
 *
 *   npx tsx bench/search-index.bench.ts [--backend pglite|postgres] [--documents N] [--database NAME]
 *
 * Loads N corpus documents (bench/search/corpus.ts; PGlite in memory, PostgreSQL in a scratch
 * database, or an existing database given with --database, e.g. the search benchmark's kept one),
 * then for each index: build time and size, and for 1-, 2- and 4-character queries drawn from the
 * corpus (and two mixed Latin/digit ones) the time to find the first 20 paragraphs holding them and
 * to count them all, and whether the counts agree. Run as the database owner, without RLS: this
 * compares indexes, not the API (search.bench.ts does that).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDatabase, prepareDatabase } from '../server/src/db/open.ts';
import type { Database } from '../server/src/db/types.ts';
import { recreateDatabase, scratchName } from '../scripts/lib/scratch-db.ts';
import { PROJECT_ROOT } from '../server/src/config.ts';
import { isMain, percentile } from './lib.ts';
import { Corpus, random } from './search/corpus.ts';
import { foldQuery } from '../src/domain/search/index.ts';
import { createBenchProject, loadDocuments } from './search/load.ts';

const RUNS = 15;

interface IndexFigures {
  buildSeconds: number;
  sizeMb: number;
  /** Per query kind: p50/p95 ms for the first 20 hits and for the full count. */
  queries: Record<string, { first20P50: number; first20P95: number; countP50: number; countP95: number }>;
}

export interface IndexBenchFigures {
  backend: string;
  paragraphs: number;
  bigrams: IndexFigures;
  trigrams: IndexFigures;
  /** Queries whose counts differed between the two (should be none). */
  disagreements: string[];
}

const round = (n: number) => Math.round(n * 10) / 10;

function queryKinds(corpus: Corpus, documents: number): Record<string, string[]> {
  const rand = random(77);
  const sample = (len: number) => {
    for (;;) {
      const d = corpus.documentAt(Math.floor(rand() * documents));
      const chars = Array.from(d.paragraphs[Math.floor(rand() * d.paragraphs.length)]!.text);
      if (chars.length < len + 2) continue;
      const at = Math.floor(rand() * (chars.length - len));
      const s = chars.slice(at, at + len).join('');
      if (!/[，。、：；（）《》“”\s\u3000]/.test(s)) return s;
    }
  };
  return {
    '1 character': Array.from({ length: RUNS }, () => sample(1)),
    '2 characters': Array.from({ length: RUNS }, () => sample(2)),
    '4 characters': Array.from({ length: RUNS }, () => sample(4)),
    'Latin and digits': ['2014年', 'c线', '5月', '2002年', '100万', '21日', '2013年9', '12月2', '7日', '20', '2011', '年6', '22年', '3日', '14年'],
  };
}

async function timeMs(db: Database, sql: string, params: unknown[]): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  const t = performance.now();
  const r = await db.query(sql, params);
  return { ms: performance.now() - t, rows: r.rows };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function measure(db: Database, kinds: Record<string, string[]>, mode: 'bigrams' | 'trigrams') {
  const where =
    mode === 'bigrams'
      ? `private.search_grams(p.text) @@ private.search_grams_query($1) and strpos(private.search_fold(p.text), $1) > 0`
      : `private.search_fold(p.text) like $1`;
  const out: IndexFigures['queries'] = {};
  const counts = new Map<string, number>();
  for (const [kind, list] of Object.entries(kinds)) {
    const first: number[] = [];
    const count: number[] = [];
    for (const raw of list) {
      const q = foldQuery(raw);
      const params = mode === 'bigrams' ? [q] : [likePattern(q)];
      first.push((await timeMs(db, `select p.id from public.paragraphs p where ${where} limit 20`, params)).ms);
      const c = await timeMs(db, `select count(*)::int as n from public.paragraphs p where ${where}`, params);
      count.push(c.ms);
      counts.set(q, Number(c.rows[0]!.n));
    }
    out[kind] = { first20P50: round(percentile(first, 50)), first20P95: round(percentile(first, 95)), countP50: round(percentile(count, 50)), countP95: round(percentile(count, 95)) };
  }
  return { queries: out, counts };
}

export async function benchIndexes(db: Database, backend: string, kinds: Record<string, string[]>): Promise<IndexBenchFigures> {
  const size = async (name: string) => round(Number((await db.query<{ n: string }>(`select pg_relation_size('public.${name}')::text as n`)).rows[0]!.n) / 1024 / 1024);
  const paragraphs = Number((await db.query<{ n: string }>('select count(*)::text as n from public.paragraphs')).rows[0]!.n);
  await db.exec('create extension if not exists pg_trgm with schema extensions');

  await db.exec('drop index if exists public.paragraphs_search_grams_idx');
  await db.exec('drop index if exists public.paragraphs_search_trgm_bench_idx');
  let t = performance.now();
  await db.exec('create index paragraphs_search_grams_idx on public.paragraphs using gin (private.search_grams(text))');
  const bigramBuild = (performance.now() - t) / 1000;
  await db.exec('analyze public.paragraphs');
  const bigrams = await measure(db, kinds, 'bigrams');
  const bigramSize = await size('paragraphs_search_grams_idx');

  // The trigram index alone (with both, the planner could pick either).
  await db.exec('drop index public.paragraphs_search_grams_idx');
  t = performance.now();
  await db.exec('create index paragraphs_search_trgm_bench_idx on public.paragraphs using gin (private.search_fold(text) extensions.gin_trgm_ops)');
  const trigramBuild = (performance.now() - t) / 1000;
  await db.exec('analyze public.paragraphs');
  const trigrams = await measure(db, kinds, 'trigrams');
  const trigramSize = await size('paragraphs_search_trgm_bench_idx');
  await db.exec('drop index public.paragraphs_search_trgm_bench_idx');
  await db.exec('create index paragraphs_search_grams_idx on public.paragraphs using gin (private.search_grams(text))');

  const disagreements = [...bigrams.counts].filter(([q, n]) => trigrams.counts.get(q) !== n).map(([q, n]) => `${q}: ${n} vs ${trigrams.counts.get(q)}`);
  return {
    backend,
    paragraphs,
    bigrams: { buildSeconds: round(bigramBuild), sizeMb: bigramSize, queries: bigrams.queries },
    trigrams: { buildSeconds: round(trigramBuild), sizeMb: trigramSize, queries: trigrams.queries },
    disagreements,
  };
}

async function withCorpus(backend: 'pglite' | 'postgres', documents: number, database: string | undefined): Promise<IndexBenchFigures> {
  const corpus = new Corpus({ documents, paragraphsPerDocument: 100 });
  let db: Database;
  if (backend === 'postgres') {
    if (!process.env.DATABASE_URL) throw new Error('the PostgreSQL pass needs DATABASE_URL');
    let url: string;
    if (database) {
      const u = new URL(process.env.DATABASE_URL);
      u.pathname = `/${database}`;
      url = u.toString();
    } else url = await recreateDatabase(process.env.DATABASE_URL, 'duizhao_bench_index');
    db = await openDatabase({ databaseUrl: url, dataDir: '' });
  } else {
    db = await openDatabase({ dataDir: 'memory://', extensions: { pg_trgm }, durable: false });
  }
  try {
    await prepareDatabase(db, { migrationsDir: `${PROJECT_ROOT}/supabase/migrations` });
    const have = Number((await db.query<{ n: string }>('select count(*)::text as n from public.documents')).rows[0]!.n);
    if (have === 0) {
      await createBenchProject(db);
      await loadDocuments(db, corpus, { from: 0, to: documents });
    }
    return await benchIndexes(db, backend, queryKinds(corpus, Math.max(have, documents)));
  } finally {
    await db.close();
    if (backend === 'postgres' && !database) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists "${scratchName('duizhao_bench_index')}" with (force)`);
      await admin.end();
    }
  }
}

export async function run(): Promise<IndexBenchFigures[]> {
  const out = [await withCorpus('pglite', 300, undefined)];
  if (process.env.DATABASE_URL) out.push(await withCorpus('postgres', 1000, undefined));
  return out;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { backend: { type: 'string' }, documents: { type: 'string' }, database: { type: 'string' } } });
  const backend = (values.backend ?? 'pglite') as 'pglite' | 'postgres';
  withCorpus(backend, Number(values.documents ?? (backend === 'postgres' ? 1000 : 300)), values.database).then(
    (f) => console.log(JSON.stringify(f, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
