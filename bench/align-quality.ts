// Alignment quality on the development set: strict F1 (exact links) and lax F1 (links sharing a
// zh×en pair), per document and perturbation, at paragraph and at sentence level.
//   npx tsx bench/align-quality.ts [--seeds N] [--held-out]
// --held-out scores the documents kept out of tuning instead of the development set.
// Reordered English cannot be expressed by monotone links: its "ceiling" column is the largest share
// of gold links a monotone alignment can contain, an upper bound on strict recall.

import { align, laxScore, strictScore, type LinkSpec } from '../src/domain/align/index.ts';
import type { DevCase, Level } from '../src/domain/align/fixtures/dev-set.ts';
import { DEV_DOCUMENTS, devCases, HELD_OUT_DOCUMENTS } from '../src/domain/align/fixtures/dev-set.ts';
import { isMain } from './lib.ts';

export interface QualityFigure {
  level: Level;
  document: string;
  perturbation: string;
  cases: number;
  strictF1: number;
  laxF1: number;
  /** Share of gold links a monotone alignment can contain at most (1 unless the English was reordered). */
  ceiling: number;
  /** Mean confidence of correct and of wrong links: whether the confidence tells them apart. */
  confidenceRight: number;
  confidenceWrong: number | null;
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

export function run(seeds = 3, heldOut = false): QualityFigure[] {
  const groups = new Map<string, DevCase[]>();
  for (const c of devCases(seeds, ['paragraph', 'sentence'], heldOut ? HELD_OUT_DOCUMENTS : DEV_DOCUMENTS)) {
    const key = `${c.level}\t${c.document}\t${c.perturbation}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].map(([key, cases]) => {
    const [level, document, perturbation] = key.split('\t') as [Level, string, string];
    const strict: number[] = [];
    const lax: number[] = [];
    const right: number[] = [];
    const wrong: number[] = [];
    for (const c of cases) {
      const { links } = align(c.bitext.zh, c.bitext.en);
      strict.push(strictScore(links, c.bitext.gold).f1);
      lax.push(laxScore(links, c.bitext.gold).f1);
      const gold = new Set(c.bitext.gold.map((l) => `${l.zh}|${l.en}`));
      for (const l of links) (gold.has(`${l.zh}|${l.en}`) ? right : wrong).push(l.confidence);
    }
    return {
      level,
      document,
      perturbation,
      cases: cases.length,
      strictF1: round(mean(strict)),
      laxF1: round(mean(lax)),
      ceiling: round(mean(cases.map((c) => monotoneCeiling(c.bitext.gold)))),
      confidenceRight: round(mean(right)),
      confidenceWrong: wrong.length > 0 ? round(mean(wrong)) : null,
    };
  });
}

function report(figures: readonly QualityFigure[]): string {
  const lines = ['level      document                 perturbation  cases  strict F1  lax F1  ceiling'];
  for (const f of figures) {
    lines.push(
      `${f.level.padEnd(10)} ${f.document.padEnd(24)} ${f.perturbation.padEnd(13)} ${String(f.cases).padStart(5)}` +
        `  ${f.strictF1.toFixed(3).padStart(9)}  ${f.laxF1.toFixed(3).padStart(6)}  ${f.ceiling.toFixed(3).padStart(7)}`,
    );
  }
  lines.push('');
  for (const level of ['paragraph', 'sentence'] as const) {
    const byKind = new Map<string, QualityFigure[]>();
    for (const f of figures.filter((x) => x.level === level)) byKind.set(f.perturbation, [...(byKind.get(f.perturbation) ?? []), f]);
    const summary = [...byKind].map(([kind, fs]) => `${kind} ${mean(fs.map((f) => f.strictF1)).toFixed(3)}`).join(', ');
    lines.push(`${level}: mean strict F1 by perturbation: ${summary}`);
  }
  const right = mean(figures.map((f) => f.confidenceRight));
  const wrong = mean(figures.flatMap((f) => (f.confidenceWrong === null ? [] : [f.confidenceWrong])));
  lines.push(`mean confidence of correct links ${right.toFixed(3)}, of wrong links ${wrong.toFixed(3)}`);
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--seeds');
  const seeds = at > 0 ? Number(process.argv[at + 1]) : 3;
  console.log(report(run(seeds, process.argv.includes('--held-out'))));
}
