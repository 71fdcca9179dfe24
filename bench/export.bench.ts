/**
 * Export benchmark: time and peak memory to write a 10,000-paragraph document (every paragraph
 * translated or drafted, a note on every tenth) in each format. Target: < 2 s and < 200 MB peak.
 *
 *   npx tsx bench/export.bench.ts
 *
 * Each format runs in a child process (node --expose-gc) that builds the document, then renders it
 * once cold and a few times warm; the peak is the child's highest RSS above what it held before
 * rendering (the document itself included in the baseline), and its whole peak RSS.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS, renderExport, type ExportFormat, type TextLayout } from '../src/domain/interop/index.ts';
import { OPTIONS, syntheticExport } from '../src/domain/interop/fixtures/sample-export.ts';
import { isMain } from './lib.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const PARAGRAPHS = 10_000;
const MB = 1024 * 1024;

export interface ExportBenchFigures {
  format: string;
  paragraphs: number;
  bytes: number;
  /** The first render, cold. */
  firstMs: number;
  /** Median of the warm renders. */
  medianMs: number;
  /** CPU time of the median warm render (user + system, all threads): what the wall time is on an idle machine. */
  medianCpuMs: number;
  /** Highest RSS above the RSS before the first render, in MB. */
  peakExtraMb: number;
  /** Highest RSS of the whole process, in MB. */
  peakRssMb: number;
}

interface Case {
  format: ExportFormat;
  layout?: TextLayout;
}

const CASES: Case[] = EXPORT_FORMATS.flatMap((format): Case[] =>
  format === 'docx' || format === 'txt' || format === 'md' ? [{ format, layout: 'bilingual' as const }, { format, layout: 'english' as const }] : [{ format }],
);

async function measure(format: ExportFormat, layout: TextLayout | undefined, runs: number): Promise<void> {
  const doc = syntheticExport(PARAGRAPHS);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  let peak = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const files = await renderExport(doc, { ...OPTIONS, format, layout });
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    bytes = files.reduce((n, f) => n + (typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.length), 0);
    if (r === 0) peak = process.resourceUsage().maxRSS * 1024;
  }
  const median = (values: number[]) => values.slice(1).sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? values[0]!;
  console.log(JSON.stringify({ bytes, firstMs: times[0], medianMs: median(times), medianCpuMs: median(cpu), peakExtra: peak - before, peak }));
}

function measureInChild(format: ExportFormat, layout: TextLayout | undefined, runs: number): ExportBenchFigures {
  const args = ['--expose-gc', '--import', 'tsx', SELF, '--measure', format, layout ?? '-', String(runs)];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${format}: ${child.stderr.trim()}`);
  const f = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { bytes: number; firstMs: number; medianMs: number; medianCpuMs: number; peakExtra: number; peak: number };
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    format: layout ? `${format} (${layout})` : format,
    paragraphs: PARAGRAPHS,
    bytes: f.bytes,
    firstMs: round(f.firstMs),
    medianMs: round(f.medianMs),
    medianCpuMs: round(f.medianCpuMs),
    peakExtraMb: round(f.peakExtra / MB),
    peakRssMb: round(f.peak / MB),
  };
}

export async function run(): Promise<ExportBenchFigures[]> {
  return CASES.map(({ format, layout }) => measureInChild(format, layout, 4));
}

if (process.argv[2] === '--measure') {
  const [, , , format, layout, runs] = process.argv;
  await measure(format as ExportFormat, layout === '-' ? undefined : (layout as TextLayout), Number(runs));
} else if (isMain(import.meta.url)) {
  console.table(await run());
}
