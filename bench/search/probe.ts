/**
 * Times the search and memory functions straight in PostgreSQL (no HTTP), with the bench's
 * queries: wall-clock and the backend's CPU time per call, and the slowest calls.
 *   npx tsx bench/search/probe.ts [--kinds search,tm] [--db URL]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { queries } from '../search.bench.ts';
import { Corpus } from './corpus.ts';
import { BENCH_PROJECT, BENCH_USERS } from './load.ts';
import { percentile } from '../lib.ts';

const { values } = parseArgs({ options: { kinds: { type: 'string', default: 'search,tm' }, db: { type: 'string' }, runs: { type: 'string', default: '30' } } });
const url = values.db ?? 'postgres://postgres:postgres@127.0.0.1:5432/duizhao_bench_search_search';
const client = new pg.Client({ connectionString: url });
await client.connect();
const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
const cpu = async () => Number((await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ')[0]) / 1e6;
const claims = JSON.stringify({ sub: BENCH_USERS.translator.id, role: 'authenticated' });
async function call(sql: string, params: unknown[]) {
  await client.query('begin');
  await client.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
  const c0 = await cpu();
  const t0 = performance.now();
  const r = await client.query(sql, params);
  const ms = performance.now() - t0;
  const c1 = await cpu();
  await client.query('rollback');
  return { ms, cpu: c1 - c0, row: r.rows[0] };
}
const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} p95 ${percentile(xs, 95).toFixed(1)} max ${Math.max(...xs).toFixed(1)}`;
const kinds = values.kinds!.split(',');
const documents = Number((await client.query('select count(*) from public.documents where project_id = $1', [BENCH_PROJECT.id])).rows[0].count);
const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
console.log(`documents ${documents}, load ${load}`);
if (kinds.includes('search')) {
  const qs = queries(new Corpus({ documents, paragraphsPerDocument: 100 }), documents, 20261204);
  for (const [kind, list] of Object.entries(qs)) {
    for (const q of list.slice(0, 3)) await call('select public.search_project($1, $2) as r', [BENCH_PROJECT.id, q]);
    const res = [];
    for (const q of list.slice(0, Number(values.runs))) {
      const r = await call('select public.search_project($1, $2) as r', [BENCH_PROJECT.id, q]);
      res.push({ q, ms: r.ms, cpu: r.cpu, total: r.row.r.total, more: r.row.r.total_is_lower_bound });
    }
    console.log(`${kind}: wall ${fmt(res.map((r) => r.ms))} | cpu ${fmt(res.map((r) => r.cpu))}`);
    res.sort((a, b) => b.cpu - a.cpu);
    console.log('   slowest: ' + res.slice(0, 5).map((r) => `${r.q} ${r.cpu.toFixed(0)}ms (${r.total}${r.more ? '+' : ''})`).join(', '));
  }
}
if (kinds.includes('tm')) {
  const rows = (await client.query<{ id: string }>(
    `select p.id from public.paragraphs p join public.documents d on d.id = p.document_id
     where d.project_id = $1 and p.kind = 'body' order by md5(p.id::text) limit $2`, [BENCH_PROJECT.id, 33])).rows.map((r) => r.id);
  for (const id of rows.slice(0, 3)) await call('select public.tm_suggestions($1) as r', [id]);
  const res = [];
  for (const id of rows.slice(3)) {
    const r = await call('select public.tm_suggestions($1) as r', [id]);
    res.push({ id, ms: r.ms, cpu: r.cpu, n: r.row.r.suggestions.length, len: r.row.r.source?.length ?? 0 });
  }
  console.log(`tm: wall ${fmt(res.map((r) => r.ms))} | cpu ${fmt(res.map((r) => r.cpu))}; with suggestions ${res.filter((r) => r.n).length}`);
  res.sort((a, b) => b.cpu - a.cpu);
  console.log("   slowest: " + res.slice(0, 30).map((r) => `len ${r.len} ${r.cpu.toFixed(0)}ms (${r.n})`).join(', '));
}
await client.end();
