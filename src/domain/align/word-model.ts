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
 * with t(e | f) ≥ threshold and an expected count ≥ minCount. Returns entry → lemma ids.
 */
export function learnTranslations(pairs: readonly WordPair[], options: LearnOptions = {}): Map<number, number[]> {
  const { iterations = 4, threshold = 0.2, minCount = 1.5 } = options;
  const NULL = -1;
  // t as a map per English lemma: Chinese word → probability; uniform over co-occurring words to start.
  const t = new Map<number, Map<number, number>>();
  for (const pair of pairs) {
    for (const e of pair.en) {
      let row = t.get(e);
      if (!row) t.set(e, (row = new Map()));
      row.set(NULL, 1);
      for (const f of pair.zh) row.set(f, 1);
    }
  }
  let counts = new Map<number, Map<number, number>>();
  for (let iteration = 0; iteration < iterations; iteration++) {
    counts = new Map();
    const totals = new Map<number, number>();
    for (const pair of pairs) {
      for (const e of pair.en) {
        const row = t.get(e)!;
        let norm = row.get(NULL)!;
        for (const f of pair.zh) norm += row.get(f)!;
        const add = (f: number, share: number) => {
          let byE = counts.get(f);
          if (!byE) counts.set(f, (byE = new Map()));
          byE.set(e, (byE.get(e) ?? 0) + share);
          totals.set(f, (totals.get(f) ?? 0) + share);
        };
        add(NULL, row.get(NULL)! / norm);
        for (const f of pair.zh) add(f, row.get(f)! / norm);
      }
    }
    for (const [f, byE] of counts) {
      const total = totals.get(f)!;
      for (const [e, c] of byE) t.get(e)!.set(f, c / total);
    }
  }
  const learned = new Map<number, number[]>();
  for (const [f, byE] of counts) {
    if (f === NULL) continue;
    for (const [e, c] of byE) {
      if (c < minCount || t.get(e)!.get(f)! < threshold) continue;
      learned.set(f, [...(learned.get(f) ?? []), e]);
    }
  }
  return learned;
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
