/**
 * Import parser benchmark: parse time and peak memory for the sample and for generated 20 MB
 * exports (UTF-8 and GB18030), each with the duplicated body the real exports carry.
 *
 *   npx tsx bench/import.bench.ts
 *
 * Each case runs in a child process (node --expose-gc) that only reads the file and parses it,
 * so its peak RSS is the parser's and not the generator's. `run()` returns the figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parseDocument } from '../src/domain/import/index.ts';
import { isMain } from './lib.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const SAMPLE = path.join(ROOT, 'supabase/seed-data/000_6c702e8dc57f7cba.txt');
const TARGET_BYTES = 20 * 1000 * 1000;
const MB = 1024 * 1024;

export interface ImportBenchFigures {
  name: string;
  bytes: number;
  paragraphs: number;
  /** Median wall time of parseDocument over `runs` runs. */
  parseMs: number;
  /** The first, cold run (no JIT warm-up). */
  firstParseMs: number;
  runs: number;
  /** Peak RSS during the first parse above the RSS before the file was read (so including the file's bytes), in MB. */
  peakExtraMb: number;
  /** peakExtraMb relative to the file size. */
  peakPerFileSize: number;
}

// Phrase pools for synthetic joint-statement prose; combined with numbers so paragraphs rarely repeat.
const SUBJECTS = ['双方', '中方', '哈方', '两国政府', '各方', '有关部门', '地方政府', '两国企业', '科研机构', '金融机构', '两国青年', '边境省区'];
const VERBS = ['将继续加强', '同意深化', '愿积极推动', '决定扩大', '支持', '高度评价', '一致认为应当完善', '商定共同建设', '鼓励开展', '将认真落实'];
const OBJECTS = [
  '在能源领域的务实合作', '跨境基础设施互联互通', '人文交流和青年往来', '农业科技合作', '口岸通关便利化', '金融监管合作',
  '数字经济和电子商务合作', '生态环境保护合作', '防灾减灾合作', '旅游合作', '跨界河流水资源合理利用', '卫生健康领域的交流',
];
const TAILS = ['，实现互利共赢', '，推动双边关系不断向前发展', '，为两国人民带来更多福祉', '，并为此建立定期会晤机制', '', '，确保各项成果落到实处'];
const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function numeral(n: number): string {
  if (n < 10) return NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : NUMERALS[tens]}十${NUMERALS[n % 10]}`;
}

function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return (index: number) => {
    const sentences = 1 + Math.floor(next() * 5);
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) {
      const year = 2014 + Math.floor(next() * 20);
      parts.push(`${pick(SUBJECTS)}${pick(VERBS)}${pick(OBJECTS)}，力争在${year}年前完成第${index % 97 + s + 1}批项目${pick(TAILS)}。`);
    }
    return parts.join('');
  };
}

/** An export-format document whose encoded size is about `targetBytes`, half of it the repeated body. */
export function generateExport(targetBytes: number, encode: (text: string) => Uint8Array): Uint8Array {
  const paragraph = generator(20140520);
  const lines: string[] = [];
  let size = 0;
  let section = 0;
  // Each line costs its bytes twice (body and copy) plus three line ends.
  for (let i = 0; size < targetBytes - 2000; i++) {
    const line = i % 20 === 0 && section < 99 ? `\u3000\u3000${numeral(++section)}` : `\u3000\u3000${paragraph(i)}`;
    lines.push(line);
    size += 2 * encode(line).length + 3;
  }
  lines.push('\u3000\u3000中华人民共和国\u3000\u3000\u00a0哈萨克斯坦共和国', '\u3000\u3000二〇一四年五月十九日于上海\u00a0', '\u3000\u3000（新华社上海5月19日电）\u00a0');
  const header = ['关键词：', '双方 合作 发展 ', '', '习近平系列重要讲话数据库', '', '合成的基准测试文件', '', '发布时间：2014-05-20', '', ''];
  return encode(`${header.join('\n')}${lines.join('\n\n')}\n\n${lines.join('\n')}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Child side: read the file, parse it `runs` times, report time and peak memory as JSON. */
function measure(file: string, runs: number): void {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const bytes = new Uint8Array(readFileSync(file));
  const times: number[] = [];
  let paragraphs = 0;
  let peak = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    paragraphs = parseDocument(bytes).paragraphs.length;
    times.push(performance.now() - start);
    // Peak of the first run only: later runs also hold the garbage of earlier ones.
    if (r === 0) peak = process.resourceUsage().maxRSS * 1024;
  }
  console.log(JSON.stringify({ bytes: bytes.length, paragraphs, parseMs: median(times), firstMs: times[0], peakExtra: peak - rssBefore }));
}

function measureInChild(name: string, file: string, runs: number): ImportBenchFigures {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--measure', file, String(runs)], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${name}: ${child.stderr.trim()}`);
  const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    bytes: number; paragraphs: number; parseMs: number; firstMs: number; peakExtra: number;
  };
  return {
    name,
    bytes: figures.bytes,
    paragraphs: figures.paragraphs,
    parseMs: Math.round(figures.parseMs * 10) / 10,
    firstParseMs: Math.round(figures.firstMs * 10) / 10,
    runs,
    peakExtraMb: Math.round((figures.peakExtra / MB) * 10) / 10,
    peakPerFileSize: Math.round((figures.peakExtra / figures.bytes) * 10) / 10,
  };
}

export async function run(): Promise<ImportBenchFigures[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'duizhao-import-bench-'));
  try {
    const utf8File = path.join(dir, 'export-utf8.txt');
    writeFileSync(utf8File, generateExport(TARGET_BYTES, (text) => new TextEncoder().encode(text)));
    const gbFile = path.join(dir, 'export-gb18030.txt');
    writeFileSync(gbFile, generateExport(TARGET_BYTES, (text) => iconv.encode(text, 'gb18030')));
    return [
      measureInChild('sample (22 KB, UTF-8)', SAMPLE, 51),
      measureInChild('generated 20 MB export, UTF-8', utf8File, 5),
      measureInChild('generated 20 MB export, GB18030', gbFile, 5),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(figures: readonly ImportBenchFigures[]): void {
  console.log('import parser: parse time and peak memory above the baseline (one process per case)');
  for (const f of figures) {
    console.log(
      `  ${f.name.padEnd(34)} ${(f.bytes / MB).toFixed(2).padStart(6)} MB  ${String(f.paragraphs).padStart(6)} paragraphs  ` +
        `median ${f.parseMs.toFixed(1).padStart(7)} ms (first ${f.firstParseMs.toFixed(1)} ms)  ` +
        `peak +${f.peakExtraMb.toFixed(1)} MB (${f.peakPerFileSize}× file size)`,
    );
  }
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--measure');
  if (at !== -1) measure(process.argv[at + 1]!, Number(process.argv[at + 2] ?? 1));
  else {
    run().then(print, (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
