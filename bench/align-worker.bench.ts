/**
 * The aligner as the alignment screen runs it: in a Web Worker, in Chromium, on 10,000 × 10,000
 * synthetic paragraphs (bench/align.bench.ts's bitext). Builds bench/align-worker/ with Vite,
 * serves it, and reports:
 *   - the worker round trip (compute plus transfers), converting links to rows, first render of
 *     the editor with all rows, and an edit (merge, then undo) to the next paint;
 *   - every main-thread long task (PerformanceObserver 'longtask', tasks over 50 ms) from posting
 *     the request to after that edit, and the longest gap between animation frames while aligning;
 *   - for contrast, the same alignment on the main thread (one task that long).
 *
 *   npx tsx bench/align-worker.bench.ts
 *
 * `run()` returns the figures; it never asserts.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { syntheticBitext } from './align.bench.ts';
import type { PageFigures } from './align-worker/main.tsx';
import { CHROMIUM_LAUNCH, freePort, isMain } from './lib.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = 'bench/align-worker/index.html';
const PARAGRAPHS = 10_000;

export interface AlignWorkerFigures extends PageFigures {
  /** The CC-CEDICT translation table's chunk as built: what the worker fetches the first time it aligns. */
  dictionaryChunk: { file: string; bytes: number; gzipBytes: number };
  target: { noMainThreadTaskOver50Ms: boolean; roundTripUnder600Ms: boolean };
}

/** The built chunk holding the translation table: the module whose default export is the table's text
 * (a string literal or, as newer minifiers write it, a template literal with real line breaks). */
async function dictionaryChunk(outDir: string): Promise<AlignWorkerFigures['dictionaryChunk']> {
  const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const text = await readFile(path.join(outDir, file));
    if (!/^[^"`]{0,200}["`]duizhao-translation-table 1(?:\\n|\n)/.test(text.toString('utf8', 0, 400))) continue;
    return { file: path.basename(file), bytes: text.length, gzipBytes: gzipSync(text, { level: 9 }).length };
  }
  throw new Error('the build has no translation-table chunk');
}


export async function run(paragraphs = PARAGRAPHS): Promise<AlignWorkerFigures> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-align-bench-'));
  const port = await freePort();
  let chunk: AlignWorkerFigures['dictionaryChunk'];
  try {
    await build({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(ROOT, PAGE) } },
    });
    chunk = await dictionaryChunk(outDir);
  } catch (e) {
    await rm(outDir, { recursive: true, force: true });
    throw e;
  }
  const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/${PAGE}`);
    await page.waitForFunction(() => typeof window.alignBench === 'function');
    const { zh, en } = syntheticBitext(paragraphs, 20261124);
    const figures = await page.evaluate(([z, e]) => window.alignBench(z, e), [zh, en] as const);
    if (errors.length > 0) throw new Error(`the benchmark page failed: ${errors.join('; ')}`);
    return {
      ...figures,
      dictionaryChunk: chunk,
      target: { noMainThreadTaskOver50Ms: figures.longTasks.count === 0, roundTripUnder600Ms: figures.workerRoundTripMs < 600 },
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await rm(outDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const figures = await run();
  const { durationsMs: _durations, ...longTasks } = figures.longTasks;
  console.log(JSON.stringify({ ...figures, longTasks }, null, 2));
  if (figures.longTasks.durationsMs.length > 0) console.log(`long tasks (ms): ${figures.longTasks.durationsMs.join(', ')}`);
}
