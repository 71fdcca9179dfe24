/**
 * Workspace benchmark: a generated 10,000-paragraph document in Chromium.
 *
 *   npx tsx bench/workspace.bench.ts
 *
 * Starts its own stack (in-memory database) and a production build of the app, creates a user,
 * a project and the document through the API (admin endpoints with the service key, then
 * import_document as the new owner), and measures:
 *   - time from navigation to the first rows on screen, and until every page of rows is loaded
 *   - DOM element count and JS heap once loaded
 *   - frame times while scrolling through the grid
 *   - keystroke-to-paint latency while typing into row 5,000
 *   - gzip size of the entry bundle (script + modulepreloads + CSS) and of each lazy chunk,
 *     and whether tiptap stayed out of the entry.
 * Targets: first rows < 1 s, < 3,000 elements, p95 keystroke < 50 ms, entry < 200 kB gzip.
 * `run()` returns the figures; it never asserts.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../server/src/config.ts';
import { startStack } from '../server/src/stack.ts';
import { CHROMIUM_LAUNCH, freePort, isMain, percentile } from './lib.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARAGRAPHS = 10_000;
const TYPING_ROW = 5_000;
const KEYSTROKES = 40;
const SCROLL_FRAMES = 240;

export interface BundleFigures {
  entryGzipKb: number;
  entryFiles: { file: string; gzipKb: number }[];
  lazyChunks: { file: string; gzipKb: number }[];
  tiptapInEntry: boolean;
  editorChunkGzipKb: number | null;
}

export interface WorkspaceFigures {
  paragraphs: number;
  firstRowsVisibleMs: number;
  allRowsLoadedMs: number;
  domElements: number;
  jsHeapMb: number;
  scroll: { frames: number; p50Ms: number; p95Ms: number; maxMs: number; over50Ms: number };
  keystrokeToPaint: { row: number; keystrokes: number; p50Ms: number; p95Ms: number; maxMs: number };
  bundle: BundleFigures;
  targets: { firstRowsUnder1s: boolean; elementsUnder3000: boolean; keystrokeP95Under50ms: boolean; entryUnder200kB: boolean };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;


async function api(url: string, init: RequestInit & { key?: string; token?: string } = {}) {
  const { key = DEMO_ANON_KEY, token, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { apikey: key, Authorization: `Bearer ${token ?? key}`, 'Content-Type': 'application/json', ...(rest.headers ?? {}) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${rest.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Paragraph texts cycled from the sample declaration, with a section heading every 50 rows. */
async function generatedDocument() {
  const sample = await readFile(path.join(ROOT, 'supabase/seed-data/000_6c702e8dc57f7cba.txt'), 'utf8');
  const bodies = sample
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\u3000\u00a0 ]+/, '').trim())
    .filter((l) => l.length > 30 && !l.startsWith('关键词'));
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
    const position = i + 1;
    if (position % 50 === 1) return { position, kind: 'heading', text: `第${Math.ceil(position / 50)}部分` };
    return { position, kind: 'body', text: `${bodies[i % bodies.length]!}（第${position}段）` };
  });
  return {
    title: `基准文档：一万段（${new Date().toISOString().slice(0, 19)}）`,
    published_on: '2014-05-20',
    keywords: ['基准', '性能'],
    collection: '习近平系列重要讲话数据库',
    source_line: null,
    metadata: {},
    paragraphs,
  };
}

/** Creates a user, a project and the 10,000-paragraph document on the API at `apiUrl`. */
export async function seed(apiUrl: string) {
  const email = `bench-${Date.now().toString(36)}@example.com`;
  const password = 'duizhao-bench';
  await api(`${apiUrl}/auth/v1/admin/users`, {
    method: 'POST',
    key: DEMO_SERVICE_ROLE_KEY,
    body: JSON.stringify({ email, password, email_confirm: true, user_metadata: { display_name: 'Bench' } }),
  });
  const session = (await api(`${apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  })) as { access_token: string };
  const token = session.access_token;
  const [project] = (await api(`${apiUrl}/rest/v1/projects`, {
    method: 'POST',
    token,
    headers: { Prefer: 'return=representation' },
    body: JSON.stringify({ name: 'Benchmark', description: 'A generated long document' }),
  })) as { id: string }[];
  const documentId = (await api(`${apiUrl}/rest/v1/rpc/import_document`, {
    method: 'POST',
    token,
    body: JSON.stringify({ p_project_id: project!.id, p_document: await generatedDocument() }),
  })) as string;

  // Translate the rows around the typing target, so the measured rows hold rich text.
  const rows = (await api(
    `${apiUrl}/rest/v1/paragraphs?select=id,position,translations(version)&document_id=eq.${documentId}&position=gte.${TYPING_ROW - 20}&position=lte.${TYPING_ROW + 20}`,
    { token },
  )) as { id: string; position: number; translations: { version: number } | { version: number }[] }[];
  await Promise.all(
    rows.map((r) => {
      const t = Array.isArray(r.translations) ? r.translations[0]! : r.translations;
      const text = `The two sides will keep close exchanges between their leaders (row ${r.position}).`;
      return api(`${apiUrl}/rest/v1/rpc/save_translation`, {
        method: 'POST',
        token,
        body: JSON.stringify({
          p_paragraph_id: r.id,
          p_expected_version: t.version,
          p_body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'italic' }] }] }] },
          p_text: text,
        }),
      });
    }),
  );
  return { email, password, documentId };
}

async function measureBundle(outDir: string): Promise<BundleFigures> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const entryRefs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gz = async (rel: string) => gzipSync(await readFile(path.join(outDir, rel))).length / 1024;
  const entryFiles = await Promise.all(entryRefs.map(async (file) => ({ file, gzipKb: round(await gz(file)) })));
  const all = (await readdir(path.join(outDir, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const lazyChunks = (await Promise.all(all.filter((f) => !entryRefs.includes(f)).map(async (file) => ({ file, gzipKb: round(await gz(file)) })))).sort(
    (a, b) => b.gzipKb - a.gzipKb,
  );
  const entryText = (await Promise.all(entryRefs.filter((f) => f.endsWith('.js')).map((f) => readFile(path.join(outDir, f), 'utf8')))).join('\n');
  const editorChunk = lazyChunks.find((c) => c.file.includes('rich-text-editor'));
  return {
    entryGzipKb: round(entryFiles.reduce((s, f) => s + f.gzipKb, 0)),
    entryFiles,
    lazyChunks,
    // ProseMirror's view class names only appear where tiptap's code is.
    tiptapInEntry: /ProseMirror-focused|prosemirror/i.test(entryText),
    editorChunkGzipKb: editorChunk?.gzipKb ?? null,
  };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
}

/** The browser-side figures, against an app already serving at `appUrl`. */
export async function measureWorkspace(appUrl: string, user: { email: string; password: string; documentId: string }) {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    // Warm the HTTP cache for the route chunks as a returning user would have it.
    await page.goto(`/documents/${user.documentId}`);
    await page.locator('[data-testid="workspace-scroll"][aria-busy="false"]').waitFor({ timeout: 180_000 });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    // The database serves one request at a time: start measuring with no request in flight.
    await page.waitForLoadState('networkidle');

    // Records when the first row and the last page of rows appear, relative to navigation start.
    await page.addInitScript(`(() => {
      const marks = (window.__benchMarks = {});
      const check = () => {
        if (!marks.firstRow && document.querySelector('[role="group"][aria-label="Paragraph 1"]')) marks.firstRow = performance.now();
        if (!marks.allRows && document.querySelector('[data-testid="workspace-scroll"][aria-busy="false"]')) marks.allRows = performance.now();
      };
      new MutationObserver(() => check()).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    })();`);
    await page.goto(`/documents/${user.documentId}`);
    await page.getByRole('group', { name: 'Paragraph 1', exact: true }).waitFor();
    const firstRowsVisibleMs = await page.evaluate(() => (window as unknown as { __benchMarks: { firstRow: number } }).__benchMarks.firstRow);
    // The grid is aria-busy while later pages of rows are arriving.
    await page.locator('[data-testid="workspace-scroll"][aria-busy="false"]').waitFor({ timeout: 180_000 });
    const allRowsLoadedMs = await page.evaluate(() => (window as unknown as { __benchMarks: { allRows: number } }).__benchMarks.allRows);

    const goTo = async (n: number) => {
      await page.getByLabel('Go to paragraph').fill(String(n));
      await page.getByRole('button', { name: 'Go', exact: true }).click();
      await page.getByRole('group', { name: `Paragraph ${n}`, exact: true }).waitFor();
    };
    await goTo(PARAGRAPHS);
    await goTo(1);
    await page.waitForTimeout(500);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const domElements = await page.evaluate(() => document.getElementsByTagName('*').length);

    // Scroll frame times: move the grid by 180 px per frame and record each frame's duration.
    const frames = await page.evaluate(async (count) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="workspace-scroll"]')!;
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < count; i++) {
        await new Promise<void>((resolve) =>
          requestAnimationFrame(() => {
            scroller.scrollTop += 180;
            resolve();
          }),
        );
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.slice(1);
    }, SCROLL_FRAMES);

    // Keystroke-to-paint in row 5,000: time from keydown to the frame after the DOM change.
    await goTo(TYPING_ROW);
    const box = page.getByRole('textbox', { name: `Translation of paragraph ${TYPING_ROW}`, exact: true });
    await box.click();
    await page.waitForFunction((n) => document.querySelector(`[aria-label="Translation of paragraph ${n}"][contenteditable="true"]`), TYPING_ROW);
    await page.keyboard.press('End');
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
    const typed = ' and keep in close touch';
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.type(typed[i % typed.length]!);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    const latencies = await page.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency);
    // Let the autosave finish so the run leaves nothing unsent behind.
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 }).catch(() => undefined);

    return {
      firstRowsVisibleMs: round(firstRowsVisibleMs),
      allRowsLoadedMs: round(allRowsLoadedMs),
      domElements,
      jsHeapMb: round(usedSize / 1024 / 1024),
      scroll: {
        frames: frames.length,
        p50Ms: round(percentile(frames, 50)),
        p95Ms: round(percentile(frames, 95)),
        maxMs: round(Math.max(...frames)),
        over50Ms: frames.filter((f) => f > 50).length,
      },
      keystrokeToPaint: {
        row: TYPING_ROW,
        keystrokes: latencies.length,
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        maxMs: round(Math.max(...latencies)),
      },
    };
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<WorkspaceFigures> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-bench-dist-'));
  const stack = await startStack({ port: 0, dataDir: 'memory://' });
  let closePreview: (() => Promise<void>) | null = null;
  try {
    const previous = process.env.VITE_SUPABASE_URL;
    process.env.VITE_SUPABASE_URL = stack.url;
    await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    if (previous === undefined) delete process.env.VITE_SUPABASE_URL;
    else process.env.VITE_SUPABASE_URL = previous;
    const appPort = await freePort();
    const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { port: appPort, strictPort: true, host: '127.0.0.1' } });
    closePreview = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    const appUrl = `http://127.0.0.1:${appPort}`;

    const bundle = await measureBundle(outDir);
    const user = await seed(stack.url);
    const figures = await measureWorkspace(appUrl, user);
    return {
      paragraphs: PARAGRAPHS,
      ...figures,
      bundle,
      targets: {
        firstRowsUnder1s: figures.firstRowsVisibleMs < 1000,
        elementsUnder3000: figures.domElements < 3000,
        keystrokeP95Under50ms: figures.keystrokeToPaint.p95Ms < 50,
        entryUnder200kB: bundle.entryGzipKb < 200 && !bundle.tiptapInEntry,
      },
    };
  } finally {
    await closePreview?.();
    await stack.stop();
    if ((await stat(outDir).catch(() => null))?.isDirectory()) await rm(outDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const figures = await run();
  console.log(JSON.stringify(figures, null, 2));
}
