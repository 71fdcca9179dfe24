import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD } from '../app-helpers.ts';
import { anonKey, apiUrl, client } from '../env.ts';
import { type FuzzRequest, Random, anyRequest } from './generator.ts';

// A seeded storm of random and hostile requests against the running API (both databases): every
// answer is a readable 4xx or success, none takes long, and the server works normally afterwards.
// DUIZHAO_FUZZ_SEED and DUIZHAO_FUZZ_COUNT run other or longer storms.
const SEED = Number(process.env.DUIZHAO_FUZZ_SEED ?? 20261204);
const COUNT = Number(process.env.DUIZHAO_FUZZ_COUNT ?? 2000);
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One request with Node's HTTP client, which refuses answers whose headers exceed 16 KB. */
function send(base: URL, req: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers: Record<string, string> = { apikey: anonKey, ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const r = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    r.setTimeout(REQUEST_TIMEOUT_MS, () => r.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    r.on('error', reject);
    r.end(body);
  });
}

const describeRequest = (i: number, req: FuzzRequest) =>
  `#${i} ${req.kind} ${req.method} ${req.path.length > 160 ? `${req.path.slice(0, 160)}… (${req.path.length} chars)` : req.path}`;

describe('API fuzz', () => {
  it(`answers ${COUNT} seeded random and hostile requests (seed ${SEED}) without a 5xx, a hang or an unreadable answer`, { timeout: 600_000 }, async () => {
    const base = new URL(apiUrl());
    const r = new Random(SEED);
    const requests = Array.from({ length: COUNT }, () => anyRequest(r));
    const kitchenBefore = (await client(undefined, 'contract').from('kitchen').select('*').order('id')).data;

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const msByKind = new Map<string, number>();
    let slowest = { ms: 0, what: '' };
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const i = next++;
        const req = requests[i]!;
        try {
          const a = await send(base, req);
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          msByKind.set(req.kind, (msByKind.get(req.kind) ?? 0) + a.ms);
          if (a.ms > slowest.ms) slowest = { ms: a.ms, what: describeRequest(i, req) };
          if (a.status >= 500) failures.push(`${describeRequest(i, req)} → ${a.status} ${a.body.slice(0, 300)}`);
        } catch (e) {
          failures.push(`${describeRequest(i, req)} → ${(e as Error & { code?: string }).code ?? ''} ${(e as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    console.log(
      `fuzz seed ${SEED}: ${COUNT} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, slowest ${Math.round(slowest.ms)} ms (${slowest.what}), ms per kind ${JSON.stringify(Object.fromEntries([...msByKind].map(([k, v]) => [k, Math.round(v)]).sort((a, b) => Number(b[1]) - Number(a[1]))))}`,
    );
    expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);

    // Healthy afterwards: reads, sign-in and a write work, and the fuzz's writes all rolled back.
    const db = client(undefined, 'contract');
    const films = await db.from('films').select('id').order('id');
    expect(films.data).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ id })));
    expect((await db.from('kitchen').select('*').order('id')).data).toEqual(kitchenBefore);
    const user = client();
    const signedIn = await user.auth.signInWithPassword({ email: DEMO.owner, password: DEMO_PASSWORD });
    expect(signedIn.error).toBeNull();
    const projects = await user.from('projects').select('id, name');
    expect(projects.error).toBeNull();
    expect(projects.data!.length).toBeGreaterThan(0);
  });
});
