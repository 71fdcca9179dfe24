// Benchmark page: the alignment screen's own code path (worker client → rows → editor render →
// an edit), timed in the browser with a long-task observer on the main thread.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { createHistory } from '../../src/features/align/history.ts';
import { align, toRows } from '../../src/domain/align/index.ts';
import { I18nProvider } from '../../src/i18n/i18n.tsx';
import { AlignWorkerClient } from '../../src/workers/align-client.ts';
import { AlignmentEditor } from '../../src/features/align/alignment-editor.tsx';
import type { ChineseParagraph } from '../../src/features/align/alignment-row.tsx';
import '../../src/app/styles.css';
import '../../src/features/align/align.css';

export interface PageFigures {
  zh: number;
  en: number;
  rows: number;
  /** A first, small alignment: starting the worker and fetching and reading the dictionary chunk (once per worker). */
  dictionaryLoadMs: number;
  /**
   * postMessage to result back on the main thread (worker compute plus both transfers), with the
   * CC-CEDICT dictionary and its second pass, as the screen aligns: the first 10,000-paragraph
   * alignment of the worker, and a second one (re-aligning).
   */
  workerRoundTripMs: number;
  workerRoundTripAgainMs: number;
  toRowsMs: number;
  firstRenderMs: number;
  mergeToPaintMs: number;
  undoToPaintMs: number;
  /** Longest gap between animation frames while the worker aligned: the page kept painting. */
  maxFrameGapDuringAlignMs: number;
  /** Main-thread tasks over 50 ms (the long-task threshold) from the request to after the edit. */
  longTasks: { count: number; maxMs: number; durationsMs: number[] };
  /** The same alignment run on the main thread instead (without the dictionary), for comparison (one task this long). */
  mainThreadAlignMs: number;
}

declare global {
  interface Window {
    alignBench: (zh: string[], en: string[]) => Promise<PageFigures>;
  }
}

const nextPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
const round = (n: number) => Math.round(n * 10) / 10;

/** What the screen already shows before aligning (title, English form): styles and fonts are in use. */
async function warmUp(zh: string, en: string) {
  const shell = document.createElement('div');
  for (const [tag, className, lang, text] of [
    ['h1', '', 'zh-CN', zh],
    ['p', 'align-zh', 'zh-CN', zh],
    ['p', 'align-en', 'en', en],
  ] as const) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.lang = lang;
    el.textContent = text;
    shell.append(el);
  }
  document.body.prepend(shell);
  await document.fonts.ready;
  await nextPaint();
  shell.remove();
}

window.alignBench = async (zh, en) => {
  await warmUp(zh[0] ?? '', en[0] ?? '');
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });

  const client = new AlignWorkerClient();
  let lastFrame = performance.now();
  let maxGap = 0;
  let aligning = true;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastFrame);
    lastFrame = now;
    if (aligning) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const d0 = performance.now();
  await client.align(zh.slice(0, 20), en.slice(0, 20));
  const dictionaryLoadMs = performance.now() - d0;
  const t0 = performance.now();
  const result = await client.align(zh, en);
  const t1 = performance.now();
  await client.align(zh, en);
  const againMs = performance.now() - t1;
  aligning = false;
  // The screen turns the result into rows and renders them in later tasks (a React state update).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const r0 = performance.now();
  const rows = toRows(result.links);
  const t2 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));

  const paragraphs: ChineseParagraph[] = zh.map((text, i) => ({ id: `p${i}`, position: i + 1, kind: 'body', text }));
  const root = createRoot(document.getElementById('root')!);
  const queryClient = new QueryClient();
  flushSync(() =>
    root.render(
      <I18nProvider locale="en">
        <QueryClientProvider client={queryClient}>
          <RouterProvider
            router={createMemoryRouter([
              {
                path: '/',
                element: (
                  <AlignmentEditor
                    documentId="bench"
                    userId="bench"
                    zh={paragraphs}
                    initialHistory={createHistory({ rows, en, selected: 0 })}
                    restoredAt={null}
                    client={client}
                    confirmedPairs={[]}
                    existing={new Map()}
                    onDiscard={() => undefined}
                  />
                ),
              },
            ])}
          />
        </QueryClientProvider>
      </I18nProvider>,
    ),
  );
  const t3 = await nextPaint();
  const renderStart = t2;

  const row = document.querySelector<HTMLElement>('[data-row-index="0"]')!;
  const press = (key: string, init: KeyboardEventInit = {}) => row.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  const m0 = performance.now();
  press('m');
  const m1 = await nextPaint();
  const u0 = performance.now();
  press('z', { ctrlKey: true });
  const u1 = await nextPaint();

  // Let late long tasks report before reading them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  observer.disconnect();
  client.dispose();

  const s0 = performance.now();
  align(zh, en);
  const mainThreadAlignMs = performance.now() - s0;

  return {
    zh: zh.length,
    en: en.length,
    rows: rows.length,
    dictionaryLoadMs: round(dictionaryLoadMs),
    workerRoundTripMs: round(t1 - t0),
    workerRoundTripAgainMs: round(againMs),
    toRowsMs: round(t2 - r0),
    firstRenderMs: round(t3 - renderStart),
    mergeToPaintMs: round(m1 - m0),
    undoToPaintMs: round(u1 - u0),
    maxFrameGapDuringAlignMs: round(maxGap),
    longTasks: {
      count: longTasks.length,
      maxMs: round(Math.max(0, ...longTasks)),
      durationsMs: longTasks.map(round),
    },
    mainThreadAlignMs: round(mainThreadAlignMs),
  };
};
