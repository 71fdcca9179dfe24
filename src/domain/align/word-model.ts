// Word translations learned from aligned text, IBM Model 1 style (as hunalign's second pass does):
// the links a first alignment is surest of, and the links people confirmed, are read as parallel
// sentences; expectation–maximisation estimates t(English lemma | Chinese word) over the pairs that
// co-occur in them, and the pairs it is sure of join the dictionary for the final alignment.

import { ENGLISH_WORD, englishLemma } from '../dictionary/index.ts';
import type { GlossaryTerm } from './types.ts';

/** Glossary terms as extra translations: the term's Chinese → the lemmas of its English. */
export function glossaryTranslations(glossary: readonly GlossaryTerm[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const term of glossary ?? []) {
    const zh = term.zh.trim();
    if (zh === '') continue;
    const lemmas = out.get(zh) ?? [];
    for (const m of term.en.matchAll(ENGLISH_WORD)) {
      const lemma = englishLemma(m[0]);
      if (lemma.length >= 2 && !lemmas.includes(lemma)) lemmas.push(lemma);
    }
    if (lemmas.length > 0) out.set(zh, lemmas);
  }
  return out;
}

/** One parallel unit: the Chinese words (entry ids) and the English lemmas (ids), repeats kept. */
export interface WordPair {
  zh: readonly number[];
  en: readonly number[];
}

export interface LearnOptions {
  iterations?: number;
  /** Smallest t(e | f) kept. */
  threshold?: number;
  /** Smallest expected count kept: one co-occurrence proves nothing. */
  minCount?: number;
}

/**
 * IBM Model 1 with a NULL word, over the given units: for each Chinese word, the English lemmas
 * with t(e | f) ≥ threshold and an expected count ≥ minCount. Returns entry → lemma ids, words in
 * order of first appearance and, for each, lemmas in order of first co-occurrence.
 *
 * The probabilities live in one typed array over the (lemma, word) pairs that co-occur, numbered
 * as they are first met; every co-occurrence of the units points into it, so an iteration of
 * expectation–maximisation is two passes over flat arrays.
 */
export function learnTranslations(pairs: readonly WordPair[], options: LearnOptions = {}): Map<number, number[]> {
  const { iterations = 4, threshold = 0.2, minCount = 1.5 } = options;
  const cooccurring = cooccurrences(pairs);
  const { t, counts } = estimate(pairs, cooccurring, iterations);
  const learned = new Map<number, number[]>();
  if (iterations === 0) return learned;
  // Words in order of first appearance; a word's cells are in order of first co-occurrence.
  const { words, lemmas, cellWord, cellLemma } = cooccurring;
  const byWord: number[][] = words.map(() => []);
  for (let cell = 0; cell < cellWord.length; cell++) {
    if (counts[cell]! < minCount || t[cell]! < threshold) continue;
    byWord[cellWord[cell]!]!.push(lemmas[cellLemma[cell]!]!);
  }
  byWord.forEach((kept, w) => {
    if (kept.length > 0) learned.set(words[w]!, kept);
  });
  return learned;
}

/** The (lemma, word) pairs that co-occur in the units, numbered as first met, and where each co-occurrence points. */
interface Cooccurrences {
  /** Chinese words (entry ids) and English lemmas (ids) in order of first appearance: local number → id. */
  words: number[];
  lemmas: number[];
  /** Each cell's local word and lemma. */
  cellWord: Int32Array;
  cellLemma: Int32Array;
  /** For each English lemma of each unit, in order, its local number; then for each of the unit's Chinese words, the cell. */
  pairLemma: Int32Array;
  cellAt: Int32Array;
}

// The passes below are separate functions, and their loops indexed: they run hundreds of thousands of
// times per alignment, and a function V8 optimises whole does not stop after each loop for lack of
// type feedback on what follows it (an iterator's results would also be objects in code it has not optimised).

function cooccurrences(pairs: readonly WordPair[]): Cooccurrences {
  const lemmaOf = new Map<number, number>();
  const wordOf = new Map<number, number>();
  const words: number[] = [];
  const lemmas: number[] = [];
  let size = 0;
  let lemmaCount = 0;
  let widest = 0;
  for (let p = 0; p < pairs.length; p++) {
    const { zh, en } = pairs[p]!;
    size += en.length * zh.length;
    lemmaCount += en.length;
    widest = Math.max(widest, zh.length);
  }
  const cellAt = new Int32Array(size);
  const pairLemma = new Int32Array(lemmaCount);
  const index = new CellIndex(size);
  const cellWord: number[] = [];
  const cellLemma: number[] = [];
  const local = new Int32Array(widest);
  let at = 0;
  let lemmaAt = 0;
  for (let p = 0; p < pairs.length; p++) {
    const { zh, en } = pairs[p]!;
    for (let k = 0; k < zh.length; k++) {
      const f = zh[k]!;
      let w = wordOf.get(f);
      if (w === undefined) {
        w = words.length;
        wordOf.set(f, w);
        words.push(f);
      }
      local[k] = w;
    }
    for (let k = 0; k < en.length; k++) {
      const e = en[k]!;
      let l = lemmaOf.get(e);
      if (l === undefined) {
        l = lemmas.length;
        lemmaOf.set(e, l);
        lemmas.push(e);
      }
      pairLemma[lemmaAt++] = l;
      for (let b = 0; b < zh.length; b++) {
        const w = local[b]!;
        const cell = index.cell(l, w, cellWord.length);
        if (cell === cellWord.length) {
          cellWord.push(w);
          cellLemma.push(l);
        }
        cellAt[at++] = cell;
      }
    }
  }
  return { words, lemmas, cellWord: Int32Array.from(cellWord), cellLemma: Int32Array.from(cellLemma), pairLemma, cellAt };
}

/** Expectation–maximisation of t(e | f) per cell (and t(e | NULL) per lemma), uniform to start; the last iteration's expected counts. */
function estimate(pairs: readonly WordPair[], cooccurring: Cooccurrences, iterations: number): { t: Float64Array; counts: Float64Array } {
  const { cellWord: word, pairLemma, cellAt } = cooccurring;
  const cells = word.length;
  const lemmaCount = cooccurring.lemmas.length;
  const t = new Float64Array(cells).fill(1);
  const tNull = new Float64Array(lemmaCount).fill(1);
  const counts = new Float64Array(cells);
  const countsNull = new Float64Array(lemmaCount);
  const totals = new Float64Array(cooccurring.words.length);
  for (let iteration = 0; iteration < iterations; iteration++) {
    counts.fill(0);
    countsNull.fill(0);
    totals.fill(0);
    let totalNull = 0;
    let at = 0;
    let lemmaAt = 0;
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p]!;
      const width = pair.zh.length;
      for (let k = 0; k < pair.en.length; k++) {
        const l = pairLemma[lemmaAt++]!;
        let norm = tNull[l]!;
        for (let b = 0; b < width; b++) norm += t[cellAt[at + b]!]!;
        const shareNull = tNull[l]! / norm;
        countsNull[l]! += shareNull;
        totalNull += shareNull;
        for (let b = 0; b < width; b++) {
          const cell = cellAt[at + b]!;
          const share = t[cell]! / norm;
          counts[cell]! += share;
          totals[word[cell]!]! += share;
        }
        at += width;
      }
    }
    for (let cell = 0; cell < cells; cell++) t[cell] = counts[cell]! / totals[word[cell]!]!;
    for (let l = 0; l < lemmaCount; l++) tNull[l] = countsNull[l]! / totalNull;
  }
  return { t, counts };
}

/** Open addressing over (lemma, word) → cell number; grows when half full. */
class CellIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < Math.min(expected, 1 << 16) * 2) capacity <<= 1;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private slotOf(key: number): number {
    const l = Math.floor(key / 0x100000);
    const slot = Math.imul(l, 0x9e3779b1) ^ Math.imul(key - l * 0x100000, 0x85ebca6b);
    return (slot ^ (slot >>> 15)) & this.mask;
  }

  /** The cell of (l, w), or `next` (recorded as its cell) if the pair is new. */
  cell(l: number, w: number, next: number): number {
    const key = l * 0x100000 + w;
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & this.mask) {
      const found = this.keys[slot]!;
      if (found === key) return this.values[slot]!;
      if (found === -1) {
        this.keys[slot] = key;
        this.values[slot] = next;
        if (++this.used * 2 > this.keys.length) this.grow();
        return next;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let k = 0; k < keys.length; k++) {
      if (keys[k] === -1) continue;
      let slot = this.slotOf(keys[k]!);
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[k]!;
      this.values[slot] = values[k]!;
    }
  }
}

/** English content lemmas of a text (stop words out), with repeats, as ids interned in `ids`. */
export function englishLemmaIds(text: string, ids: Map<string, number>, names: string[]): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(ENGLISH_WORD)) {
    if (m[0].length < 2) continue;
    const lemma = englishLemma(m[0]);
    if (lemma.length < 2) continue;
    let id = ids.get(lemma);
    if (id === undefined) {
      id = names.length;
      ids.set(lemma, id);
      names.push(lemma);
    }
    out.push(id);
  }
  return out;
}
