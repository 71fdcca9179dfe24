/**
 * Live collaboration benchmark (`npm run bench -- live`).
 *
 * Fan-out: the API runs in a child process (PGlite in memory, or DATABASE_URL's PostgreSQL) so its
 * CPU time is its own. 20 clients, each a member of the project signed in through supabase-js, open
 * one document the way the app does (src/data/live.ts's bindings feeding a TanStack Query cache of
 * the document's rows) and each saves its own paragraph once a second through save_translation.
 * Measured: for every save and every other client, the time from the save being acknowledged (the
 * RPC's answer) to the row's new version being in that client's cache (0 when it got there first);
 * and the API's CPU time (user + system, from /proc) per delivered event.
 *
 * Browser: the translator types into one row in Chromium while the 20 clients save 20 rows a second
 * in the same document; keystroke-to-paint latency as in the workspace benchmark.
 * `run()` returns the figures; it never asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../server/src/config.ts';
import { recreateDatabase } from '../scripts/lib/scratch-db.ts';
import { CHROMIUM_LAUNCH, freePort, isMain, percentile } from './lib.ts';
import type { ParagraphPage, ParagraphRange } from '../src/data/paragraphs.ts';

// realtime-js needs a WebSocket as soon as the app's client module is loaded.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
const { documentLiveSpec, Refresher } = await import('../src/data/live.ts');
const { paragraphSchema } = await import('../src/data/paragraphs.ts');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLIENTS = 20;
const SECONDS = 20;
const PARAGRAPHS = 60;
const KEYSTROKES = 120;
const round = (n: number) => Math.round(n * 100) / 100;

export interface LiveFigures {
  backend: 'pglite' | 'postgres';
  clients: number;
  saves: number;
  deliveries: number;
  /** Deliveries expected but not seen within 5 s of the end. */
  missing: number;
  saveAckToOtherCaches: { p50Ms: number; p95Ms: number; maxMs: number };
  saveRoundTrip: { p50Ms: number; p95Ms: number };
  serverCpuMs: number;
  serverCpuPerEventMs: number;
  serverCpuPerSaveMs: number;
}

export interface BrowserFigures {
  remoteSavesPerSecond: number;
  remoteChangesApplied: number;
  keystrokes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** CPU time (user + system) of a process so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function startApi(databaseUrl: string | undefined): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DUIZHAO_API_PORT: String(port),
      DUIZHAO_DATA_DIR: 'memory://',
      DUIZHAO_DURABLE_COMMITS: 'false',
      DUIZHAO_MAIL_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('API:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`API exited (${code})`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function api(url: string, init: RequestInit & { key?: string; token?: string } = {}): Promise<unknown> {
  const { key = DEMO_ANON_KEY, token, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { apikey: key, Authorization: `Bearer ${token ?? key}`, 'Content-Type': 'application/json', ...(rest.headers ?? {}) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${rest.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

async function createUser(apiUrl: string, email: string, name: string): Promise<void> {
  await api(`${apiUrl}/auth/v1/admin/users`, {
    method: 'POST',
    key: DEMO_SERVICE_ROLE_KEY,
    body: JSON.stringify({ email, password: 'duizhao-bench', email_confirm: true, user_metadata: { display_name: name } }),
  });
}

function appClient(apiUrl: string): SupabaseClient {
  return createClient(apiUrl, DEMO_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  } as never);
}

/** An owner, 20 translators, a project and a document; returns signed-in clients. */
async function seed(apiUrl: string) {
  const tag = Date.now().toString(36);
  const ownerEmail = `bench-owner-${tag}@example.com`;
  await createUser(apiUrl, ownerEmail, 'Bench Owner');
  const owner = appClient(apiUrl);
  await owner.auth.signInWithPassword({ email: ownerEmail, password: 'duizhao-bench' });
  const { data: project } = await owner.from('projects').insert({ name: `Live ${tag}` }).select('id').single().throwOnError();
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => ({ position: i + 1, kind: 'body', text: `双方同意加强第${i + 1}方面的合作。` }));
  const { data: documentId } = await owner.rpc('import_document', { p_project_id: project!.id, p_document: { title: `实时基准 ${tag}`, paragraphs } }).throwOnError();
  const clients: { email: string; client: SupabaseClient; id: string }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const email = `bench-t${i}-${tag}@example.com`;
    await createUser(apiUrl, email, `Translator ${i + 1}`);
    await owner.rpc('add_project_member', { p_project_id: project!.id, p_email: email, p_role: 'translator' }).throwOnError();
    const client = appClient(apiUrl);
    const { data } = await client.auth.signInWithPassword({ email, password: 'duizhao-bench' });
    await client.realtime.setAuth(data.session!.access_token);
    clients.push({ email, client, id: data.user!.id });
  }
  const { data: rows } = await owner
    .from('paragraphs')
    .select('id,document_id,position,kind,text,translations(id,paragraph_id,body,text,status,span,version,updated_by,updated_at,review_comment,reviewed_by,reviewed_at,suggested_text)')
    .eq('document_id', documentId as string)
    .order('position')
    .throwOnError();
  const page: ParagraphPage = { rows: rows!.map((r) => paragraphSchema.parse(r)), total: PARAGRAPHS };
  await owner.auth.signOut();
  return { projectId: project!.id as string, documentId: documentId as string, clients, page, ownerEmail };
}

function cachedVersion(queryClient: QueryClient, documentId: string, paragraphId: string): number {
  const data = queryClient.getQueryData<InfiniteData<ParagraphPage, ParagraphRange>>(['documents', documentId, 'paragraphs']);
  for (const page of data?.pages ?? []) for (const r of page.rows) if (r.id === paragraphId) return r.translations?.version ?? 0;
  return -1;
}

/** 20 clients, one save a second each, for SECONDS: save acknowledged → in the others' caches. */
async function fanOut(backend: LiveFigures['backend'], databaseUrl: string | undefined): Promise<LiveFigures> {
  const server = await startApi(databaseUrl);
  try {
    const { projectId, documentId, clients, page } = await seed(server.url);
    // Each client: a query cache holding the document's rows, fed by the app's own bindings.
    const arrivals = new Map<string, number>(); // `${client}:${paragraph}:${version}` → when it was in the cache
    const caches = await Promise.all(
      clients.map(async (c, index) => {
        const queryClient = new QueryClient();
        queryClient.setQueryData(['documents', documentId, 'paragraphs'], { pages: [page], pageParams: [{ from: 1, to: 100 }] });
        const spec = documentLiveSpec(documentId, projectId, `${c.id}:bench`);
        const channel = c.client.channel(spec.topic, { config: { presence: { key: `${c.id}:bench` } } });
        for (const b of spec.bindings(queryClient, new Refresher(queryClient, 250))) {
          channel.on('postgres_changes', { event: b.event, schema: 'public', table: b.table, ...(b.filter ? { filter: b.filter } : {}) }, (change) => {
            b.apply(change as never);
            if (b.table !== 'translations') return;
            const row = change.new as { paragraph_id: string; version: number };
            if (cachedVersion(queryClient, documentId, row.paragraph_id) >= row.version) arrivals.set(`${index}:${row.paragraph_id}:${row.version}`, performance.now());
          });
        }
        await new Promise<void>((resolve, reject) =>
          channel.subscribe((s, err) => (s === 'SUBSCRIBED' ? resolve() : s === 'CHANNEL_ERROR' || s === 'TIMED_OUT' ? reject(err ?? new Error(s)) : undefined)),
        );
        return { queryClient, channel };
      }),
    );

    const acks: { client: number; paragraphId: string; version: number; at: number }[] = [];
    const roundTrips: number[] = [];
    const cpuBefore = cpuMs(server.child.pid!);
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, index) => {
        const paragraph = page.rows[index]!;
        let version = paragraph.translations?.version ?? 0;
        await new Promise((r) => setTimeout(r, (index * 1000) / CLIENTS));
        for (let s = 0; s < SECONDS; s++) {
          const due = started + (index * 1000) / CLIENTS + s * 1000;
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
          const sent = performance.now();
          const { data, error } = await c.client.rpc('save_translation', {
            p_paragraph_id: paragraph.id,
            p_expected_version: version,
            p_body: null,
            p_text: `Translator ${index + 1}, save ${s + 1}: the two sides agree to strengthen cooperation.`,
          });
          if (error) throw new Error(error.message);
          const at = performance.now();
          roundTrips.push(at - sent);
          version = (data as { version: number }).version;
          acks.push({ client: index, paragraphId: paragraph.id, version, at });
        }
      }),
    );
    // Let the last events arrive.
    const expected = acks.length * (CLIENTS - 1);
    const deadline = performance.now() + 5000;
    while (performance.now() < deadline && [...arrivals.keys()].length < acks.length * CLIENTS) await new Promise((r) => setTimeout(r, 50));
    const cpuAfter = cpuMs(server.child.pid!);

    const latencies: number[] = [];
    let missing = 0;
    for (const ack of acks) {
      for (let other = 0; other < CLIENTS; other++) {
        if (other === ack.client) continue;
        const at = arrivals.get(`${other}:${ack.paragraphId}:${ack.version}`);
        if (at === undefined) missing++;
        else latencies.push(Math.max(0, at - ack.at));
      }
    }
    for (const { channel } of caches) await channel.unsubscribe();
    for (const c of clients) {
      c.client.realtime.disconnect();
      await c.client.auth.signOut();
    }
    const cpu = cpuAfter - cpuBefore;
    const events = expected + acks.length; // every save also reaches its author
    return {
      backend,
      clients: CLIENTS,
      saves: acks.length,
      deliveries: latencies.length,
      missing,
      saveAckToOtherCaches: { p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), maxMs: round(Math.max(...latencies)) },
      saveRoundTrip: { p50Ms: round(percentile(roundTrips, 50)), p95Ms: round(percentile(roundTrips, 95)) },
      serverCpuMs: round(cpu),
      serverCpuPerEventMs: round(cpu / events),
      serverCpuPerSaveMs: round(cpu / acks.length),
    };
  } finally {
    await server.stop();
  }
}

/** Typing in Chromium while 20 rows of the same document change every second. */
export async function typingUnderLoad(): Promise<BrowserFigures> {
  const server = await startApi(undefined);
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-bench-live-'));
  let closePreview: (() => Promise<void>) | null = null;
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const { documentId, clients, page: rows, ownerEmail } = await seed(server.url);
    const previous = process.env.VITE_SUPABASE_URL;
    process.env.VITE_SUPABASE_URL = server.url;
    await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const appPort = await freePort();
    // The preview's Content-Security-Policy (connect-src) is read from the same variable.
    const vite = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { port: appPort, strictPort: true, host: '127.0.0.1' } });
    if (previous === undefined) delete process.env.VITE_SUPABASE_URL;
    else process.env.VITE_SUPABASE_URL = previous;
    closePreview = () => new Promise<void>((resolve) => vite.httpServer.close(() => resolve()));

    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${appPort}`, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill('duizhao-bench');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(os.tmpdir(), 'duizhao-bench-live-signin.png') });
      throw e;
    });
    await page.goto(`/documents/${documentId}`);
    const target = PARAGRAPHS - 2;
    await page.getByLabel('Go to paragraph').fill(String(target));
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const box = page.getByRole('textbox', { name: `Translation of paragraph ${target}`, exact: true });
    await box.click();
    await page.waitForFunction((n) => document.querySelector(`[aria-label="Translation of paragraph ${n}"][contenteditable="true"]`), target);

    // The 20 others save rows 1–20 (on screen or just above) once a second each.
    let stop = false;
    let applied = 0;
    const writers = clients.map(async (c, index) => {
      const paragraph = rows.rows[index]!;
      let version = paragraph.translations?.version ?? 0;
      await new Promise((r) => setTimeout(r, (index * 1000) / CLIENTS));
      for (let s = 0; !stop; s++) {
        const due = performance.now() + 1000;
        const { data } = await c.client.rpc('save_translation', { p_paragraph_id: paragraph.id, p_expected_version: version, p_body: null, p_text: `Remote edit ${s} by translator ${index + 1}` });
        if (data) {
          version = (data as { version: number }).version;
          applied++;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      }
    });
    await page.waitForTimeout(2000);
    await page.evaluate(() => {
      const w = window as unknown as { __keyLatency: number[] };
      w.__keyLatency = [];
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => w.__keyLatency.push(performance.now() - start), 0));
        },
        true,
      );
    });
    const appliedBefore = applied;
    const started = performance.now();
    const typed = ' and the two sides keep in close touch';
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.type(typed[i % typed.length]!);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    const seconds = (performance.now() - started) / 1000;
    const latencies = await page.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency);
    const remote = applied - appliedBefore;
    stop = true;
    await Promise.all(writers);
    for (const c of clients) c.client.realtime.disconnect();
    return {
      remoteSavesPerSecond: round(remote / seconds),
      remoteChangesApplied: remote,
      keystrokes: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs: round(Math.max(...latencies)),
    };
  } finally {
    await browser.close();
    await closePreview?.();
    await server.stop();
  }
}

export async function run(): Promise<{ fanOut: LiveFigures[]; browser: BrowserFigures | { error: string } }> {
  const out: LiveFigures[] = [await fanOut('pglite', undefined)];
  if (process.env.DATABASE_URL) out.push(await fanOut('postgres', await recreateDatabase(process.env.DATABASE_URL, 'duizhao_bench_live')));
  for (const f of out) {
    console.log(
      `[${f.backend}] ${f.clients} clients, ${f.saves} saves: save acknowledged → in the other clients' caches p50 ${f.saveAckToOtherCaches.p50Ms} ms, p95 ${f.saveAckToOtherCaches.p95Ms} ms (max ${f.saveAckToOtherCaches.maxMs} ms; ${f.deliveries} deliveries, ${f.missing} missing); server CPU ${f.serverCpuPerEventMs} ms per delivered event (${f.serverCpuPerSaveMs} ms per save)`,
    );
  }
  let browser: BrowserFigures | { error: string };
  try {
    const b = await typingUnderLoad();
    browser = b;
    console.log(`[browser] ${b.keystrokes} keystrokes while ${b.remoteSavesPerSecond} remote saves/s arrive: keystroke-to-paint p50 ${b.p50Ms} ms, p95 ${b.p95Ms} ms (max ${b.maxMs} ms)`);
  } catch (e) {
    browser = { error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    console.log(`[browser] not measured: ${browser.error}`);
  }
  return { fanOut: out, browser };
}

if (isMain(import.meta.url)) {
  run()
    .then((figs) => {
      console.log(JSON.stringify(figs, null, 2));
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
