// Scoring an alignment against gold links: strict (exact link) and lax (any shared pair) precision, recall, F1.

import type { LinkSpec } from './types.ts';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

function score(correctPredicted: number, predicted: number, correctGold: number, gold: number): Score {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : correctPredicted / predicted;
  const recall = gold === 0 ? 1 : correctGold / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function linkKey(link: LinkSpec): string {
  return [...link.zh].sort((a, b) => a - b).join(',') + '|' + [...link.en].sort((a, b) => a - b).join(',');
}

/** A link counts only if the gold has exactly the same link (same Chinese and English indices). */
export function strictScore(predicted: readonly LinkSpec[], gold: readonly LinkSpec[]): Score {
  const goldKeys = new Set(gold.map(linkKey));
  const predictedKeys = new Set(predicted.map(linkKey));
  const hits = predicted.filter((l) => goldKeys.has(linkKey(l))).length;
  const found = gold.filter((l) => predictedKeys.has(linkKey(l))).length;
  return score(hits, predicted.length, found, gold.length);
}

function pairs(link: LinkSpec): string[] {
  const out: string[] = [];
  for (const z of link.zh) for (const e of link.en) out.push(z + ':' + e);
  return out;
}

/**
 * A link counts if it shares at least one Chinese×English pair with a link of the other side
 * (a 1-0 or 0-1 link, which has no pair, counts if the other side has the same one).
 */
export function laxScore(predicted: readonly LinkSpec[], gold: readonly LinkSpec[]): Score {
  const pairSet = (links: readonly LinkSpec[]): Set<string> => new Set(links.flatMap(pairs));
  const nullSet = (links: readonly LinkSpec[]): Set<string> =>
    new Set(links.filter((l) => l.zh.length === 0 || l.en.length === 0).map(linkKey));
  const goldPairs = pairSet(gold);
  const predictedPairs = pairSet(predicted);
  const goldNulls = nullSet(gold);
  const predictedNulls = nullSet(predicted);
  const credited = (link: LinkSpec, otherPairs: Set<string>, otherNulls: Set<string>): boolean =>
    link.zh.length === 0 || link.en.length === 0
      ? otherNulls.has(linkKey(link))
      : pairs(link).some((p) => otherPairs.has(p));
  const hits = predicted.filter((l) => credited(l, goldPairs, goldNulls)).length;
  const found = gold.filter((l) => credited(l, predictedPairs, predictedNulls)).length;
  return score(hits, predicted.length, found, gold.length);
}
