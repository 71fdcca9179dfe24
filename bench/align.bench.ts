// Time and memory of the paragraph aligner on synthetic documents (1,000 × 1,000 and 10,000 × 10,000).
//   npx tsx bench/align.bench.ts          (add --expose-gc via NODE_OPTIONS for steadier heap figures)
// The English side is re-paragraphed like an official translation: about 4% of paragraphs split,
// 3% merged with the next one and 1% dropped, so the search cannot ride the diagonal.

import { align, alignSentences, strictScore, type LinkSpec } from '../src/domain/align/index.ts';
import { DEV_DOCUMENTS, HELD_OUT_DOCUMENTS, loadBitext } from '../src/domain/align/fixtures/dev-set.ts';
import { seededRandom } from '../src/domain/align/fixtures/perturb.ts';
import { nodeTranslationTable } from '../scripts/lib/dictionary.ts';
import { isMain } from './lib.ts';

export interface AlignBenchFigure {
  /** Word evidence: the CC-CEDICT dictionary with its second pass (as the app aligns), the built-in lexicon, or none. */
  words: 'dictionary' | 'lexicon' | 'none';
  zh: number;
  en: number;
  ms: number;
  /** Best of the timed runs. */
  bestMs: number;
  /** Median CPU time of the process during a run (steadier than wall time on a busy machine). */
  cpuMs: number;
  /** Growth of V8 heap plus ArrayBuffers across one run, before garbage collection. */
  allocatedMb: number;
  /** Of which typed arrays (the search's cells and the prefix sums), also before garbage collection. */
  typedArraysMb: number;
  /** Peak resident set size of the process so far, and its resident set size before the timed runs. */
  peakRssMb: number;
  baseRssMb: number;
  links: number;
  /** Strict F1 against the synthetic gold links (a check that the banded search loses nothing). */
  strictF1: number;
}

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const WORDS = ['the', 'two', 'sides', 'will', 'cooperation', 'development', 'between', 'countries', 'further', 'strengthen',
  'support', 'regional', 'economic', 'and', 'of', 'in', 'to', 'promote', 'mutual', 'trust', 'security', 'framework'];

export function syntheticBitext(n: number, seed: number): { zh: string[]; en: string[]; gold: LinkSpec[] } {
  const random = seededRandom(seed);
  const zh: string[] = [];
  const en: string[] = [];
  const gold: LinkSpec[] = [];
  const zhParagraph = (length: number, year: number | null): string => {
    let text = '';
    for (let i = 0; i < length; i++) text += HAN[Math.floor(random() * HAN.length)];
    return year === null ? text + '。' : `${text.slice(0, length >> 1)}${year}年${text.slice(length >> 1)}。`;
  };
  const enParagraph = (chars: number, year: number | null): string => {
    const words: string[] = [];
    let length = 0;
    while (length < chars) {
      const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'and';
      words.push(word);
      length += word.length + 1;
    }
    if (year !== null) words.splice(words.length >> 1, 0, `in ${year}`);
    return words.join(' ') + '.';
  };
  let merging: { zh: number; text: string } | null = null;
  for (let i = 0; i < n; i++) {
    const length = 15 + Math.floor(random() * 150);
    const year = random() < 0.2 ? 1990 + Math.floor(random() * 35) : null;
    zh.push(zhParagraph(length, year));
    const english = enParagraph(Math.max(8, Math.round(length * 4.6 * (0.8 + 0.4 * random()))), year);
    const roll = random();
    if (merging !== null) {
      // The previous Chinese paragraph and this one share one English paragraph.
      en.push(`${merging.text} ${english}`);
      gold.push({ zh: [merging.zh, i], en: [en.length - 1] });
      merging = null;
    } else if (roll < 0.01) {
      gold.push({ zh: [i], en: [] });
    } else if (roll < 0.04 && i + 1 < n) {
      merging = { zh: i, text: english };
    } else if (roll < 0.08) {
      const cut = english.indexOf(' ', english.length >> 1);
      en.push(english.slice(0, cut) + '.', english.slice(cut + 1));
      gold.push({ zh: [i], en: [en.length - 2, en.length - 1] });
    } else {
      en.push(english);
      gold.push({ zh: [i], en: [en.length - 1] });
    }
  }
  return { zh, en, gold };
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(n: number, runs: number, words: AlignBenchFigure['words'] = 'dictionary'): AlignBenchFigure {
  const options = words === 'dictionary' ? { dictionary: nodeTranslationTable() } : { lexicon: words === 'lexicon' };
  const { zh, en, gold } = syntheticBitext(n, n);
  align(zh.slice(0, 200), en.slice(0, 200), options); // warm up the JIT
  collect();
  const baseRss = process.memoryUsage().rss;
  const times: number[] = [];
  const cpu: number[] = [];
  let allocated = 0;
  let typed = 0;
  let links: LinkSpec[] = [];
  for (let r = 0; r < runs; r++) {
    collect();
    const before = process.memoryUsage();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = align(zh, en, options);
    const cpuUsed = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    const after = process.memoryUsage();
    allocated = Math.max(allocated, after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers);
    typed = Math.max(typed, after.arrayBuffers - before.arrayBuffers);
    links = result.links;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    words,
    zh: zh.length,
    en: en.length,
    ms: Math.round(times[times.length >> 1] ?? 0),
    bestMs: Math.round(times[0] ?? 0),
    cpuMs: Math.round(cpu[cpu.length >> 1] ?? 0),
    allocatedMb: megabytes(allocated),
    typedArraysMb: megabytes(typed),
    peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
    baseRssMb: megabytes(baseRss),
    links: links.length,
    strictF1: Math.round(strictScore(links, gold).f1 * 1000) / 1000,
  };
}

export interface SentenceBenchFigure {
  paragraphs: { zh: number; en: number };
  sentences: { zh: number; en: number };
  ms: number;
  cpuMs: number;
}

/**
 * Sentence level as the CLI and the editor run it: the official documents one after another (and
 * again from the first, to reach 300 Chinese paragraphs), aligned by paragraph with the dictionary,
 * then sentence by sentence inside each link.
 */
export function measureSentences(runs: number): SentenceBenchFigure {
  const zh: string[] = [];
  const en: string[] = [];
  const documents = [...DEV_DOCUMENTS, ...HELD_OUT_DOCUMENTS];
  for (let k = 0; zh.length < 300; k++) {
    const bitext = loadBitext(documents[k % documents.length]!);
    zh.push(...bitext.zh);
    en.push(...bitext.en);
  }
  const options = { dictionary: nodeTranslationTable() };
  alignSentences(zh.slice(0, 40), en.slice(0, 40), options);
  const times: number[] = [];
  const cpu: number[] = [];
  let result = alignSentences(zh, en, options);
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = alignSentences(zh, en, options);
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    paragraphs: { zh: zh.length, en: en.length },
    sentences: { zh: result.zh.length, en: result.en.length },
    ms: Math.round(times[times.length >> 1] ?? 0),
    cpuMs: Math.round(cpu[cpu.length >> 1] ?? 0),
  };
}

export function run(): { paragraphs: AlignBenchFigure[]; sentences: SentenceBenchFigure } {
  return {
    paragraphs: [measure(1_000, 7), measure(10_000, 5), measure(10_000, 5, 'lexicon'), measure(10_000, 3, 'none')],
    sentences: measureSentences(5),
  };
}

if (isMain(import.meta.url)) {
  const figures = run();
  for (const f of figures.paragraphs) {
    console.log(
      `align ${f.zh} × ${f.en} (${f.words}): median ${f.ms} ms (best ${f.bestMs} ms, CPU ${f.cpuMs} ms), ` +
        `allocated ${f.allocatedMb} MB (heap + ArrayBuffers, one run, garbage included; typed arrays ${f.typedArraysMb} MB), ` +
        `RSS ${f.baseRssMb} MB before, ${f.peakRssMb} MB at peak; ${f.links} links, strict F1 ${f.strictF1}`,
    );
  }  const s = figures.sentences;
  console.log(
    `sentences of ${s.paragraphs.zh} × ${s.paragraphs.en} paragraphs (${s.sentences.zh} × ${s.sentences.en} sentences, dictionary): ` +
      `median ${s.ms} ms (CPU ${s.cpuMs} ms)`,
  );
}
