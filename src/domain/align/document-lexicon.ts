// The dictionary as the aligner uses it for one document: the Chinese words of the document (by
// longest dictionary match) as entries, each with the English lemmas that translate it — from the
// translation table, from the glossary, and from word pairs learned on the document or on links
// people confirmed. The scorer weighs its words one by one against the English lemmas (lexical.ts).

import type { TranslationTable } from '../dictionary/index.ts';

/** Extra translations of Chinese words (glossary terms, learned pairs): word → English lemmas. */
export type ExtraTranslations = ReadonlyMap<string, readonly string[]>;

export interface Segmentation {
  /** Per text, its words as [start, end, table word id] triples (ids −1 − k for extra word k). */
  words: Int32Array[];
}

/** Han characters and 〇: where dictionary words are looked for. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/**
 * Words of each Chinese text by longest match: the table's words and the extra words (glossary
 * terms), whichever is longer at each point. Characters no word covers are skipped.
 */
export function segmentTexts(texts: readonly string[], table: TranslationTable, extraWords: readonly string[] = []): Segmentation {
  const found = { word: -1 };
  // Extra words by their first UTF-16 unit.
  const extraByFirst = new Map<number, number[]>();
  extraWords.forEach((word, k) => {
    const first = word.charCodeAt(0);
    extraByFirst.set(first, [...(extraByFirst.get(first) ?? []), k]);
  });
  const hasExtra = extraByFirst.size > 0;
  let buffer = new Int32Array(3 * 256);
  const words = texts.map((text) => {
    let size = 0;
    if (buffer.length < 3 * text.length) buffer = new Int32Array(3 * text.length);
    for (let at = 0; at < text.length; ) {
      const c = text.charCodeAt(at);
      if (!isHan(c)) {
        at++;
        continue;
      }
      let length = table.longestAt(text, at, found);
      let id = found.word;
      if (hasExtra) {
        for (const k of extraByFirst.get(c) ?? []) {
          const word = extraWords[k]!;
          if (word.length > length && text.startsWith(word, at)) {
            length = word.length;
            id = -1 - k;
          }
        }
      }
      if (length === 0) {
        at++;
        continue;
      }
      buffer[size++] = at;
      buffer[size++] = at + length;
      buffer[size++] = id;
      at += length;
    }
    return buffer.slice(0, size);
  });
  return { words };
}

/** Single characters translate to too much (走: walk, go, run, leave, die…) unless rare in the text. */
const SINGLE_CHARACTER_MAX_LEMMAS = 4;

export interface DocumentLexicon {
  readonly kind: 'dictionary';
  /** Number of entries (distinct words of the document); entry ids run from 0. */
  readonly size: number;
  /** Entry (document word) ids of each Chinese text, in text order, with their spans. */
  readonly segmentation: Segmentation;
  /** The Chinese word of an entry. */
  word(entry: number): string;
  /** Lemma ids (document-local) of an entry. */
  lemmas(entry: number): readonly number[];
  /** The table it was made from. */
  readonly table: TranslationTable;
  /** Number of document-local lemma ids. */
  readonly lemmaCount: number;
  /** Entries of Chinese text i, in text order (repeats kept). */
  entriesOf(i: number): Int32Array;
  /** The document-local id of an English lemma, or −1. */
  lemmaId(lemma: string): number;
  lemma(id: number): string;
}

/** Per table, an array over its word ids (−1 when unused), reused by every document: short texts are aligned by the hundred. */
const scratch = new WeakMap<TranslationTable, Int32Array>();

function entryScratch(table: TranslationTable): Int32Array {
  let array = scratch.get(table);
  if (!array) scratch.set(table, (array = new Int32Array(table.size).fill(-1)));
  return array;
}

/**
 * The lexicon of one document. `extra` adds translations (from the glossary, from confirmed links,
 * from a first alignment) to those of the table.
 */
export function documentLexicon(zh: readonly string[], table: TranslationTable, extra: ExtraTranslations = new Map(), segmentation?: Segmentation): DocumentLexicon {
  const extraWords = [...extra.keys()].filter((w) => w !== '' && table.wordId(w) < 0);
  const seg = segmentation ?? segmentTexts(zh, table, extraWords);
  // Entries: the distinct words met, numbered in order of first occurrence (table words by id, extra words by −1 − k).
  const entryOfWord = entryScratch(table);
  const entryOfExtra = new Int32Array(extraWords.length).fill(-1);
  const words: string[] = [];
  const entryLemmas: number[][] = [];
  // Lemmas by name, numbered as met; table lemmas also by their table id, so each is looked up by name once.
  const lemmaIds = new Map<string, number>();
  const lemmaNames: string[] = [];
  const ofTableLemma = new Map<number, number>();
  const intern = (lemma: string): number => {
    let id = lemmaIds.get(lemma);
    if (id === undefined) {
      id = lemmaNames.length;
      lemmaIds.set(lemma, id);
      lemmaNames.push(lemma);
    }
    return id;
  };
  const newEntry = (wordId: number): number => {
    const entry = words.length;
    const word = wordId >= 0 ? table.word(wordId) : extraWords[-1 - wordId]!;
    words.push(word);
    const lemmas: number[] = [];
    if (wordId >= 0) {
      const own = table.lemmasOf(wordId);
      const kept = word.length === 1 ? Math.min(own.length, SINGLE_CHARACTER_MAX_LEMMAS) : own.length;
      for (let k = 0; k < kept; k++) {
        let id = ofTableLemma.get(own[k]!);
        if (id === undefined) ofTableLemma.set(own[k]!, (id = intern(table.lemma(own[k]!))));
        if (!lemmas.includes(id)) lemmas.push(id);
      }
    }
    for (const lemma of extra.get(word) ?? []) {
      const id = intern(lemma);
      if (!lemmas.includes(id)) lemmas.push(id);
    }
    entryLemmas.push(lemmas);
    return entry;
  };
  let entryIds: Int32Array[];
  try {
    entryIds = seg.words.map((triples) => {
      const ids = new Int32Array(triples.length / 3);
      for (let k = 0; k < ids.length; k++) {
        const wordId = triples[3 * k + 2]!;
        if (wordId >= 0) {
          let entry = entryOfWord[wordId]!;
          if (entry < 0) entryOfWord[wordId] = entry = newEntry(wordId);
          ids[k] = entry;
        } else {
          let entry = entryOfExtra[-1 - wordId]!;
          if (entry < 0) entryOfExtra[-1 - wordId] = entry = newEntry(wordId);
          ids[k] = entry;
        }
      }
      return ids;
    });
  } finally {
    // Leave the scratch array as found: −1 for every word.
    for (const triples of seg.words) for (let k = 2; k < triples.length; k += 3) if (triples[k]! >= 0) entryOfWord[triples[k]!] = -1;
  }
  return {
    kind: 'dictionary',
    table,
    size: words.length,
    segmentation: seg,
    word: (entry) => words[entry]!,
    lemmas: (entry) => entryLemmas[entry]!,
    lemmaCount: lemmaNames.length,
    entriesOf: (i) => entryIds[i]!,
    lemmaId: (lemma) => lemmaIds.get(lemma) ?? -1,
    lemma: (id) => lemmaNames[id]!,
  };
}
