/**
 * /rest/v1 benchmark: the API beside the same query run directly through the Database, on the
 * embedded PGlite and (when DATABASE_URL is set) on PostgreSQL.
 *
 *   npx tsx bench/api.bench.ts            # PGlite, plus PostgreSQL when DATABASE_URL is set
 *
 * PGlite runs three times: in memory, and on disk with and without commits flushed to disk
 * (`durable`, the default of `npm start`, against `DUIZHAO_DURABLE_COMMITS=false`), which puts a
 * figure on what durability costs.
 *
 * Cases: single-row GET over 16 keep-alive connections (throughput and p95), a 200-row select
 * with a to-many embed (p95), and a one-row PATCH (p95). The direct figures run the equivalent
 * SQL with the same concurrency, so `ratio` is the API's overhead (HTTP, JWT, planning, the
 * per-request transaction with role and claims). `run()` returns the figures.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SERVICE_ROLE_KEY } from '../server/src/config.ts';
import type { Database } from '../server/src/db/types.ts';
import { type RunningStack, startStack } from '../server/src/stack.ts';
import { isMain, percentile } from './lib.ts';

const ITEMS = 5000;
const CONCURRENCY = 16;

export interface CaseFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
}
export interface BackendFigures {
  backend: string;
  singleRowGet: { api: CaseFigures; direct: CaseFigures; ratio: number };
  embedded200: { api: CaseFigures; direct: CaseFigures; ratio: number };
  patch: { api: CaseFigures; direct: CaseFigures; ratio: number };
}

const SETUP = `
drop schema if exists bench cascade;
create schema bench;
grant usage on schema bench to anon, authenticated, service_role;
create table bench.items (id int primary key, title text not null, body text, score int not null default 0, created_at timestamptz not null default '2024-01-01');
create table bench.tags (id int primary key, item_id int not null references bench.items (id), name text not null);
create index on bench.tags (item_id);
insert into bench.items (id, title, body, score) select g, 'item ' || g, repeat('x', 80), g % 97 from generate_series(1, ${ITEMS}) g;
insert into bench.tags (id, item_id, name) select g, (g % ${ITEMS}) + 1, 'tag ' || (g % 13) from generate_series(1, ${ITEMS * 2}) g;
grant all on all tables in schema bench to anon, authenticated, service_role;
analyze bench.items; analyze bench.tags;
`;

/** Runs `op` `total` times with `concurrency` workers and reports throughput and latency. */
async function measure(total: number, concurrency: number, op: (i: number) => Promise<void>): Promise<CaseFigures> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { requests: total, perSecond: Math.round((total / elapsed) * 1000), p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)) };
}

async function benchBackend(stack: RunningStack, db: Database, backend: BackendFigures['backend']): Promise<BackendFigures> {
  // A new pool of keep-alive connections for each API phase: a direct phase on a loaded machine can
  // outlast the server's keep-alive timeout, and a request sent on a socket the server is closing
  // fails with ECONNRESET.
  let agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const freshConnections = () => {
    agent.destroy();
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  };
  const base = new URL(`${stack.url}/rest/v1`);
  const headers = { apikey: DEMO_SERVICE_ROLE_KEY, authorization: `Bearer ${DEMO_SERVICE_ROLE_KEY}`, 'accept-profile': 'bench', 'content-profile': 'bench' };
  const request = (method: string, path: string, body?: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: base.hostname, port: base.port, path: `${base.pathname}${path}`, method, agent, headers: body ? { ...headers, 'content-type': 'application/json' } : headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const get = async (path: string) => {
    const r = await request('GET', path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  };
  const id = (i: number) => (i * 7919) % ITEMS + 1;

  // Warm-up: JIT, plan caches, connection pools.
  await measure(300, CONCURRENCY, (i) => get(`/items?select=*&id=eq.${id(i)}`));
  await measure(300, CONCURRENCY, async (i) => {
    await db.query('select * from bench.items where id = $1', [id(i)]);
  });

  freshConnections();
  const getApi = await measure(3000, CONCURRENCY, (i) => get(`/items?select=*&id=eq.${id(i)}`));
  const getDirect = await measure(3000, CONCURRENCY, async (i) => {
    await db.query('select * from bench.items where id = $1', [id(i)]);
  });

  const embedPath = (i: number) => `/items?select=id,title,score,tags(name)&order=id&limit=200&offset=${(i * 200) % (ITEMS - 200)}`;
  const embedSql =
    'select i.id, i.title, i.score, coalesce((select json_agg(json_build_object(\'name\', t.name)) from bench.tags t where t.item_id = i.id), \'[]\') as tags from bench.items i order by i.id limit 200 offset $1';
  freshConnections();
  await measure(50, 4, (i) => get(embedPath(i)));
  const embApi = await measure(300, 4, (i) => get(embedPath(i)));
  const embDirect = await measure(300, 4, async (i) => {
    await db.query(embedSql, [(i * 200) % (ITEMS - 200)]);
  });

  const patch = async (i: number) => {
    const r = await request('PATCH', `/items?id=eq.${id(i)}`, JSON.stringify({ score: i % 100 }));
    if (r.status !== 204) throw new Error(`PATCH: ${r.status} ${r.text}`);
  };
  freshConnections();
  await measure(100, CONCURRENCY, patch);
  const patchApi = await measure(1000, CONCURRENCY, patch);
  const patchDirect = await measure(1000, CONCURRENCY, async (i) => {
    await db.query('update bench.items set score = $1 where id = $2', [i % 100, id(i)]);
  });
  agent.destroy();
  const ratio = (api: CaseFigures, direct: CaseFigures) => Math.round((api.p95Ms / Math.max(direct.p95Ms, 0.01)) * 100) / 100;
  return {
    backend,
    singleRowGet: { api: getApi, direct: getDirect, ratio: Math.round((getDirect.perSecond / Math.max(getApi.perSecond, 1)) * 100) / 100 },
    embedded200: { api: embApi, direct: embDirect, ratio: ratio(embApi, embDirect) },
    patch: { api: patchApi, direct: patchDirect, ratio: ratio(patchApi, patchDirect) },
  };
}

interface Target {
  backend: string;
  databaseUrl?: string;
  /** PGlite on disk; in memory when absent. */
  onDisk?: { durable: boolean };
}

async function runOn(target: Target): Promise<BackendFigures> {
  const dataDir = target.onDisk ? await mkdtemp(path.join(os.tmpdir(), 'duizhao-bench-')) : 'memory://';
  const stack = await startStack({
    port: 0,
    dataDir,
    durableCommits: target.onDisk?.durable ?? false,
    databaseUrl: target.databaseUrl,
    dbSchemas: ['public', 'graphql_public', 'bench'],
    seedFile: undefined,
  });
  try {
    await stack.db.exec(SETUP);
    await stack.reloadSchema();
    return await benchBackend(stack, stack.db, target.backend);
  } finally {
    await stack.db.exec('drop schema if exists bench cascade').catch(() => undefined);
    await stack.stop();
    if (target.onDisk) await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BackendFigures[]> {
  const out = [
    await runOn({ backend: 'pglite (memory)' }),
    await runOn({ backend: 'pglite (disk, durable)', onDisk: { durable: true } }),
    await runOn({ backend: 'pglite (disk, no sync)', onDisk: { durable: false } }),
  ];
  if (process.env.DATABASE_URL) out.push(await runOn({ backend: 'postgres', databaseUrl: process.env.DATABASE_URL }));
  for (const f of out) {
    console.log(
      `[${f.backend}] single-row GET: API ${f.singleRowGet.api.perSecond} req/s (p95 ${f.singleRowGet.api.p95Ms} ms) vs direct ${f.singleRowGet.direct.perSecond} q/s (p95 ${f.singleRowGet.direct.p95Ms} ms), direct/API throughput ${f.singleRowGet.ratio}x`,
    );
    console.log(`[${f.backend}] 200-row embed p95: API ${f.embedded200.api.p95Ms} ms vs direct ${f.embedded200.direct.p95Ms} ms (${f.embedded200.ratio}x)`);
    console.log(`[${f.backend}] PATCH p95: API ${f.patch.api.p95Ms} ms vs direct ${f.patch.direct.p95Ms} ms (${f.patch.ratio}x)`);
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
