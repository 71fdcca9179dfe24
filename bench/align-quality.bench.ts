// Alignment quality, as the app aligns (with the CC-CEDICT dictionary):
//   - the official-text development set: strict F1 (exact links) and lax F1 (links sharing a zh×en
//     pair) per perturbation, at paragraph and at sentence level;
//   - the held-out official document, kept out of tuning;
//   - MAC-Dev (six hand-aligned chapters of novels, sentence level), strict F1 as in the published
//     comparisons (links with an empty side left out of both sets), per chapter and pooled;
//   - long documents, searched in bands (the texts above are short enough to be searched whole): the six
//     MAC-Dev chapters one after another as one text, and the official dev cases at sentence level likewise;
//   - a reliability table: links by confidence bucket, the share of them that is correct, and the
//     threshold below which the editor says "Check".
//   npm run bench -- align-quality        or   npx tsx bench/align-quality.bench.ts [--seeds N]
// Reordered English cannot be expressed by monotone links: its "ceiling" column is the largest share
// of gold links a monotone alignment can contain, an upper bound on strict recall.

import { nodeTranslationTable } from '../scripts/lib/dictionary.ts';
import { align, CHECK_BELOW, laxScore, strictScore, type Link, type LinkSpec } from '../src/domain/align/index.ts';
import type { DevCase, Level } from '../src/domain/align/fixtures/dev-set.ts';
import { DEV_DOCUMENTS, devCases, HELD_OUT_DOCUMENTS } from '../src/domain/align/fixtures/dev-set.ts';
import { loadMacDev, withoutNullLinks } from '../src/domain/align/fixtures/mac-dev.ts';
import { isMain } from './lib.ts';

export interface QualityFigure {
  set: 'dev' | 'held-out';
  level: Level;
  perturbation: string;
  cases: number;
  strictF1: number;
  laxF1: number;
  /** Share of gold links a monotone alignment can contain at most (1 unless the English was reordered). */
  ceiling: number;
}

export interface MacFigure {
  chapter: string;
  links: number;
  gold: number;
  precision: number;
  recall: number;
  strictF1: number;
}

export interface ReliabilityRow {
  /** Confidence in [from, to). */
  from: number;
  to: number;
  links: number;
  correct: number;
  share: number;
}

/** A long text made of several bitexts one after another, aligned in one go. */
export interface LongFigure {
  text: string;
  zh: number;
  en: number;
  strictF1: number;
}

export interface QualityFigures {
  officialText: QualityFigure[];
  long: LongFigure[];
  mac: { chapters: MacFigure[]; pooled: MacFigure; published: Record<string, number> };
  reliability: { rows: ReliabilityRow[]; atLeast90: { links: number; share: number }; checkBelow: number; checkedWrongShare: number };
}

/**
 * The most gold links a monotone alignment can contain: null links, plus the longest chain of
 * two-sided links increasing on both sides (links that cross cannot all be kept).
 */
function monotoneCeiling(gold: readonly LinkSpec[]): number {
  const spans = gold.filter((l) => l.en.length > 0 && l.zh.length > 0).sort((a, b) => a.zh[0]! - b.zh[0]!);
  const tails: number[] = []; // tails[k]: smallest last English index of a chain of k + 1 links
  for (const link of spans) {
    const first = link.en[0]!;
    const last = link.en.at(-1)!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = Math.min(tails[lo] ?? Infinity, last);
  }
  return (gold.length - spans.length + tails.length) / gold.length;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const round = (value: number): number => Math.round(value * 1000) / 1000;
const key = (l: LinkSpec): string => `${l.zh.join(',')}|${l.en.join(',')}`;

/** Links and whether each is in the gold: what the reliability table is made of. */
type Judged = Array<{ confidence: number; correct: boolean }>;

function judge(links: readonly Link[], gold: readonly LinkSpec[], out: Judged): void {
  const keys = new Set(gold.map(key));
  for (const l of links) out.push({ confidence: l.confidence, correct: keys.has(key(l)) });
}

const BUCKETS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];

function reliability(judged: Judged): QualityFigures['reliability'] {
  const rows: ReliabilityRow[] = [];
  for (let b = 0; b + 1 < BUCKETS.length; b++) {
    const inBucket = judged.filter((j) => j.confidence >= BUCKETS[b]! && j.confidence < BUCKETS[b + 1]!);
    const correct = inBucket.filter((j) => j.correct).length;
    rows.push({ from: BUCKETS[b]!, to: Math.min(1, BUCKETS[b + 1]!), links: inBucket.length, correct, share: round(correct / Math.max(1, inBucket.length)) });
  }
  const high = judged.filter((j) => j.confidence >= 0.9);
  const flagged = judged.filter((j) => j.confidence < CHECK_BELOW);
  return {
    rows,
    atLeast90: { links: high.length, share: round(high.filter((j) => j.correct).length / Math.max(1, high.length)) },
    checkBelow: CHECK_BELOW,
    // Of the wrong links, the share the editor flags for checking.
    checkedWrongShare: round(flagged.filter((j) => !j.correct).length / Math.max(1, judged.filter((j) => !j.correct).length)),
  };
}

export function run(seeds = 3): QualityFigures {
  const dictionary = nodeTranslationTable();
  const judged: Judged = [];
  const officialText: QualityFigure[] = [];
  for (const [set, documents] of [['dev', DEV_DOCUMENTS], ['held-out', HELD_OUT_DOCUMENTS]] as const) {
    const groups = new Map<string, DevCase[]>();
    for (const c of devCases(seeds, ['paragraph', 'sentence'], documents)) {
      const k = `${c.level}\t${c.perturbation}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    for (const [k, cases] of groups) {
      const [level, perturbation] = k.split('\t') as [Level, string];
      const strict: number[] = [];
      const lax: number[] = [];
      for (const c of cases) {
        const { links } = align(c.bitext.zh, c.bitext.en, { dictionary });
        strict.push(strictScore(links, c.bitext.gold).f1);
        lax.push(laxScore(links, c.bitext.gold).f1);
        if (set === 'dev') judge(links, c.bitext.gold, judged);
      }
      officialText.push({
        set,
        level,
        perturbation,
        cases: cases.length,
        strictF1: round(mean(strict)),
        laxF1: round(mean(lax)),
        ceiling: round(mean(cases.map((c) => monotoneCeiling(c.bitext.gold)))),
      });
    }
  }
  const chapters: MacFigure[] = [];
  let hits = 0;
  let predicted = 0;
  let gold = 0;
  for (const chapter of loadMacDev()) {
    const { links } = align(chapter.zh, chapter.en, { dictionary });
    judge(links, chapter.gold, judged);
    const p = withoutNullLinks(links);
    const g = withoutNullLinks(chapter.gold);
    const keys = new Set(g.map(key));
    const hit = p.filter((l) => keys.has(key(l))).length;
    hits += hit;
    predicted += p.length;
    gold += g.length;
    const s = strictScore(p, g);
    chapters.push({ chapter: chapter.id, links: p.length, gold: g.length, precision: round(s.precision), recall: round(s.recall), strictF1: round(s.f1) });
  }
  const long = [
    longFigure('MAC-Dev chapters as one text', loadMacDev(), dictionary, true),
    longFigure('official dev, sentences, all cases as one text', devCases(seeds, ['sentence'], DEV_DOCUMENTS).map((c) => c.bitext), dictionary, false),
  ];
  const precision = hits / Math.max(1, predicted);
  const recall = hits / Math.max(1, gold);
  const pooled = { chapter: 'all (pooled)', links: predicted, gold, precision: round(precision), recall: round(recall), strictF1: round((2 * precision * recall) / (precision + recall)) };
  return {
    officialText,
    long,
    mac: { chapters, pooled, published: { 'Gale–Church (MAC-Test)': 0.485, 'Hunalign (MAC-Test)': 0.61, 'Bleualign (MAC-Test)': 0.641 } },
    reliability: reliability(judged),
  };
}

/** Bitexts one after another as one text, aligned in one go; strict F1 (without null links, as for MAC-Dev, when `published`). */
function longFigure(text: string, parts: ReadonlyArray<{ zh: string[]; en: string[]; gold: LinkSpec[] }>, dictionary: ReturnType<typeof nodeTranslationTable>, published: boolean): LongFigure {
  const zh: string[] = [];
  const en: string[] = [];
  const gold: LinkSpec[] = [];
  for (const part of parts) {
    const z0 = zh.length;
    const e0 = en.length;
    zh.push(...part.zh);
    en.push(...part.en);
    for (const l of part.gold) gold.push({ zh: l.zh.map((k) => k + z0), en: l.en.map((k) => k + e0) });
  }
  const { links } = align(zh, en, { dictionary });
  const score = published ? strictScore(withoutNullLinks(links), withoutNullLinks(gold)) : strictScore(links, gold);
  return { text, zh: zh.length, en: en.length, strictF1: round(score.f1) };
}

export function report(figures: QualityFigures): string {
  const lines = ['Official texts (strict F1, mean over cases)', 'set       level      perturbation  cases  strict F1  lax F1  ceiling'];
  for (const f of figures.officialText) {
    lines.push(
      `${f.set.padEnd(9)} ${f.level.padEnd(10)} ${f.perturbation.padEnd(13)} ${String(f.cases).padStart(5)}` +
        `  ${f.strictF1.toFixed(3).padStart(9)}  ${f.laxF1.toFixed(3).padStart(6)}  ${f.ceiling.toFixed(3).padStart(7)}`,
    );
  }
  lines.push('', 'MAC-Dev (sentence level, strict F1 without null links)', 'chapter        links   gold  precision  recall  strict F1');
  for (const c of [...figures.mac.chapters, figures.mac.pooled]) {
    lines.push(`${c.chapter.padEnd(13)} ${String(c.links).padStart(6)} ${String(c.gold).padStart(6)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}  ${c.strictF1.toFixed(3).padStart(9)}`);
  }
  lines.push(`published on MAC-Test: ${Object.entries(figures.mac.published).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push('', 'Long texts (searched in bands), strict F1', 'text                                              zh × en        strict F1');
  for (const f of figures.long) lines.push(`${f.text.padEnd(49)} ${`${f.zh} × ${f.en}`.padEnd(14)} ${f.strictF1.toFixed(3).padStart(9)}`);
  const r = figures.reliability;
  lines.push('', 'Reliability (official dev set and MAC-Dev links): confidence → share correct', 'confidence     links  correct  share');
  for (const row of r.rows) lines.push(`${row.from.toFixed(2)}–${row.to.toFixed(2)}  ${String(row.links).padStart(7)}  ${String(row.correct).padStart(7)}  ${row.share.toFixed(3)}`);
  lines.push(`confidence ≥ 0.90: ${r.atLeast90.links} links, ${(r.atLeast90.share * 100).toFixed(1)} % correct`);
  lines.push(`"Check" below ${Math.round(r.checkBelow * 100)} %: flags ${(r.checkedWrongShare * 100).toFixed(1)} % of the wrong links`);
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--seeds');
  console.log(report(run(at > 0 ? Number(process.argv[at + 1]) : 3)));
}
